/**
 * The HTTP control surface, served by every emulator under /_sandbox (for
 * demos and for tests that run the bot as a child process). Not counted as
 * requests and never faulted. Bodies are JSON.
 *
 *   GET    /_sandbox/health                      -> {ok, provider}
 *   GET    /_sandbox/summary                     -> record counts and statuses
 *   POST   /_sandbox/sessions                    {count, status?} -> {sessions}
 *   POST   /_sandbox/sessions/{id}/status        {status, lastErrorCode?}  (Love&Pay UUID or Stripe vs_...)
 *   POST   /_sandbox/checks/{id}                 {status: ok|pending|error, errorCode?, earlierCheckId?}
 *   POST   /_sandbox/customers/{id}/name         {fullName}
 *   POST   /_sandbox/faults                      {provider?: name|'all' (default: this emulator),
 *                                                 latencyMs?, failShare?, failStatus?,
 *                                                 rateLimit?: {count, retryAfterSeconds}, malformed?: count,
 *                                                 huge?: {bytes, contentLength?}}
 *   DELETE /_sandbox/faults                      -> clears every fault
 *   GET    /_sandbox/huge?provider=              -> {state, bytesSent} of the latest huge answer (default: this emulator)
 *   POST   /_sandbox/demo-tick                   -> {transitions}
 *   GET    /_sandbox/requests?provider=          -> {count}
 *   POST   /_sandbox/requests/reset
 *   GET    /_sandbox/webhooks                    -> {target, sent, dropped, failed}
 *   POST   /_sandbox/webhooks                    {origin?: the app's origin or null, dropShare?: 0..1}
 */
import { PROVIDER_NAMES, type ProviderName } from '../domain/outcome.js';
import type { SandboxControl } from './control.js';
import { matchPath, type Handler, type Incoming, type Outgoing } from './http-kit.js';
import type { SandboxData } from './types.js';
import type { SandboxWebhooks } from './webhooks.js';

export function controlRoutes(provider: ProviderName, control: SandboxControl, data: SandboxData, webhooks: SandboxWebhooks): Handler {
  return (request) => {
    try {
      return route(provider, control, data, webhooks, request);
    } catch (error) {
      return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
    }
  };
}

function route(provider: ProviderName, control: SandboxControl, data: SandboxData, webhooks: SandboxWebhooks, request: Incoming): Outgoing {
  const path = request.rawPath.slice('/_sandbox'.length);
  const method = request.method;
  const body = method === 'GET' || method === 'DELETE' ? {} : parseBody(request.body);
  const at = (pattern: string) => matchPath(pattern, path);
  let params: Record<string, string> | null;

  if (method === 'GET' && path === '/health') return ok({ ok: true, provider });
  if (method === 'GET' && path === '/summary') return ok(summary(data));
  if (method === 'POST' && path === '/sessions') {
    return ok({ sessions: control.addSessions(number(body.count, 'count'), optionalString(body.status)) });
  }
  if (method === 'POST' && (params = at('/sessions/:id/status'))) {
    const status = string(body.status, 'status');
    if (params.id!.startsWith('vs_')) control.setStripeStatus(params.id!, status, optionalString(body.lastErrorCode));
    else control.setSessionStatus(params.id!, status);
    return ok({ ok: true });
  }
  if (method === 'POST' && (params = at('/checks/:id'))) {
    const status = string(body.status, 'status') as 'ok' | 'pending' | 'error';
    control.setCheck(params.id!, status, optionalString(body.errorCode), optionalString(body.earlierCheckId));
    return ok({ ok: true });
  }
  if (method === 'POST' && (params = at('/customers/:id/name'))) {
    control.setCustomerName(params.id!, string(body.fullName, 'fullName'));
    return ok({ ok: true });
  }
  if (method === 'POST' && path === '/faults') return ok(applyFaults(provider, control, body));
  if (method === 'DELETE' && path === '/faults') {
    control.clearFaults();
    return ok({ ok: true });
  }
  if (method === 'GET' && path === '/huge') {
    const which = request.url.searchParams.get('provider');
    return ok(control.hugeProgress(which ? providerName(which) : provider));
  }
  if (method === 'POST' && path === '/demo-tick') return ok({ transitions: control.demoTick() });
  if (method === 'GET' && path === '/requests') {
    const which = request.url.searchParams.get('provider') ?? undefined;
    return ok({ count: control.requestCount(which ? providerName(which) : undefined) });
  }
  if (method === 'POST' && path === '/requests/reset') {
    control.resetRequestCount();
    return ok({ ok: true });
  }
  if (method === 'GET' && path === '/webhooks') return ok(webhooks.stats());
  if (method === 'POST' && path === '/webhooks') {
    if (body.origin !== undefined) webhooks.sendTo(body.origin === null ? null : string(body.origin, 'origin'));
    if (body.dropShare !== undefined) webhooks.setDropShare(number(body.dropShare, 'dropShare'));
    return ok(webhooks.stats());
  }
  return { status: 404, body: { error: `no control route ${method} /_sandbox${path}` } };
}

function applyFaults(own: ProviderName, control: SandboxControl, body: Record<string, unknown>) {
  const target = body.provider === undefined ? own : body.provider === 'all' ? 'all' : providerName(String(body.provider));
  if (body.latencyMs !== undefined) control.setLatency(target, number(body.latencyMs, 'latencyMs'));
  if (body.failShare !== undefined) {
    control.failRate(target, number(body.failShare, 'failShare'), body.failStatus === undefined ? undefined : number(body.failStatus, 'failStatus'));
  }
  if (body.rateLimit !== undefined) {
    const burst = body.rateLimit as Record<string, unknown>;
    control.rateLimitBurst(target, number(burst.count, 'rateLimit.count'), number(burst.retryAfterSeconds ?? 1, 'rateLimit.retryAfterSeconds'));
  }
  if (body.malformed !== undefined) control.malformedNext(target, number(body.malformed, 'malformed'));
  if (body.huge !== undefined) {
    const huge = body.huge as Record<string, unknown>;
    control.hugeNext(target, number(huge.bytes, 'huge.bytes'), { contentLength: huge.contentLength === true });
  }
  return { ok: true, provider: target };
}

function summary(data: SandboxData) {
  const countBy = <T>(items: T[], key: (item: T) => string) =>
    items.reduce<Record<string, number>>((acc, item) => ((acc[key(item)] = (acc[key(item)] ?? 0) + 1), acc), {});
  return {
    customers: data.customers.length,
    sessions: countBy(data.sessions, (s) => s.status),
    receipts: countBy(data.receipts, (r) => r.status),
    invoices: data.invoices.length,
    stripeSessions: countBy(data.stripeSessions, (s) => (s.last_error ? `${s.status}:${s.last_error.code}` : s.status)),
    stripeEvents: data.stripeEvents.length,
    checks: countBy(data.checks, (c) => c.errorCode ?? c.status),
  };
}

function parseBody(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  const value: unknown = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('the body must be a JSON object');
  return value as Record<string, unknown>;
}

function providerName(value: string): ProviderName {
  if (!(PROVIDER_NAMES as readonly string[]).includes(value)) throw new Error(`provider must be one of ${PROVIDER_NAMES.join(', ')}`);
  return value as ProviderName;
}

function number(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
}

function string(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value) throw new Error(`${name} must be a non-empty string`);
  return value;
}

const optionalString = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

const ok = (body: unknown): Outgoing => ({ status: 200, body });
