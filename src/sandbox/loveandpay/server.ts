/**
 * The Love&Pay API v2 emulator: every request signed, lists paged and
 * filtered, both error shapes. Routes (all GET, under /api/v2):
 *   /kyc/sessions, /kyc/sessions/{id}, /customers, /customers/check,
 *   /customers/{id}, /receipts/{id}, /invoices/{id}
 */
import { randomUUID } from 'node:crypto';
import { isUuid } from '../../domain/ids.js';
import { matchPath, type FaultReplies, type Handler, type Incoming, type Outgoing } from '../http-kit.js';
import type { SandboxState } from '../state.js';
import { rejectUnsigned, type LoveAndPayKeys } from './auth.js';
import { flatError, nestedError, notFound, validationError } from './errors.js';
import { filterCustomers, filterSessions, normalizePhone, page, parsePage } from './lists.js';
import { customerDetail, customerInList, customerMatch, invoiceDetail, receiptDetail, sessionDetail, sessionInList } from './serialize.js';

export const LOVEANDPAY_PREFIX = '/api/v2';

export const newLoveAndPayRequestId = () => `req_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

export function loveAndPayHandler(state: SandboxState, keys: LoveAndPayKeys, clock: () => number): Handler {
  return (request) => {
    if (!request.rawPath.startsWith(`${LOVEANDPAY_PREFIX}/`)) return unknownRoute(request);
    const refused = rejectUnsigned(request, keys, clock());
    if (refused) return refused;
    if (request.method !== 'GET') {
      return flatError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', `${request.method} is not supported here`);
    }
    return route(state, request, request.rawPath.slice(LOVEANDPAY_PREFIX.length));
  };
}

function route(state: SandboxState, request: Incoming, path: string): Outgoing {
  const params = request.url.searchParams;
  const rid = request.requestId;
  if (path === '/kyc/sessions') {
    const window = parsePage(params);
    const sessions = filterSessions(state, params);
    if (!window.ok) return validationError(window.message, rid);
    if (!sessions.ok) return validationError(sessions.message, rid);
    const { data, pagination } = page(sessions.value, window.value);
    return ok({ success: true, data: data.map(sessionInList), pagination });
  }
  if (path === '/customers') {
    const window = parsePage(params);
    const customers = filterCustomers(state, params);
    if (!window.ok) return validationError(window.message, rid);
    if (!customers.ok) return validationError(customers.message, rid);
    const { data, pagination } = page(customers.value, window.value);
    return ok({ success: true, data: data.map(customerInList), pagination });
  }
  if (path === '/customers/check') return checkCustomer(state, params, rid);

  const byId = (pattern: string) => matchPath(pattern, path)?.id;
  let id: string | undefined;
  if ((id = byId('/kyc/sessions/:id')) !== undefined) {
    return withRecord(id, state.sessions.get(id), rid, (s) => ({ success: true, session: sessionDetail(s) }));
  }
  if ((id = byId('/customers/:id')) !== undefined) {
    return withRecord(id, state.customers.get(id), rid, (c) => ({ success: true, customer: customerDetail(c) }));
  }
  if ((id = byId('/receipts/:id')) !== undefined) {
    return withRecord(id, state.receipts.get(id), rid, (r) => ({ success: true, receipt: receiptDetail(r) }));
  }
  if ((id = byId('/invoices/:id')) !== undefined) {
    return withRecord(id, state.invoices.get(id), rid, (i) => ({ success: true, invoice: invoiceDetail(i) }));
  }
  return unknownRoute(request);
}

function withRecord<T>(id: string, record: T | undefined, rid: string, body: (record: T) => unknown): Outgoing {
  if (!isUuid(id)) return validationError('id must be a UUID', rid);
  return record ? ok(body(record)) : notFound();
}

function checkCustomer(state: SandboxState, params: URLSearchParams, rid: string): Outgoing {
  const phone = params.get('phone')?.trim();
  const email = params.get('email')?.trim().toLowerCase();
  if (!phone === !email) return validationError('pass exactly one of phone or email', rid);
  const customer = phone
    ? state.data.customers.find((c) => c.phone === normalizePhone(phone))
    : state.data.customers.find((c) => c.email.toLowerCase() === email);
  return ok({
    success: true,
    exists: Boolean(customer),
    kycVerified: customer?.kycStatus === 'VERIFIED',
    customer: customer ? customerMatch(customer) : null,
  });
}

const ok = (body: unknown): Outgoing => ({ status: 200, body });

function unknownRoute(request: Incoming): Outgoing {
  return flatError(404, 'NOT_FOUND', 'Not found', `${request.method} ${request.rawPath} does not exist`);
}

export const loveAndPayFaults: FaultReplies = {
  failure: (status, rid) =>
    status >= 500
      ? nestedError(status, 'INTERNAL_ERROR', 'Internal server error', rid)
      : nestedError(status, 'SANDBOX_FAULT', `Injected HTTP ${status}`, rid),
  rateLimited: (seconds) =>
    flatError(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests', 'Rate limit exceeded', `Retry after ${seconds} s`),
};
