/**
 * The Stripe Identity emulator. Routes (GET):
 *   /v1/identity/verification_sessions, /v1/identity/verification_sessions/{id}, /v1/events
 * Bearer (or Basic) secret key, Stripe list paging, created filters, status
 * filter, events kept 30 days, Stripe-shaped errors and a `request-id` header.
 */
import { randomBytes } from 'node:crypto';
import type { FaultReplies, Handler, Incoming, Outgoing } from '../http-kit.js';
import { matchPath } from '../http-kit.js';
import type { SandboxState } from '../state.js';
import { STRIPE_STATUSES, type StripeEventLike, type StripeSessionLike } from '../types.js';
import { invalidParam, resourceMissing, stripeError } from './errors.js';
import { cursorPage, expansions, inRange, parseCreated, positions } from './lists.js';
import { verificationReport } from './report.js';

/** Stripe keeps events for 30 days (Stripe API reference, "List all events"). */
const EVENT_RETENTION_S = 30 * 24 * 3600;

export const newStripeRequestId = () => `req_${randomBytes(10).toString('base64url').replace(/[-_]/g, 'x')}`;

export function stripeHandler(state: SandboxState, secretKey: string, clock: () => number): Handler {
  const memo = { version: -1, sessions: new Map<string, number>(), events: new Map<string, number>() };
  const positionsNow = () => {
    if (memo.version !== state.version) {
      memo.sessions = positions(state.data.stripeSessions);
      memo.events = positions(state.data.stripeEvents);
      memo.version = state.version;
    }
    return memo;
  };
  return (request) => {
    const refused = rejectKey(request, secretKey);
    if (refused) return refused;
    const path = request.rawPath;
    if (request.method === 'GET' && path === '/v1/identity/verification_sessions') {
      return listSessions(state, request.url.searchParams, positionsNow().sessions);
    }
    const id = matchPath('/v1/identity/verification_sessions/:id', path)?.id;
    if (request.method === 'GET' && id !== undefined) {
      const session = state.stripeSessions.get(id);
      if (!session) return resourceMissing('verificationsession', id);
      return { status: 200, body: present(session, expansions(request.url.searchParams), state) };
    }
    if (request.method === 'GET' && path === '/v1/events') {
      return listEvents(state, request.url.searchParams, positionsNow().events, clock());
    }
    return stripeError(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${request.method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    );
  };
}

function rejectKey(request: Incoming, secretKey: string): Outgoing | null {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer (.+)$/i.exec(header)?.[1];
  const basic = /^Basic (.+)$/i.exec(header)?.[1];
  const given = bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : undefined);
  if (!given) {
    return stripeError(
      401,
      'invalid_request_error',
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (given !== secretKey) {
    // Stripe echoes only the key's last four characters.
    return stripeError(401, 'invalid_request_error', `Invalid API Key provided: ${given.slice(0, 8)}****${given.slice(-4)}`);
  }
  const version = request.headers['stripe-version'];
  if (typeof version === 'string' && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version)) {
    return invalidParam('Stripe-Version', `Invalid Stripe API version: ${version}`, 'invalid_stripe_version');
  }
  return null;
}

function listSessions(state: SandboxState, params: URLSearchParams, position: Map<string, number>): Outgoing {
  const created = parseCreated(params);
  if (!created.ok) return created.error;
  const status = params.get('status') || undefined;
  if (status && !(STRIPE_STATUSES as readonly string[]).includes(status)) {
    return invalidParam('status', `Invalid status: must be one of ${STRIPE_STATUSES.join(', ')}`, 'parameter_invalid_string');
  }
  const reference = params.get('client_reference_id') || undefined;
  const range = created.range;
  const filtered = state.filtered(
    `stripe-sessions|${status ?? ''}|${reference ?? ''}|${JSON.stringify(range)}`,
    () =>
      state.data.stripeSessions.filter(
        (s) => (!status || s.status === status) && (!reference || s.client_reference_id === reference) && inRange(s.created, range),
      ),
  );
  const result = cursorPage(position, filtered, params, 'verificationsession');
  if (!result.ok) return result.error;
  const expand = expansions(params);
  return list('/v1/identity/verification_sessions', result.data.map((s) => present(s, expand, state)), result.hasMore);
}

function listEvents(state: SandboxState, params: URLSearchParams, position: Map<string, number>, nowMs: number): Outgoing {
  const created = parseCreated(params);
  if (!created.ok) return created.error;
  const types = [...params].filter(([key]) => key === 'types[]' || /^types\[\d+\]$/.test(key)).map(([, value]) => value);
  const type = params.get('type') || undefined;
  if (type && types.length) return invalidParam('types', 'You may only specify one of these parameters: type, types.');
  const matchesType = typeMatcher(type, types);
  const oldest = Math.floor(nowMs / 1000) - EVENT_RETENTION_S;
  const range = created.range;
  const filtered = state.filtered(`stripe-events|${type ?? ''}|${types.join(',')}|${JSON.stringify(range)}|${oldest}`, () =>
    state.data.stripeEvents.filter((e) => e.created >= oldest && matchesType(e.type) && inRange(e.created, range)),
  );
  const result = cursorPage(position, filtered, params, 'event');
  if (!result.ok) return result.error;
  return list('/v1/events', result.data.map(presentEvent), result.hasMore);
}

/** `type` may end in `*` (Stripe: "identity.verification_session.*"); `types` lists exact names. */
function typeMatcher(type: string | undefined, types: string[]): (name: string) => boolean {
  if (types.length) return (name) => types.includes(name);
  if (!type) return () => true;
  if (type.endsWith('*')) return (name) => name.startsWith(type.slice(0, -1));
  return (name) => name === type;
}

function list(url: string, data: unknown[], hasMore: boolean): Outgoing {
  return { status: 200, body: { object: 'list', url, has_more: hasMore, data } };
}

/**
 * Expandable fields are left out unless asked for, as Stripe does; the
 * sensitive date of birth needs its own `verified_outputs.dob`.
 */
function present(session: StripeSessionLike, expand: Set<string>, state?: SandboxState) {
  const { verified_outputs, provided_details, ...rest } = session;
  const outputs = verified_outputs && { ...structuredClone(verified_outputs), dob: expand.has('verified_outputs.dob') ? structuredClone(verified_outputs.dob) : null };
  return {
    ...structuredClone(rest),
    ...(expand.has('last_verification_report') ? { last_verification_report: verificationReport(session, customerOf(session, state), expand) } : {}),
    ...(expand.has('verified_outputs') ? { verified_outputs: outputs } : {}),
    ...(expand.has('provided_details') ? { provided_details: structuredClone(provided_details) } : {}),
  };
}

function customerOf(session: StripeSessionLike, state: SandboxState | undefined) {
  return session.client_reference_id ? state?.customers.get(session.client_reference_id) : undefined;
}

function presentEvent(event: StripeEventLike) {
  return { ...event, data: { object: present(event.data.object, new Set()) } };
}

export const stripeFaults: FaultReplies = {
  failure: (status) =>
    stripeError(status, 'api_error', 'An unknown error occurred while processing your request (sandbox fault).'),
  rateLimited: () =>
    stripeError(429, 'invalid_request_error', 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.', {
      code: 'rate_limit',
    }),
};
