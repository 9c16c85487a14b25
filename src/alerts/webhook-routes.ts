/**
 * POST /webhooks/loveandpay and POST /webhooks/stripe on the app's one HTTP
 * server (DESIGN.md, "Provider webhooks"). In this order: the body is capped
 * at 1 MiB (413 before more is read), the signature is checked on the raw
 * bytes in constant time (400 for a missing, bad or stale one), the body is
 * read, and the event is recorded in the store: only then does the provider
 * get its 200, so an acknowledged event is never lost. A repeated event id
 * is acknowledged and does nothing; an event that is not about KYC is
 * acknowledged and ignored. A signed body the bot cannot read (no event id,
 * no session id: say, a shape changed by a new API version) is acknowledged
 * too, logged and counted: sending the same bytes again cannot help, and a
 * provider that keeps failing an endpoint disables it; the sweeps find its
 * outcome. The event's work (webhook-work.ts) starts once
 * the answer is on its way. Only receivers whose secret is set are mounted:
 * the others answer 404 like any unknown path.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Route } from '../domain/front-end.js';
import type { Logger } from '../log.js';
import { readLoveAndPayWebhook, verifyLoveAndPaySignature } from '../providers/loveandpay/webhook.js';
import { readStripeWebhook, verifyStripeSignature } from '../providers/stripe/webhook.js';
import type { SignatureProblem } from '../providers/webhook-signature.js';
import { answerTooLarge, readCappedBody } from '../server/read-capped-body.js';
import { sendJson } from '../server/send-json.js';
import type { NewWebhookEvent, Store, WebhookProvider } from '../store/types.js';
import { stripeObservation } from './stripe-event.js';
import type { WebhookWork } from './webhook-work.js';

/** Events are a few KiB; 1 MiB leaves room and bounds what a stranger can make us hold. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export type RejectReason = SignatureProblem | 'too_large' | 'malformed';

/** What became of one request, for metrics and /readyz. */
export type WebhookIntake =
  | { provider: WebhookProvider; result: 'accepted' | 'duplicate' | 'ignored' }
  | { provider: WebhookProvider; result: 'rejected'; reason: RejectReason };

export interface WebhookRoutesDeps {
  secrets: Partial<Record<WebhookProvider, string>>;
  store: Pick<Store, 'recordWebhookEvent'>;
  work: Pick<WebhookWork, 'run' | 'leaseMs'>;
  /** This replica's name: it holds the events it records while it does their work. */
  worker: string;
  now: () => Date;
  logger: Logger;
  onIntake?: (intake: WebhookIntake) => void;
}

/** A verified, read request: an event to record, one to ignore, or a refusal. */
type Received = { event: NewWebhookEvent } | { ignored: string } | { rejected: RejectReason };

type Receive = (headers: IncomingHttpHeaders, body: Buffer, secret: string, now: Date) => Received;

const RECEIVERS: Record<WebhookProvider, Receive> = {
  loveandpay(headers, body, secret, now) {
    const signed = {
      signature: header(headers, 'x-webhook-signature'),
      id: header(headers, 'x-webhook-id'),
      timestamp: header(headers, 'x-webhook-timestamp'),
    };
    const check = verifyLoveAndPaySignature(signed, body, secret, now.getTime());
    if (!check.ok) return { rejected: check.reason };
    const read = readLoveAndPayWebhook(body, signed);
    if (read.kind === 'malformed') return { rejected: 'malformed' };
    if (read.kind === 'other') return { ignored: read.event };
    return {
      event: {
        provider: 'loveandpay',
        eventId: read.eventId,
        type: read.event,
        objectId: read.sessionId,
        occurredAt: new Date(read.occurredAtMs ?? now.getTime()),
        // Love&Pay's KYC payload is not published: the session is always read (webhook-work.ts).
        observation: null,
      },
    };
  },
  stripe(headers, body, secret, now) {
    const check = verifyStripeSignature(header(headers, 'stripe-signature'), body, secret, now.getTime());
    if (!check.ok) return { rejected: check.reason };
    const read = readStripeWebhook(body);
    if (read.kind === 'malformed') return { rejected: 'malformed' };
    if (read.kind === 'other') return { ignored: read.type };
    const { event } = read;
    return {
      event: {
        provider: 'stripe',
        eventId: event.id,
        type: event.type,
        objectId: event.data.object.id,
        occurredAt: new Date(event.created * 1000),
        observation: stripeObservation(event),
      },
    };
  },
};

export function webhookRoutes(deps: WebhookRoutesDeps): Route[] {
  return (Object.keys(RECEIVERS) as WebhookProvider[]).flatMap((provider) => {
    const secret = deps.secrets[provider];
    return secret ? [route(provider, secret, deps)] : [];
  });
}

function route(provider: WebhookProvider, secret: string, deps: WebhookRoutesDeps): Route {
  const log = deps.logger.child({ area: 'webhooks', provider });
  const report = (intake: WebhookIntake) => deps.onIntake?.(intake);
  const refuse = (reason: RejectReason) => {
    if (reason === 'malformed') log.warn({ reason }, 'webhook signed but unreadable: acknowledged, nothing recorded; the sweep finds its outcome');
    else log.warn({ status: reason === 'too_large' ? 413 : 400, reason }, 'webhook refused; nothing recorded');
    report({ provider, result: 'rejected', reason });
  };
  return {
    method: 'POST',
    path: `/webhooks/${provider}`,
    async handle(request, response) {
      const read = await readCappedBody(request, WEBHOOK_BODY_LIMIT_BYTES);
      if (!read.ok) {
        if (read.reason === 'aborted') return;
        refuse('too_large');
        answerTooLarge(request, response, WEBHOOK_BODY_LIMIT_BYTES);
        return;
      }
      const now = deps.now();
      const received = RECEIVERS[provider](request.headers, read.body, secret, now);
      if ('rejected' in received) {
        refuse(received.rejected);
        if (received.rejected === 'malformed') sendJson(response, 200, { received: true, ignored: true });
        else sendJson(response, 400, { error: received.rejected });
        return;
      }
      if ('ignored' in received) {
        log.debug({ type: received.ignored }, 'webhook acknowledged: not about a verification');
        report({ provider, result: 'ignored' });
        sendJson(response, 200, { received: true, ignored: true });
        return;
      }
      const { event } = received;
      const recorded = await deps.store.recordWebhookEvent({ event, worker: deps.worker, leaseMs: deps.work.leaseMs, now });
      report({ provider, result: recorded ? 'accepted' : 'duplicate' });
      sendJson(response, 200, recorded ? { received: true } : { received: true, duplicate: true });
      if (recorded) void deps.work.run({ ...event, receivedAt: now, attempts: 1 });
      else log.debug({ eventId: event.eventId }, 'webhook repeated: already recorded, nothing to do');
    },
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
