/**
 * Provider clients pointed at the sandbox whose every attempt is recorded as
 * it leaves for the wire: method, origin and the raw path with its query.
 *
 * The sandbox counts requests (control.requestCount) but does not keep their
 * paths, and createProviders' `observe` hook only names the endpoint label
 * ('GET /kyc/sessions/:id'), so the clients are built here around one undici
 * agent composed with a recording interceptor: what is recorded is exactly
 * what undici sends.
 */
import { Agent, type Dispatcher } from 'undici';
import { isUuid } from '../../../src/domain/ids.js';
import type { ProviderName } from '../../../src/domain/outcome.js';
import { Bank131Client } from '../../../src/providers/bank131/client.js';
import type { RequestObservation } from '../../../src/domain/provider-request.js';
import type { Timeouts } from '../../../src/providers/http.js';
import type { Providers } from '../../../src/providers/index.js';
import { LoveAndPayClient } from '../../../src/providers/loveandpay/client.js';
import { isCheckId, isStripeSessionId } from '../../../src/providers/path-segment.js';
import type { RetryPolicy } from '../../../src/providers/retry-policy.js';
import { StripeIdentityClient } from '../../../src/providers/stripe/client.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import {
  KYC_STATUSES,
  SESSION_STATUSES,
  STRIPE_STATUSES,
  TRUST_LEVELS,
} from '../../../src/sandbox/types.js';

export interface RecordedRequest {
  provider: ProviderName | 'unknown';
  method: string;
  origin: string;
  /** Path and query exactly as sent. */
  path: string;
}

export interface RecordingProviders {
  providers: Providers;
  requests: RecordedRequest[];
  observations: RequestObservation[];
}

export function recordingProviders(
  sandbox: Sandbox,
  options: { timeouts?: Partial<Timeouts>; retry?: Partial<RetryPolicy> } = {},
): RecordingProviders {
  const requests: RecordedRequest[] = [];
  const observations: RequestObservation[] = [];
  const origins = new Map<string, ProviderName>([
    [new URL(sandbox.urls.loveandpay).origin, 'loveandpay'],
    [new URL(sandbox.urls.bank131).origin, 'bank131'],
    [new URL(sandbox.urls.stripe).origin, 'stripe'],
  ]);
  const record: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
    const origin = String(opts.origin ?? '');
    requests.push({ provider: origins.get(origin) ?? 'unknown', method: opts.method, origin, path: opts.path });
    return dispatch(opts, handler);
  };
  const dispatcher = new Agent({ connect: { timeout: options.timeouts?.connectMs } }).compose(record);
  const shared = {
    dispatcher,
    timeouts: options.timeouts,
    retry: options.retry,
    observe: (observation: RequestObservation) => observations.push(observation),
  };
  return {
    requests,
    observations,
    providers: {
      loveandpay: new LoveAndPayClient(
        {
          baseUrl: sandbox.urls.loveandpay,
          apiKey: sandbox.credentials.loveandpayApiKey,
          secretKey: sandbox.credentials.loveandpaySecretKey,
        },
        shared,
      ),
      bank131: new Bank131Client({ baseUrl: sandbox.urls.bank131, project: sandbox.credentials.bank131Project }, shared),
      stripe: new StripeIdentityClient({ apiBase: sandbox.urls.stripe, secretKey: sandbox.credentials.stripeSecretKey }, shared),
      close: () => dispatcher.close(),
    },
  };
}

// --- what a request may look like ------------------------------------------------

type Check = (value: string) => boolean;

interface Route {
  /** Literal segments, and one validated id segment at most. */
  segments: Array<string | { id: Check; what: string }>;
  /** Query keys this endpoint is called with, and what their values must look like. */
  query: Record<string, Check>;
}

const digits: Check = (v) => /^\d{1,7}$/.test(v);
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    values.includes(v);
const anything: Check = () => true;
const unixSeconds: Check = (v) => /^\d{1,12}$/.test(v);

const uuid = { id: isUuid, what: 'UUID' };

