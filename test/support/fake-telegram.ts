/**
 * A fake Telegram Bot API on 127.0.0.1 for tests: the bot under test points
 * its apiRoot here and runs its real grammY code paths against it.
 *
 * - Scripted updates are served through getUpdates (long polling: a request
 *   waits until an update arrives or its `timeout` passes), or built without
 *   queueing for webhook tests (`textUpdate`, `buttonUpdate`).
 * - Every call is recorded (`calls`), and the bot's messages are kept as a
 *   chat would show them after edits (`messages`), with the message each one
 *   replies to (reply_parameters). `deleteMessage` takes one away, as a
 *   person deleting it would: editing it then fails as Telegram's does.
 * - Files the bot sends (sendDocument, sendPhoto: multipart/form-data, the
 *   file attached as `attach://<part>`) are kept with their bytes (`files`).
 * - Any method can be scripted to answer differently, e.g.
 *   `fake.script('sendMessage', telegramErrors.tooManyRequests(1), { times: 1 })` or
 *   `fake.script('sendMessage', telegramErrors.kicked(), { chatId: -100 })`.
 *
 * Answers follow the Bot API's shapes (core.telegram.org/bots/api#making-requests):
 * `{ok: true, result}` or `{ok: false, error_code, description, parameters?}`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InlineKeyboardMarkup, Update } from 'grammy/types';

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** HTTP status the fake answered with. */
  status: number;
  at: number;
}

export interface ScriptedAnswer {
  status: number;
  body: unknown;
}

export interface ScriptOptions {
  /** Answer this many calls, then fall back to the default (default: every call). */
  times?: number;
  /** Only calls whose payload.chat_id is this chat. */
  chatId?: string | number;
}

/** A message the bot sent, as the chat shows it now (after edits). */
export interface FakeMessage {
  messageId: number;
  chatId: string;
  /** As sent: HTML when parseMode is 'HTML'. */
  text: string;
  parseMode?: string;
  replyMarkup?: InlineKeyboardMarkup;
  threadId?: number;
  /** The message this one replies to (reply_parameters.message_id). */
  replyTo?: number;
  edits: number;
}

/** A file the bot sent with sendDocument or sendPhoto. */
export interface FakeFile {
  method: 'sendDocument' | 'sendPhoto';
  chatId: string;
  filename: string;
  caption?: string;
  threadId?: number;
  bytes: Buffer;
}

export interface FakeUser {
  userId?: number;
  /** Defaults to the user id (a private chat). Negative ids for groups. */
  chatId?: number;
  chatType?: 'private' | 'group' | 'supergroup';
  languageCode?: string;
  firstName?: string;
  /** A message in a forum topic of a supergroup. */
  threadId?: number;
  /** A reply to this message of the bot's. */
  replyTo?: FakeMessage;
}

export interface FakeTelegram {
  /** Pass as the bot's apiRoot. */
  apiRoot: string;
  /** The token the fake accepts; any other gets 401 Unauthorized. */
  token: string;
  botUsername: string;
  calls(method?: string): RecordedCall[];
  /** The bot's messages in one chat, oldest first. */
  messages(chatId: string | number): FakeMessage[];
  /** Files the bot sent to one chat, oldest first. */
  files(chatId: string | number): FakeFile[];
  script(method: string, answer: ScriptedAnswer | ((payload: Record<string, unknown>) => ScriptedAnswer), options?: ScriptOptions): void;
  /** Queues an update for getUpdates; returns it with its update_id. */
  pushUpdate(update: Omit<Update, 'update_id'>): Update;
  /** A user's text message (a `/command` gets its bot_command entity, as Telegram adds it). */
  textUpdate(text: string, from?: FakeUser): Update;
  sendText(text: string, from?: FakeUser): Update;
  /** A press on one of a message's inline buttons, found by its text. */
  buttonUpdate(message: FakeMessage, buttonText: string, from?: FakeUser): Update;
  pressButton(message: FakeMessage, buttonText: string, from?: FakeUser): Update;
  /** As if someone deleted the bot's message: it is gone from `messages` and cannot be edited. */
  deleteMessage(chatId: string | number, messageId: number): void;
  /** Updates queued but not yet confirmed by a later getUpdates offset. */
  unconfirmedUpdates(): number;
  /** getUpdates requests being held open right now (long polling in progress). */
  openPolls(): number;
  close(): Promise<void>;
}

