/**
 * POST /slack/events refuses before anything runs: bodies over 1 MiB (413,
 * without reading them), timestamps outside five minutes either way (401),
 * and a signed request sent a second time (401), remembered in the store as
 * the app remembers it. Driven from outside with signed HTTP requests.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BODY_LIMIT_BYTES } from '../../../src/chat/slack/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { startSlackHarness, SIGNING_SECRET, type SlackHarness } from '../../support/slack-harness.js';
import { signSlackRequest, slashCommandBody } from '../../support/slack-signing.js';

interface RawAnswer {
  status: number;
  body: string;
  /** From the first byte sent to the whole answer read. */
  ms: number;
  /** Body bytes the client had handed to its socket when the answer arrived. */
  bytesSent: number;
}

/**
 * Sends `headers` and then `body` in 64 KiB chunks, stopping as soon as an
 * answer arrives: a server that answers early never gets the rest.
 */
function sendInChunks(url: string, headers: Record<string, string>, body: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let sent = 0;
    let answered = false;
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started, bytesSent: sent });
        request.destroy();
      });
    });
    // A server that closes the connection after answering may reset our unfinished upload; the answer is what counts.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < body.length) {
        const chunk = body.subarray(sent, sent + 65_536);
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    pump();
  });
}

/** A signed slash command whose text makes the form body exactly `size` bytes. */
function commandOfSize(size: number, responseUrl: string): string {
  const base = slashCommandBody({ command: '/kyc', text: '', channelId: 'CKYC0001', responseUrl });
  const body = base.replace('text=', `text=${'a'.repeat(size - base.length)}`);
  expect(body.length).toBe(size);
  return body;
}

