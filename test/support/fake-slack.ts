/**
 * A fake Slack on 127.0.0.1: the Web API (`/api/<method>`) and a response_url
 * sink (`/response/<id>`), recording every call. Point the app at `apiUrl`
 * (SLACK_API_URL) and hand out `responseUrl()` in slash command payloads.
 *
 * Answers can be scripted per method (`script`, `answerAlways`), e.g.
 * chat.postMessage -> channel_not_found, or HTTP 429 with Retry-After. With
 * `rateLimitPerChannel`, chat.postMessage answers 429 past that many messages
 * per second in one channel, as Slack does (docs.slack.dev/reference/methods/chat.postMessage,
 * "Rate limiting": 1 message per second per channel).
 *
 * conversations.history answers from the messages chat.postMessage accepted
 * (newest first, `oldest`, `limit` and `cursor` honoured, metadata only with
 * include_all_metadata), so delivery-key look-ups work end to end. A message
 * posted with `thread_ts` is a reply in that thread: it is not in the
 * channel's history but in conversations.replies (the parent, then its
 * replies, oldest first), as Slack keeps them. chat.update edits a kept
 * message (`message_not_found` once `deleteMessage` took it away),
 * chat.getPermalink answers an archives link, and views.open records the
 * modal (`views()`); views.publish and views.update answer with the view
 * and an id (`published()`, `updatedViews()`), chat.unfurl is kept
 * (`unfurls()`), and users.conversations answers from the memberships
 * `setMemberships` gave (none by default).
 *
 * Files go the way Bolt's files.uploadV2 sends them: files.getUploadURLExternal
 * answers an upload URL on this fake, the bytes are posted there (raw, or as
 * the one file of a multipart form, as @slack/web-api posts them), and
 * files.completeUploadExternal shares them into `channel_id`.
 * `uploadedFiles()` has each completed file with its bytes.
 *
 * Accessors return copies, so they suit `waitFor(() => ...)`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait-for.js';

export interface ScriptedAnswer {
  /** HTTP status; default 200. */
  status?: number;
  /** JSON body; default the method's normal success answer. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer this much later (a slow Slack). */
  delayMs?: number;
}

export interface FakeSlackCall {
  method: string;
  /** Parsed parameters: form fields (with blocks/attachments/metadata JSON-decoded) or the JSON body. */
  params: Record<string, unknown>;
  /** Bearer token from the Authorization header, or the `token` parameter. */
  token: string | undefined;
  /** The status the fake answered with. */
  status: number;
  /** The `error` code the fake answered with, when `ok` was false. */
  error: string | undefined;
  /** The message's `ts` in the answer (chat.postMessage, chat.update). */
  ts?: string;
  at: number;
}

export interface FakeSlackResponse {
  /** The response_url id (the last path segment). */
  id: string;
  /** What the app posted: text, blocks, response_type, replace_original ... */
  body: Record<string, unknown>;
  at: number;
  /** 'ack' for a slash command's answer given as the body of its ack (an immediate response), shown as Slack shows it. */
  via: 'ack' | 'response_url';
}

/** A file shared through files.completeUploadExternal, with the bytes posted to its upload URL. */
export interface FakeSlackFile {
  id: string;
  filename: string;
  title: string | undefined;
  channelId: string | undefined;
  bytes: Buffer;
}

export interface FakeSlackOptions {
  /** chat.postMessage answers 429 past this many messages per second in one channel. */
  rateLimitPerChannel?: number;
}