/** Bot API error answers as Telegram words them. */
export const telegramErrors = {
  tooManyRequests: (retryAfter: number): ScriptedAnswer =>
    error(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }),
  kicked: (): ScriptedAnswer => error(403, 'Forbidden: bot was kicked from the group chat'),
  blocked: (): ScriptedAnswer => error(403, 'Forbidden: bot was blocked by the user'),
  chatNotFound: (): ScriptedAnswer => error(400, 'Bad Request: chat not found'),
  upgradedToSupergroup: (newChatId: number): ScriptedAnswer =>
    error(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: newChatId }),
  unauthorized: (): ScriptedAnswer => error(401, 'Unauthorized'),
  internal: (): ScriptedAnswer => error(500, 'Internal Server Error'),
  badRequest: (description: string): ScriptedAnswer => error(400, `Bad Request: ${description}`),
};

function error(status: number, description: string, parameters?: Record<string, unknown>): ScriptedAnswer {
  return { status, body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) } };
}

const ok = (result: unknown): ScriptedAnswer => ({ status: 200, body: { ok: true, result } });

interface Waiter {
  offset: number;
  limit: number;
  done(updates: Update[]): void;
}

interface Script {
  method: string;
  answer: ScriptedAnswer | ((payload: Record<string, unknown>) => ScriptedAnswer);
  remaining: number;
  chatId?: string;
}