describe('POST /slack/events before Bolt', () => {
  let slack: SlackHarness;
  let store: Store;

  beforeAll(async () => {
    store = await openStore('file::memory:');
    // The app hands Slack its store as the request memory (app/start-chats.ts); so does this test.
    slack = await startSlackHarness({ allowedChannels: ['*'], requestMemory: store });
  });

  afterAll(async () => {
    await slack.close();
    await store.close();
  });

  it('answers 413 to a signed body one byte over 1 MiB and runs nothing', async () => {
    const before = slack.runs.length;
    const body = commandOfSize(SLACK_BODY_LIMIT_BYTES + 1, slack.fake.responseUrl('huge'));
    const result = await slack.post(body);
    console.log(`413 for a ${body.length}-byte body with Content-Length: ${result.ms} ms`);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: 'payload_too_large', limit_bytes: SLACK_BODY_LIMIT_BYTES });
    expect(slack.runs.length).toBe(before);
    expect(slack.fake.responses('huge')).toEqual([]);
  });

  it('answers 413 from Content-Length alone, before the body is sent', async () => {
    const body = Buffer.from(commandOfSize(2 * SLACK_BODY_LIMIT_BYTES, slack.fake.responseUrl('announced')));
    const signed = signSlackRequest(SIGNING_SECRET, body.toString('utf8'));
    // The request announces 2 MiB and sends only its first 64 KiB until an answer comes.
    const result = await new Promise<RawAnswer>((resolve, reject) => {
      const started = performance.now();
      const request = httpRequest(
        `${slack.server.url}/slack/events`,
        { method: 'POST', headers: { ...signed.headers, 'content-length': String(body.length) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started, bytesSent: 65_536 });
            request.destroy();
          });
        },
      );
      request.on('error', reject);
      request.write(body.subarray(0, 65_536));
    });
    console.log(`413 for an announced ${body.length}-byte body after 64 KiB sent: ${result.ms.toFixed(1)} ms`);
    expect(result.status).toBe(413);
    expect(slack.fake.responses('announced')).toEqual([]);
  }, 10_000);

  it('answers 413 to a chunked body as soon as it passes 1 MiB, and runs nothing', async () => {
    const before = slack.runs.length;
    const text = commandOfSize(2 * SLACK_BODY_LIMIT_BYTES, slack.fake.responseUrl('chunked'));
    const { 'content-type': contentType, ...signature } = signSlackRequest(SIGNING_SECRET, text).headers;
    const result = await sendInChunks(
      `${slack.server.url}/slack/events`,
      { ...signature, 'content-type': contentType!, 'transfer-encoding': 'chunked' },
      Buffer.from(text),
    );
    console.log(`413 for a chunked ${text.length}-byte body: ${result.ms.toFixed(1)} ms, ${result.bytesSent} bytes handed to the socket by then`);
    expect(result.status).toBe(413);
    expect(slack.runs.length).toBe(before);
    expect(slack.fake.responses('chunked')).toEqual([]);
  });

  it('rejects a timestamp ten minutes in the future with 401 and runs nothing', async () => {
    const before = slack.runs.length;
    const tenMinutesAhead = Math.floor(Date.now() / 1000) + 10 * 60;
    const ack = await slack.command({ command: '/kyc', text: 'help', responseId: 'future' }, { timestamp: tenMinutesAhead });
    expect(ack.status).toBe(401);
    expect(JSON.parse(ack.body)).toEqual({ error: 'future_timestamp' });
    expect(slack.runs.length).toBe(before);
    expect(slack.fake.responses('future')).toEqual([]);
  });

  it('rejects a request signed more than five minutes ago with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const ack = await slack.command({ command: '/kyc', text: 'help', responseId: 'stale' }, { timestamp: sixMinutesAgo });
    expect(ack.status).toBe(401);
    expect(JSON.parse(ack.body)).toEqual({ error: 'stale_timestamp' });
  });

  it('rejects a forged signature with one short JSON answer', async () => {
    const ack = await slack.command({ command: '/kyc', text: 'help', responseId: 'forged' }, { secret: 'not-the-signing-secret' });
    expect(ack.status).toBe(401);
    expect(JSON.parse(ack.body)).toEqual({ error: 'bad_signature' });
  });

  it('answers a replayed command only once: the same body and signature a second time get 401', async () => {
    const before = slack.runs.length;
    const body = slashCommandBody({ command: '/kyc', text: 'help', channelId: 'CKYC0001', responseUrl: slack.fake.responseUrl('replayed') });
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await slack.post(body, { timestamp });
    const replay = await slack.post(body, { timestamp });
    expect(first.status).toBe(200);
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.body)).toEqual({ error: 'replayed_request' });
    slack.fake.showAckAnswer('replayed', first.body);
    const answers = await slack.fake.waitForResponses(1, 10_000, 'replayed');
    expect(answers).toHaveLength(1);
    expect(slack.runs.slice(before).map((run) => run.line)).toEqual(['/kyc help']);
  });

  it('answers Slack\'s unsigned ssl_check with 200 and runs nothing', async () => {
    const before = slack.runs.length;
    const response = await fetch(`${slack.server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=legacy-verification-token',
    });
    expect(response.status).toBe(200);
    expect(slack.runs.length).toBe(before);
  });

  it('runs nothing smuggled beside an unsigned ssl_check, whichever way the check is spelled', async () => {
    const before = slack.runs.length;
    const command = slashCommandBody({ command: '/kyc', text: 'help', channelId: 'CKYC0001', responseUrl: slack.fake.responseUrl('smuggled') });
    for (const body of [`ssl_check=1&${command}`, `${command}&ssl_check=1`, `ssl_check=1&ssl_check=2&${command}`, `ssl_check=1&payload=${encodeURIComponent('{"type":"block_actions"}')}`]) {
      const response = await fetch(`${slack.server.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
    }
    expect(slack.runs.length).toBe(before);
    expect(slack.fake.responses('smuggled')).toEqual([]);
  });
});

describe('POST /slack/events when the request memory cannot answer', () => {
  let slack: SlackHarness;

  beforeAll(async () => {
    slack = await startSlackHarness({
      allowedChannels: ['*'],
      requestMemory: { rememberRequest: () => Promise.reject(new Error('database unreachable')) },
    });
  });

  afterAll(async () => {
    await slack.close();
  });

  it('answers 503 and runs nothing, since a replay could not be told apart', async () => {
    const ack = await slack.command({ command: '/kyc', text: 'help', responseId: 'no-memory' });
    expect(ack.status).toBe(503);
    expect(JSON.parse(ack.body)).toEqual({ error: 'unavailable' });
    expect(slack.runs).toEqual([]);
  });
});