export interface FakeSlack {
  /** Origin, e.g. http://127.0.0.1:53122. */
  url: string;
  /** Web API base for the app (slackApiUrl / SLACK_API_URL). */
  apiUrl: string;
  /** A fresh response_url on the sink; `id` names it for later filtering. */
  responseUrl(id?: string): string;
  /**
   * What Slack does with a slash command's ack whose body is a message (an
   * immediate response): shows it, as if posted to the command's
   * response_url `id`. The harness passes every command's ack body here.
   */
  showAckAnswer(id: string, ackBody: string): void;
  /** Queues answers for the next calls of `method` (or 'response_url'); afterwards the defaults apply. */
  script(method: string, ...answers: ScriptedAnswer[]): void;
  /** Answers every later call of `method` this way, until reset() or answerNormally(). */
  answerAlways(method: string, answer: ScriptedAnswer): void;
  /** Drops the scripts of `method`: it answers as Slack normally would again (calls are kept). */
  answerNormally(method: string): void;
  calls(method?: string): FakeSlackCall[];
  /** Messages chat.postMessage accepted (status 200, ok), thread replies included. */
  postedMessages(channel?: string): FakeSlackCall[];
  /** Top-level messages chat.postMessage accepted in the channel (no thread replies). */
  topLevelMessages(channel?: string): FakeSlackCall[];
  /** Replies chat.postMessage accepted in the thread of the message `ts`. */
  threadReplies(channel: string, ts: string): FakeSlackCall[];
  /** Edits chat.update accepted, of one message when `ts` is given. */
  updates(channel?: string, ts?: string): FakeSlackCall[];
  /** As if someone deleted the message: chat.update then answers message_not_found. */
  deleteMessage(channel: string, ts: string): void;
  /** The `ts` chat.postMessage answered a call with. */
  tsOf(call: FakeSlackCall): string;
  /** Views opened with views.open (their `view` parameter, JSON-decoded). */
  views(): Array<Record<string, unknown>>;
  /** Home tabs published with views.publish, for one user when `userId` is given. */
  published(userId?: string): Array<{ userId: string; view: Record<string, unknown> }>;
  /** Views replaced with views.update, of one view when `viewId` is given. */
  updatedViews(viewId?: string): Array<{ viewId: string; view: Record<string, unknown> }>;
  /** chat.unfurl calls: channel, ts and the unfurls by URL. */
  unfurls(): Array<{ channel: string; ts: string; unfurls: Record<string, { blocks?: unknown[] }> }>;
  /** The channels users.conversations lists for this user (public and private alike). */
  setMemberships(userId: string, channelIds: string[]): void;
  responses(id?: string): FakeSlackResponse[];
  /** Files uploaded and completed, oldest first. */
  uploadedFiles(): FakeSlackFile[];
  waitForCalls(method: string, count?: number, timeoutMs?: number): Promise<FakeSlackCall[]>;
  waitForResponses(count?: number, timeoutMs?: number, id?: string): Promise<FakeSlackResponse[]>;
  /** Forgets calls, responses and scripts. */
  reset(): void;
  close(): Promise<void>;
}

interface StoredMessage {
  channel: string;
  message: { type: string; text: unknown; bot_id: string; ts: string; metadata: unknown; thread_ts?: string };
  deleted?: boolean;
}

export const FAKE_TEAM_ID = 'T0001';
export const FAKE_BOT_USER_ID = 'UBOT0001';
export const FAKE_BOT_ID = 'BBOT0001';

/** `{ok:false, error}` as Slack answers a refused call (HTTP 200). */
export function slackError(error: string): ScriptedAnswer {
  return { body: { ok: false, error } };
}

