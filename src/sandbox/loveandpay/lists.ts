/**
 * List queries of Love&Pay (shared/provider-docs/loveandpay-get-kyc-sessions.txt,
 * loveandpay-get-customers.txt): limit 1..100 (default 50), offset, filters,
 * newest first. Bad values are refused as VALIDATION_ERROR, as a strict API would.
 */
import { isUuid } from '../../domain/ids.js';
import type { SandboxState } from '../state.js';
import { KYC_STATUSES, SESSION_STATUSES, TRUST_LEVELS, type KycSessionLike, type SandboxCustomer } from '../types.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface PageWindow {
  limit: number;
  offset: number;
}

export function parsePage(params: URLSearchParams): Parsed<PageWindow> {
  const limit = integer(params.get('limit'), DEFAULT_LIMIT);
  const offset = integer(params.get('offset'), 0);
  if (limit === null || limit < 1 || limit > MAX_LIMIT) {
    return { ok: false, message: `limit must be an integer from 1 to ${MAX_LIMIT}` };
  }
  if (offset === null || offset < 0) return { ok: false, message: 'offset must be a non-negative integer' };
  return { ok: true, value: { limit, offset } };
}

function integer(raw: string | null, fallback: number): number | null {
  if (raw === null || raw === '') return fallback;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

export function page<T>(items: T[], window: PageWindow) {
  return {
    data: items.slice(window.offset, window.offset + window.limit),
    pagination: {
      total: items.length,
      limit: window.limit,
      offset: window.offset,
      pages: Math.ceil(items.length / window.limit),
    },
  };
}

export function filterSessions(state: SandboxState, params: URLSearchParams): Parsed<KycSessionLike[]> {
  const status = params.get('status') || undefined;
  const invoiceId = params.get('invoiceId') || undefined;
  if (status && !(SESSION_STATUSES as readonly string[]).includes(status)) {
    return { ok: false, message: `status must be one of ${SESSION_STATUSES.join(', ')}` };
  }
  if (invoiceId && !isUuid(invoiceId)) return { ok: false, message: 'invoiceId must be a UUID' };
  if (!status && !invoiceId) return { ok: true, value: state.data.sessions };
  const invoice = invoiceId?.toLowerCase();
  const value = state.filtered(`sessions|${status ?? ''}|${invoice ?? ''}`, () =>
    state.data.sessions.filter(
      (s) => (!status || s.status === status) && (!invoice || s.invoiceId?.toLowerCase() === invoice),
    ),
  );
  return { ok: true, value };
}

export function filterCustomers(state: SandboxState, params: URLSearchParams): Parsed<SandboxCustomer[]> {
  const search = params.get('search')?.trim() || undefined;
  const kycStatus = params.get('kycStatus') || undefined;
  const trustLevel = params.get('trustLevel') || undefined;
  if (kycStatus && !(KYC_STATUSES as readonly string[]).includes(kycStatus)) {
    return { ok: false, message: `kycStatus must be one of ${KYC_STATUSES.join(', ')}` };
  }
  if (trustLevel && !(TRUST_LEVELS as readonly string[]).includes(trustLevel)) {
    return { ok: false, message: `trustLevel must be one of ${TRUST_LEVELS.join(', ')}` };
  }
  if (!search && !kycStatus && !trustLevel) return { ok: true, value: state.data.customers };
  const matches = search ? searchMatcher(search) : () => true;
  const value = state.filtered(`customers|${search ?? ''}|${kycStatus ?? ''}|${trustLevel ?? ''}`, () =>
    state.data.customers.filter(
      (c) => (!kycStatus || c.kycStatus === kycStatus) && (!trustLevel || c.trustLevel === trustLevel) && matches(c),
    ),
  );
  return { ok: true, value };
}

/** `search` over name, e-mail and phone: case-insensitive, ё = е, phone by digits (so 8 999 ... finds +7 999 ...). */
function searchMatcher(search: string): (c: SandboxCustomer) => boolean {
  const text = fold(search);
  let digits = search.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
  return (c) =>
    fold(c.fullName).includes(text) ||
    c.email.toLowerCase().includes(text) ||
    (digits.length >= 3 && c.phone.replace(/\D/g, '').includes(digits));
}

const fold = (text: string) => text.toLowerCase().replace(/ё/g, 'е');

/** +7XXXXXXXXXX from the ways people write Russian numbers: 8 (999) 123-45-67, 79991234567, +7 999 ... */
export function normalizePhone(raw: string): string {
  let digits = raw.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
  if (digits.length === 10) digits = `7${digits}`;
  return `+${digits}`;
}