/** Love&Pay routes under the base URL's /api/v2 (DESIGN.md, "Love&Pay API v2"). */
const LOVEANDPAY_ROUTES: Route[] = [
  { segments: ['kyc', 'sessions'], query: { status: oneOf(SESSION_STATUSES), invoiceId: isUuid, limit: digits, offset: digits } },
  { segments: ['kyc', 'sessions', uuid], query: {} },
  {
    segments: ['customers'],
    query: { search: anything, kycStatus: oneOf(KYC_STATUSES), trustLevel: oneOf(TRUST_LEVELS), limit: digits, offset: digits },
  },
  { segments: ['customers', 'check'], query: { phone: (v) => /^\+\d{10,15}$/.test(v), email: (v) => /^[^@\s]+@[^@\s]+$/.test(v) } },
  { segments: ['customers', uuid], query: {} },
  { segments: ['receipts', uuid], query: {} },
  { segments: ['invoices', uuid], query: {} },
];

const BANK131_ROUTES: Route[] = [{ segments: ['check', { id: isCheckId, what: 'Bank 131 check id' }], query: {} }];

const created = (prefix: string): Record<string, Check> =>
  Object.fromEntries(['gt', 'gte', 'lt', 'lte'].map((op) => [`${prefix}[${op}]`, unixSeconds]));
const cursors = { limit: digits, starting_after: isStripeSessionId, ending_before: isStripeSessionId };

const STRIPE_ROUTES: Route[] = [
  {
    segments: ['v1', 'identity', 'verification_sessions'],
    query: { status: oneOf(STRIPE_STATUSES), client_reference_id: anything, ...created('created'), ...cursors },
  },
  {
    segments: ['v1', 'identity', 'verification_sessions', { id: isStripeSessionId, what: 'Stripe session id' }],
    query: { 'expand[]': oneOf(['verified_outputs', 'verified_outputs.dob', 'last_verification_report']) },
  },
  {
    segments: ['v1', 'events'],
    query: { 'types[]': (v) => v.startsWith('identity.verification_session.'), ...created('created'), limit: digits, starting_after: (v) => /^evt_\w+$/.test(v), ending_before: (v) => /^evt_\w+$/.test(v) },
  },
];

/**
 * Why a recorded request should never have been sent, or null when it is one
 * of the documented endpoints with every path segment valid and only the
 * endpoint's own query keys, each once (types[] may repeat).
 */
export function requestProblem(request: RecordedRequest, sandbox: Sandbox): string | null {
  const { path } = request;
  if (request.provider === 'unknown') return `a request to an unknown origin ${request.origin}`;
  if (request.method !== 'GET') return `a ${request.method} request`;
  // Anything a client could be tricked into sending raw: fragments, line breaks, spaces, non-ASCII.
  if (/[#\s\u0000-\u001f\u007f]|[^\x20-\x7e]/.test(path)) return `raw characters in ${JSON.stringify(path)}`;
  const [rawPath = '', rawQuery, ...more] = path.split('?');
  if (more.length > 0) return `two query strings in ${path}`;
  const prefix =
    request.provider === 'loveandpay'
      ? new URL(sandbox.urls.loveandpay).pathname
      : request.provider === 'bank131'
        ? new URL(sandbox.urls.bank131).pathname
        : '';
  if (!rawPath.startsWith(`${prefix}/`)) return `path ${rawPath} outside ${prefix}/`;
  const segments = rawPath.slice(prefix.length + 1).split('/');
  const routes = request.provider === 'loveandpay' ? LOVEANDPAY_ROUTES : request.provider === 'bank131' ? BANK131_ROUTES : STRIPE_ROUTES;
  const route = routes.find((candidate) => matches(candidate, segments));
  if (!route) return `no documented endpoint is ${rawPath} (segments ${JSON.stringify(segments)})`;
  const seen = new Set<string>();
  for (const [key, value] of new URLSearchParams(rawQuery ?? '')) {
    const check = Object.hasOwn(route.query, key) ? route.query[key] : undefined;
    if (!check) return `query key ${JSON.stringify(key)} on ${rawPath}`;
    if (seen.has(key) && key !== 'types[]' && key !== 'expand[]') return `query key ${key} twice on ${rawPath}`;
    seen.add(key);
    if (!check(value)) return `query ${key}=${JSON.stringify(value)} on ${rawPath}`;
  }
  return null;
}

function matches(route: Route, segments: string[]): boolean {
  if (route.segments.length !== segments.length) return false;
  return route.segments.every((want, i) => {
    const got = segments[i]!;
    // The raw segment must itself pass: valid ids are plain ASCII that encodeURIComponent leaves alone.
    return typeof want === 'string' ? want === got : want.id(got);
  });
}