/** HTTP 429 with Retry-After in seconds, as Slack rate-limits. */
export function rateLimited(retryAfterSeconds: number): ScriptedAnswer {
  return { status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } };
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  let baseUrl = (): string => '';
  let calls: FakeSlackCall[] = [];
  let responses: FakeSlackResponse[] = [];
  let queued = new Map<string, ScriptedAnswer[]>();
  let always = new Map<string, ScriptedAnswer>();
  let postsByChannel = new Map<string, number[]>();
  let history: StoredMessage[] = [];
  let nextTs = 1;
  let nextResponseId = 1;
  let nextFileId = 1;
  let pendingFiles = new Map<string, { filename: string; bytes: Buffer | null }>();
  let files: FakeSlackFile[] = [];
  let memberships = new Map<string, string[]>();

  const scripted = (method: string): ScriptedAnswer | undefined => {
    const queue = queued.get(method);
    if (queue && queue.length > 0) return queue.shift();
    return always.get(method);
  };

  const rateLimitAnswer = (channel: string): ScriptedAnswer | undefined => {
    const limit = options.rateLimitPerChannel;
    if (limit === undefined) return undefined;
    const now = Date.now();
    const recent = (postsByChannel.get(channel) ?? []).filter((at) => now - at < 1_000);
    if (recent.length >= limit) {
      postsByChannel.set(channel, recent);
      return rateLimited(Math.max(1, Math.ceil((recent[0]! + 1_000 - now) / 1_000)));
    }
    postsByChannel.set(channel, [...recent, now]);
    return undefined;
  };

  const defaultBody = (method: string, params: Record<string, unknown>): unknown => {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://kyc-desk-test.slack.com/',
          team: 'KYC Desk Test',
          user: 'kyc-desk',
          team_id: FAKE_TEAM_ID,
          user_id: FAKE_BOT_USER_ID,
          bot_id: FAKE_BOT_ID,
        };
      case 'chat.postMessage': {
        const ts = `${Math.floor(Date.now() / 1000)}.${String(nextTs++ % 1_000_000).padStart(6, '0')}`;
        const thread = typeof params.thread_ts === 'string' ? { thread_ts: params.thread_ts } : {};
        const message = { type: 'message', text: params.text, bot_id: FAKE_BOT_ID, ts, metadata: params.metadata, ...thread };
        history.push({ channel: String(params.channel), message });
        return { ok: true, channel: params.channel, ts, message };
      }
      case 'chat.update': {
        const kept = history.find((entry) => entry.channel === params.channel && entry.message.ts === params.ts && !entry.deleted);
        if (!kept) return { ok: false, error: 'message_not_found' };
        kept.message.text = params.text;
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      }
      case 'chat.getPermalink':
        return { ok: true, channel: params.channel, permalink: `https://kyc-desk-test.slack.com/archives/${String(params.channel)}/p${String(params.message_ts).replace('.', '')}` };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: `V${nextTs++}`, ...(params.view as object) } };
      case 'views.update':
        return { ok: true, view: { ...(params.view as object), id: params.view_id } };
      case 'users.conversations': {
        const channels = (memberships.get(String(params.user)) ?? []).map((id) => ({ id, is_channel: true }));
        return { ok: true, channels, response_metadata: { next_cursor: '' } };
      }
      case 'conversations.open':
        // A direct message's id is D followed by the user's id here (Slack's are D plus something else).
        return { ok: true, channel: { id: `D${String(params.users).replace(/^U/, '')}` } };
      case 'conversations.replies': {
        const oldest = Number(params.oldest ?? 0);
        const all = history
          .filter((entry) => entry.channel === params.channel && (entry.message.ts === params.ts || entry.message.thread_ts === params.ts))
          .filter((entry) => entry.message.ts === params.ts || Number(entry.message.ts) > oldest)
          .map((entry) => entry.message)
          .map(({ metadata, ...rest }) => (String(params.include_all_metadata) === 'true' && metadata ? { ...rest, metadata } : rest));
        return { ok: true, messages: all, has_more: false, response_metadata: { next_cursor: '' } };
      }
      case 'conversations.history': {
        const oldest = Number(params.oldest ?? 0);
        const all = history
          // A reply in a thread is not in the channel's history.
          .filter((entry) => entry.channel === params.channel && Number(entry.message.ts) > oldest && entry.message.thread_ts === undefined)
          .map((entry) => entry.message)
          .reverse()
          .map(({ metadata, ...rest }) => (String(params.include_all_metadata) === 'true' && metadata ? { ...rest, metadata } : rest));
        const start = Number(params.cursor ?? 0);
        const limit = Number(params.limit ?? 100);
        const page = all.slice(start, start + limit);
        const more = start + limit < all.length;
        return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(start + limit) : '' } };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${String(nextFileId++).padStart(8, '0')}`;
        pendingFiles.set(id, { filename: String(params.filename ?? ''), bytes: null });
        return { ok: true, upload_url: `${baseUrl()}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const listed = (Array.isArray(params.files) ? params.files : []) as Array<{ id?: string; title?: string }>;
        const done: FakeSlackFile[] = [];
        for (const entry of listed) {
          const pending = entry.id ? pendingFiles.get(entry.id) : undefined;
          if (!pending?.bytes) return { ok: false, error: 'file_not_found' };
          done.push({ id: entry.id!, filename: pending.filename, title: entry.title, channelId: params.channel_id as string | undefined, bytes: pending.bytes });
          pendingFiles.delete(entry.id!);
        }
        files.push(...done);
        return { ok: true, files: done.map((file) => ({ id: file.id, title: file.title ?? file.filename, name: file.filename })) };
      }
      case 'apps.connections.open':
        // Socket Mode needs a WebSocket server; this fake has none.
        return { ok: false, error: 'not_emulated' };
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = (request.url ?? '/').split('?')[0]!;
      if (request.method === 'POST' && path.startsWith('/upload/')) {
        const pending = pendingFiles.get(path.slice('/upload/'.length));
        if (!pending) return send(response, 404, { ok: false, error: 'unknown_upload' });
        pending.bytes = await uploadedBytes(request);
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(`OK - ${pending.bytes.length}`);
        return;
      }
      const raw = await readAll(request);
      if (request.method === 'POST' && path.startsWith('/response/')) {
        const answer = scripted('response_url') ?? {};
        if (answer.delayMs) await delay(answer.delayMs);
        responses.push({ id: decodeURIComponent(path.slice('/response/'.length)), body: parseJson(raw), at: Date.now(), via: 'response_url' });
        send(response, answer.status ?? 200, answer.body ?? { ok: true }, answer.headers);
        return;
      }
      if (request.method === 'POST' && path.startsWith('/api/')) {
        const method = path.slice('/api/'.length);
        const params = parseParams(raw, request.headers['content-type']);
        const auth = request.headers.authorization;
        const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : (params.token as string | undefined);
        const limited = method === 'chat.postMessage' ? rateLimitAnswer(String(params.channel)) : undefined;
        const answer = limited ?? scripted(method) ?? {};
        if (answer.delayMs) await delay(answer.delayMs);
        const status = answer.status ?? 200;
        const body = answer.body ?? defaultBody(method, params);
        const error = (body as { ok?: boolean; error?: string }).ok === false ? (body as { error?: string }).error : undefined;
        const ts = (body as { ts?: unknown }).ts;
        calls.push({ method, params, token, status, error, ...(typeof ts === 'string' ? { ts } : {}), at: Date.now() });
        send(response, status, body, answer.headers);
        return;
      }
      send(response, 404, { ok: false, error: 'unknown_path' });
    })().catch(() => {
      if (!response.headersSent) send(response, 500, { ok: false, error: 'fake_slack_failed' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  baseUrl = () => url;

  const fake: FakeSlack = {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/response/${encodeURIComponent(id ?? `r${nextResponseId++}`)}`,
    showAckAnswer: (id, ackBody) => {
      // An empty ack shows nothing; the answer then comes through response_url.
      if (ackBody.trim() === '') return;
      responses.push({ id, body: parseJson(ackBody), at: Date.now(), via: 'ack' });
    },
    script: (method, ...answers) => {
      queued.set(method, [...(queued.get(method) ?? []), ...answers]);
    },
    answerAlways: (method, answer) => {
      always.set(method, answer);
    },
    answerNormally: (method) => {
      always.delete(method);
      queued.delete(method);
    },
    calls: (method) => calls.filter((call) => method === undefined || call.method === method),
    postedMessages: (channel) =>
      calls.filter(
        (call) =>
          call.method === 'chat.postMessage' &&
          call.status === 200 &&
          call.error === undefined &&
          (channel === undefined || call.params.channel === channel),
      ),
    topLevelMessages: (channel) => fake.postedMessages(channel).filter((call) => call.params.thread_ts === undefined),
    threadReplies: (channel, ts) => fake.postedMessages(channel).filter((call) => call.params.thread_ts === ts),
    updates: (channel, ts) =>
      calls.filter(
        (call) =>
          call.method === 'chat.update' &&
          call.error === undefined &&
          call.status === 200 &&
          (channel === undefined || call.params.channel === channel) &&
          (ts === undefined || call.params.ts === ts),
      ),
    deleteMessage: (channel, ts) => {
      for (const entry of history) if (entry.channel === channel && entry.message.ts === ts) entry.deleted = true;
    },
    tsOf: (call) => call.ts ?? '',
    views: () => calls.filter((call) => call.method === 'views.open').map((call) => call.params.view as Record<string, unknown>),
    published: (userId) =>
      calls
        .filter((call) => call.method === 'views.publish' && call.error === undefined && (userId === undefined || call.params.user_id === userId))
        .map((call) => ({ userId: String(call.params.user_id), view: call.params.view as Record<string, unknown> })),
    updatedViews: (viewId) =>
      calls
        .filter((call) => call.method === 'views.update' && call.error === undefined && (viewId === undefined || call.params.view_id === viewId))
        .map((call) => ({ viewId: String(call.params.view_id), view: call.params.view as Record<string, unknown> })),
    unfurls: () =>
      calls
        .filter((call) => call.method === 'chat.unfurl')
        .map((call) => ({ channel: String(call.params.channel), ts: String(call.params.ts), unfurls: call.params.unfurls as Record<string, { blocks?: unknown[] }> })),
    setMemberships: (userId, channelIds) => {
      memberships.set(userId, [...channelIds]);
    },
    responses: (id) => responses.filter((entry) => id === undefined || entry.id === id),
    uploadedFiles: () => files.map((file) => ({ ...file, bytes: Buffer.from(file.bytes) })),
    waitForCalls: (method, count = 1, timeoutMs = 5_000) =>
      waitFor(
        () => {
          const found = fake.calls(method);
          return found.length >= count ? found : null;
        },
        { timeoutMs, message: `${count} call(s) of ${method}` },
      ),
    waitForResponses: (count = 1, timeoutMs = 5_000, id) =>
      waitFor(
        () => {
          const found = fake.responses(id);
          return found.length >= count ? found : null;
        },
        { timeoutMs, message: `${count} response_url post(s)` },
      ),
    reset: () => {
      calls = [];
      responses = [];
      queued = new Map();
      always = new Map();
      postsByChannel = new Map();
      history = [];
      pendingFiles = new Map();
      files = [];
      memberships = new Map();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return fake;
}

function send(response: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'unfurl_links', 'unfurl_media', 'view', 'files', 'unfurls']);

/** The bytes posted to an upload URL: the body itself, or the one file part of a multipart form (as @slack/web-api posts it). */
async function uploadedBytes(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return body;
  const form = await new Response(body, { headers: { 'content-type': type } }).formData();
  for (const [, value] of form) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return Buffer.alloc(0);
}

function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return parseJson(raw);
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = JSON_FIELDS.has(key) ? tryJson(value) : value;
  }
  return params;
}

function parseJson(raw: string): Record<string, unknown> {
  const value = tryJson(raw);
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : { raw };
}

function tryJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