export async function startFakeTelegram(options: { token?: string; botUsername?: string } = {}): Promise<FakeTelegram> {
  const token = options.token ?? '123456:TEST-fake-token';
  const botUsername = options.botUsername ?? 'KycDeskTestBot';
  const bot = { id: 123456, is_bot: true as const, first_name: 'KYC Desk', username: botUsername };
  const calls: RecordedCall[] = [];
  const messages: FakeMessage[] = [];
  const sentFiles: FakeFile[] = [];
  const scripts: Script[] = [];
  const updates: Update[] = [];
  let waiters: Waiter[] = [];
  let confirmedOffset = 0;
  let nextUpdateId = 1;
  let nextMessageId = 1000;
  let nextQueryId = 1;
  let closed = false;

  const pending = (offset: number, limit: number): Update[] =>
    updates.filter((update) => update.update_id >= offset).slice(0, limit);

  const wake = (): void => {
    const still: Waiter[] = [];
    for (const waiter of waiters) {
      const ready = pending(waiter.offset, waiter.limit);
      if (ready.length) waiter.done(ready);
      else still.push(waiter);
    }
    waiters = still;
  };

  const getUpdates = (payload: Record<string, unknown>, response: ServerResponse): Promise<ScriptedAnswer> => {
    const offset = typeof payload.offset === 'number' ? payload.offset : 0;
    const limit = typeof payload.limit === 'number' ? payload.limit : 100;
    const timeout = typeof payload.timeout === 'number' ? payload.timeout : 0;
    // An offset confirms every earlier update (core.telegram.org/bots/api#getupdates).
    confirmedOffset = Math.max(confirmedOffset, offset);
    const ready = pending(offset, limit);
    if (ready.length || timeout === 0 || closed) return Promise.resolve(ok(ready));
    return new Promise((resolve) => {
      const waiter: Waiter = {
        offset,
        limit,
        done: (found) => {
          clearTimeout(timer);
          resolve(ok(found));
        },
      };
      const timer = setTimeout(() => waiter.done([]), timeout * 1000);
      waiters.push(waiter);
      response.once('close', () => {
        clearTimeout(timer);
        waiters = waiters.filter((candidate) => candidate !== waiter);
      });
    });
  };

  const sendMessage = (payload: Record<string, unknown>): ScriptedAnswer => {
    const chatId = String(payload.chat_id);
    const text = String(payload.text ?? '');
    if (!text.trim()) return telegramErrors.badRequest('message text is empty');
    const message: FakeMessage = {
      messageId: nextMessageId++,
      chatId,
      text,
      edits: 0,
      ...(typeof payload.parse_mode === 'string' ? { parseMode: payload.parse_mode } : {}),
      ...(payload.reply_markup ? { replyMarkup: payload.reply_markup as InlineKeyboardMarkup } : {}),
      ...(typeof payload.message_thread_id === 'number' ? { threadId: payload.message_thread_id } : {}),
      ...(typeof (payload.reply_parameters as { message_id?: unknown } | undefined)?.message_id === 'number'
        ? { replyTo: (payload.reply_parameters as { message_id: number }).message_id }
        : {}),
    };
    messages.push(message);
    return ok(apiMessage(message));
  };

  /** The file is the form part the field names (`attach://<part>`), as grammY sends an InputFile. */
  const sendFile = (method: 'sendDocument' | 'sendPhoto', payload: Record<string, unknown>): ScriptedAnswer => {
    const field = payload[method === 'sendDocument' ? 'document' : 'photo'];
    const part = typeof field === 'string' && field.startsWith('attach://') ? ((payload as Record<symbol, unknown>)[ATTACHED] as Attached | undefined)?.[field.slice(9)] : undefined;
    if (!part) return telegramErrors.badRequest('there is no file in the request');
    sentFiles.push({
      method,
      chatId: String(payload.chat_id),
      filename: part.filename,
      bytes: part.bytes,
      ...(typeof payload.caption === 'string' ? { caption: payload.caption } : {}),
      ...(payload.message_thread_id !== undefined ? { threadId: Number(payload.message_thread_id) } : {}),
    });
    return ok({ message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id), type: 'private' }, document: { file_name: part.filename } });
  };

  const editMessageText = (payload: Record<string, unknown>): ScriptedAnswer => {
    const message = messages.find(
      (candidate) => candidate.chatId === String(payload.chat_id) && candidate.messageId === payload.message_id,
    );
    if (!message) return telegramErrors.badRequest('message to edit not found');
    const markup = payload.reply_markup as InlineKeyboardMarkup | undefined;
    if (message.text === payload.text && JSON.stringify(message.replyMarkup) === JSON.stringify(markup)) {
      return telegramErrors.badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    message.text = String(payload.text ?? '');
    if (markup) message.replyMarkup = markup;
    else delete message.replyMarkup;
    if (typeof payload.parse_mode === 'string') message.parseMode = payload.parse_mode;
    message.edits += 1;
    return ok(apiMessage(message));
  };

  const apiMessage = (message: FakeMessage) => ({
    message_id: message.messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(message.chatId), type: Number(message.chatId) < 0 ? 'group' : 'private' },
    from: bot,
    text: message.text.replace(/<[^>]*>/g, ''),
  });

  const defaultAnswer = (
    method: string,
    payload: Record<string, unknown>,
    response: ServerResponse,
  ): ScriptedAnswer | Promise<ScriptedAnswer> => {
    switch (method) {
      case 'getMe':
        return ok({ ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'getUpdates':
        return getUpdates(payload, response);
      case 'sendMessage':
        return sendMessage(payload);
      case 'editMessageText':
        return editMessageText(payload);
      case 'sendDocument':
      case 'sendPhoto':
        return sendFile(method, payload);
      default:
        return ok(true);
    }
  };

  const scripted = (method: string, payload: Record<string, unknown>): ScriptedAnswer | undefined => {
    const script = scripts.find(
      (candidate) =>
        candidate.method === method &&
        candidate.remaining > 0 &&
        (candidate.chatId === undefined || candidate.chatId === String(payload.chat_id)),
    );
    if (!script) return undefined;
    script.remaining -= 1;
    return typeof script.answer === 'function' ? script.answer(payload) : script.answer;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec((request.url ?? '').split('?')[0] ?? '');
    const body = await readJson(request);
    if (!match) return answer(response, error(404, 'Not Found'));
    const [, givenToken, method] = match as unknown as [string, string, string];
    const payload = body ?? {};
    const record: RecordedCall = { method, payload, status: 0, at: Date.now() };
    calls.push(record);
    const result =
      givenToken !== token
        ? telegramErrors.unauthorized()
        : (scripted(method, payload) ?? (await defaultAnswer(method, payload, response)));
    record.status = result.status;
    answer(response, result);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((failure: unknown) => {
      answer(response, error(500, `fake-telegram: ${failure instanceof Error ? failure.message : String(failure)}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const chatOf = (from: FakeUser = {}) => {
    const userId = from.userId ?? 1001;
    const chatId = from.chatId ?? userId;
    const chatType = from.chatType ?? (chatId < 0 ? 'group' : 'private');
    const user = {
      id: userId,
      is_bot: false as const,
      first_name: from.firstName ?? 'Anna',
      ...(from.languageCode !== undefined ? { language_code: from.languageCode } : { language_code: 'en' }),
    };
    const chat =
      chatType === 'private'
        ? { id: chatId, type: 'private' as const, first_name: user.first_name }
        : { id: chatId, type: chatType, title: 'KYC ops' };
    return { user, chat };
  };

  const withId = (update: Omit<Update, 'update_id'>): Update => ({ ...update, update_id: nextUpdateId++ }) as Update;

  const fake: FakeTelegram = {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botUsername,
    calls: (method) => calls.filter((call) => method === undefined || call.method === method),
    messages: (chatId) => messages.filter((message) => message.chatId === String(chatId)),
    files: (chatId) => sentFiles.filter((file) => file.chatId === String(chatId)).map((file) => ({ ...file, bytes: Buffer.from(file.bytes) })),
    script(method, scriptedAnswer, scriptOptions = {}) {
      scripts.push({
        method,
        answer: scriptedAnswer,
        remaining: scriptOptions.times ?? Infinity,
        ...(scriptOptions.chatId !== undefined ? { chatId: String(scriptOptions.chatId) } : {}),
      });
    },
    pushUpdate(update) {
      const full = withId(update);
      updates.push(full);
      wake();
      return full;
    },
    textUpdate(text, from) {
      const { user, chat } = chatOf(from);
      const command = /^\/\S+/.exec(text);
      return withId({
        message: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat,
          from: user,
          text,
          ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
          ...(from?.threadId !== undefined ? { message_thread_id: from.threadId, is_topic_message: true } : {}),
          ...(from?.replyTo ? { reply_to_message: apiMessage(from.replyTo) } : {}),
        },
      } as Omit<Update, 'update_id'>);
    },
    sendText(text, from) {
      const update = fake.textUpdate(text, from);
      updates.push(update);
      wake();
      return update;
    },
    buttonUpdate(message, buttonText, from) {
      const button = message.replyMarkup?.inline_keyboard.flat().find((candidate) => candidate.text === buttonText);
      if (!button || !('callback_data' in button)) {
        const shown = message.replyMarkup?.inline_keyboard.flat().map((candidate) => candidate.text) ?? [];
        throw new Error(`fake-telegram: no callback button "${buttonText}" on message ${message.messageId} (has: ${shown.join(', ')})`);
      }
      const { user, chat } = chatOf({ chatId: Number(message.chatId), ...from });
      return withId({
        callback_query: {
          id: String(nextQueryId++),
          from: user,
          chat_instance: `instance-${message.chatId}`,
          data: button.callback_data,
          message: { ...apiMessage(message), chat },
        },
      } as Omit<Update, 'update_id'>);
    },
    pressButton(message, buttonText, from) {
      const update = fake.buttonUpdate(message, buttonText, from);
      updates.push(update);
      wake();
      return update;
    },
    deleteMessage(chatId, messageId) {
      const index = messages.findIndex((message) => message.chatId === String(chatId) && message.messageId === messageId);
      if (index !== -1) messages.splice(index, 1);
    },
    unconfirmedUpdates: () => updates.filter((update) => update.update_id >= confirmedOffset).length,
    openPolls: () => waiters.length,
    close: async () => {
      closed = true;
      for (const waiter of waiters) waiter.done([]);
      waiters = [];
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return fake;
}

function answer(response: ServerResponse, result: ScriptedAnswer): void {
  if (response.writableEnded || response.destroyed) return;
  response.writeHead(result.status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(result.body));
}

/** Where a multipart request's file parts are kept in its payload, by part name. */
const ATTACHED = Symbol('attached files');
type Attached = Record<string, { filename: string; bytes: Buffer }>;

/**
 * A Bot API request's parameters: a JSON body, or multipart/form-data (how
 * grammY sends files), whose text fields hold JSON or plain strings and
 * whose file parts go under ATTACHED.
 */
async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  if (type.startsWith('multipart/form-data') && boundary) {
    const payload: Record<string | symbol, unknown> = {};
    const attached: Attached = {};
    for (const part of multipartParts(body, boundary)) {
      if (part.filename === undefined) payload[part.name] = parseField(part.content.toString('utf8'));
      else attached[part.name] = { filename: part.filename, bytes: part.content };
    }
    payload[ATTACHED] = attached;
    return payload as Record<string, unknown>;
  }
  const text = body.toString('utf8');
  if (!text) return undefined;
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * The parts of a multipart/form-data body (RFC 7578), bytes kept as bytes.
 * Written out because grammY's form (`content-disposition:form-data;name="x";filename=a.csv`,
 * no spaces, the file name unquoted) is more than undici's FormData parser takes.
 */
function multipartParts(body: Buffer, boundary: string): Array<{ name: string; filename?: string; content: Buffer }> {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Array<{ name: string; filename?: string; content: Buffer }> = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, from);
    if (next === -1) break;
    const part = body.subarray(from + 2, next - 2); // after the CRLF that ends the delimiter line, before the CRLF that ends the part
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1] ?? '';
    const filename = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), content: Buffer.from(part.subarray(split + 4)) });
    start = next;
  }
  return parts;
}

function parseField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
