/**
 * POST /slack/events, guarded before Bolt reads a byte. In this order: the
 * body is capped at 1 MiB (413), the signature is checked (401), then the
 * timestamp's five-minute window both ways (401), then the signature is
 * remembered in the store so the same request is run once, on any replica
 * (401 for a replay). Only then does Bolt's HTTPReceiver get the request,
 * with the body already read: Bolt takes a request carrying `rawBody` as
 * buffered (HTTPModuleFunctions.bufferIncomingMessage) and runs its own
 * commands, actions and acks as ever. Bolt's own check of the signature is
 * off (transport.ts): every request it gets has passed this one, and its
 * second check cost three HMACs and 32 random bytes a command (npm run
 * bench, issue 20).
 *
 * Every refusal is one short JSON answer and one log line, never the body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Route } from '../../domain/front-end.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/types.js';
import { answerTooLarge, readCappedBody } from '../../server/read-capped-body.js';
import { sendJson } from '../../server/send-json.js';

/** Slack's own payloads are a few KiB; 1 MiB leaves room and bounds what a stranger can make us hold. */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

/** Where accepted signatures are kept (the store's seen_requests), shared by replicas. */
export type RequestMemory = Pick<Store, 'rememberRequest'>;

export interface EventsRouteOptions {
  path: string;
  signingSecret: string;
  receiver: Pick<HTTPReceiver, 'requestListener'>;
  memory: RequestMemory;
  log: Logger;
  now?: () => number;
}

export function slackEventsRoute(options: EventsRouteOptions): Route {
  const now = options.now ?? Date.now;
  const refuse = (response: ServerResponse, status: number, error: string) => {
    options.log.warn({ status, reason: error }, 'slack request refused');
    sendJson(response, status, { error });
  };
  return {
    method: 'POST',
    path: options.path,
    async handle(request, response) {
      const read = await readCappedBody(request, SLACK_BODY_LIMIT_BYTES);
      if (!read.ok) {
        if (read.reason === 'aborted') return;
        options.log.warn({ status: 413, reason: 'payload_too_large', limitBytes: SLACK_BODY_LIMIT_BYTES }, 'slack request refused');
        answerTooLarge(request, response, SLACK_BODY_LIMIT_BYTES);
        return;
      }
      const nowMs = now();
      const check = checkSlackSignature(options.signingSecret, request.headers, read.body, nowMs);
      if (!check.ok) {
        // Slack's ssl_check comes unsigned: Bolt is handed the bare check, never what else the body held, and answers it.
        if (isSslCheck(request, read.body)) return handToBolt(options.receiver, request, response, Buffer.from(SSL_CHECK_BODY));
        return refuse(response, 401, check.reason);
      }
      let first: boolean;
      try {
        first = await options.memory.rememberRequest({
          key: `slack:${check.signature}`,
          now: new Date(nowMs),
          // Until the timestamp leaves the window: a replay any earlier would pass every other check.
          expiresAt: new Date(Math.max(nowMs, check.timestampS * 1000) + (SLACK_TIMESTAMP_WINDOW_S + 1) * 1000),
        });
      } catch (error) {
        // Without the memory a replay cannot be told apart: refuse, and Slack's own retry comes later.
        options.log.error({ reason: error instanceof Error ? error.message : String(error) }, 'slack request memory unavailable');
        sendJson(response, 503, { error: 'unavailable' });
        return;
      }
      if (!first) return refuse(response, 401, 'replayed_request');
      handToBolt(options.receiver, request, response, read.body);
    },
  };
}

function handToBolt(receiver: EventsRouteOptions['receiver'], request: IncomingMessage, response: ServerResponse, body: Buffer): void {
  Object.assign(request, { rawBody: body });
  receiver.requestListener(request, response);
}

const SSL_CHECK_BODY = 'ssl_check=1';

/** docs.slack.dev/interactivity/implementing-slash-commands: `ssl_check=1`, form-encoded, as Bolt recognises it. */
function isSslCheck(request: IncomingMessage, body: Buffer): boolean {
  return request.headers['content-type'] === 'application/x-www-form-urlencoded' && new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1';
}

// --- the signature ---------------------------------------------------------
// Is this request from Slack, and fresh? Slack signs every request with
// `x-slack-signature: v0=` + hex HMAC-SHA256(signing secret,
// `v0:{x-slack-request-timestamp}:{raw body}`), the timestamp in Unix seconds
// (docs.slack.dev/authentication/verifying-requests-from-slack). The
// signature is checked first, then the timestamp, which must lie within five
// minutes of our clock either way: Slack's docs reject old ones to stop
// replays, and a timestamp from the future would stretch that window.

/** Slack's documented window for x-slack-request-timestamp, in seconds. */
const SLACK_TIMESTAMP_WINDOW_S = 5 * 60;

export type SignatureCheck =
  /** `signature` is the header as sent; `timestampS` the signed timestamp. */
  | { ok: true; signature: string; timestampS: number }
  | { ok: false; reason: 'unsigned' | 'bad_signature' | 'stale_timestamp' | 'future_timestamp' };

function checkSlackSignature(signingSecret: string, headers: IncomingHttpHeaders, rawBody: Buffer, nowMs: number): SignatureCheck {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'unsigned' };
  }
  const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
  if (!sameInConstantTime(signature, expected)) return { ok: false, reason: 'bad_signature' };
  const timestampS = Number(timestamp);
  const nowS = Math.floor(nowMs / 1000);
  if (nowS - timestampS > SLACK_TIMESTAMP_WINDOW_S) return { ok: false, reason: 'stale_timestamp' };
  if (timestampS - nowS > SLACK_TIMESTAMP_WINDOW_S) return { ok: false, reason: 'future_timestamp' };
  return { ok: true, signature, timestampS };
}

/** timingSafeEqual needs equal lengths; the length of a hex HMAC is no secret. */
function sameInConstantTime(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
