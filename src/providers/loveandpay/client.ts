import { z } from 'zod';
import { ProviderError } from '../errors.js';
import { ProviderHttpClient, type SharedHttpOptions } from '../http.js';
import type { AnswerSchema } from '../http/call.js';
import { describeIssues } from '../http/with-validation.js';
import { uuidSegment } from '../path-segment.js';
import { signLoveAndPay } from './sign.js';
import {
  customerCheckSchema,
  customerDetailSchema,
  customerSchema,
  invoiceSchema,
  kycSessionSchema,
  listOf,
  readLoveAndPayError,
  receiptSchema,
  type Customer,
  type CustomerCheck,
  type CustomerDetail,
  type Invoice,
  type KycSession,
  type Pagination,
  type Receipt,
} from './schemas.js';

// Built once: zod schemas cost real CPU to construct, and every request used to build its own.
const SESSION_LIST = listOf(kycSessionSchema);
/** Only what tells sessions apart; the rest of each item is kept as it came and checked by readKycSession. */
const sessionRefSchema = z.looseObject({ id: z.string(), status: z.string() });
const SESSION_REF_LIST_CHECKED = listOf(sessionRefSchema);
type SessionRefList = z.infer<typeof SESSION_REF_LIST_CHECKED>;
/**
 * The same check as listOf(sessionRefSchema), done by hand on the parsed
 * answer as it is, without zod: the reconciliation walks 1,000 pages of 100
 * sessions, and zod's safeParse on each (even of a transform that only
 * called this check) kept pages alive through young-generation collections
 * (node --trace-gc: about 3 MB more heap after each scavenge, against 0.2
 * without), which cost a walk about 100 ms (npm run bench, issue 20). An
 * answer that fails it goes through zod after all, whose issues name the
 * field that broke.
 */
const SESSION_REF_LIST: AnswerSchema<SessionRefList> = {
  safeParse: (value) => (isSessionRefList(value) ? { success: true, data: value } : SESSION_REF_LIST_CHECKED.safeParse(value)),
};
const ONE_SESSION = z.looseObject({ session: kycSessionSchema });
const CUSTOMER_LIST = listOf(customerSchema);
const ONE_CUSTOMER = z.looseObject({ customer: customerDetailSchema });
const ONE_RECEIPT = z.looseObject({ receipt: receiptSchema });
const ONE_INVOICE = z.looseObject({ invoice: invoiceSchema });

function isSessionRefList(value: unknown): value is SessionRefList {
  if (typeof value !== 'object' || value === null) return false;
  const { success, data, pagination } = value as Record<string, unknown>;
  if (success !== true || !Array.isArray(data) || !isPagination(pagination)) return false;
  for (const item of data) {
    if (typeof item !== 'object' || item === null || typeof item.id !== 'string' || typeof item.status !== 'string') return false;
  }
  return true;
}

const isCount = (value: unknown) => value === null || value === undefined || Number.isInteger(value);

function isPagination(value: unknown): value is Pagination {
  if (typeof value !== 'object' || value === null) return false;
  const { total, limit, offset, pages } = value as Record<string, unknown>;
  return typeof total === 'number' && Number.isInteger(total) && total >= 0 && isCount(limit) && isCount(offset) && isCount(pages);
}

export interface LoveAndPayCredentials {
  baseUrl: string;
  apiKey: string;
  secretKey: string;
}

export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

export interface PageRequest {
  /** 1..100; the provider's default is 50. */
  limit?: number;
  offset?: number;
}

export interface KycSessionQuery extends PageRequest {
  status?: string;
  invoiceId?: string;
}

/** A session checked for its id and status only (listKycSessionRefs). */
export type KycSessionRef = z.infer<typeof sessionRefSchema>;

export interface CustomerQuery extends PageRequest {
  search?: string;
  kycStatus?: string;
  trustLevel?: string;
}

/** The largest page Love&Pay serves (docs: limit, maximum 100). */
export const MAX_PAGE_SIZE = 100;

export class LoveAndPayClient {
  private readonly http: ProviderHttpClient;

  constructor(credentials: LoveAndPayCredentials, shared: SharedHttpOptions = {}, now: () => number = Date.now) {
    this.http = new ProviderHttpClient({
      ...shared,
      provider: 'loveandpay',
      baseUrl: credentials.baseUrl,
      // Love&Pay's public client sends it on every request, GET included; a gateway may insist on it.
      headers: { 'content-type': 'application/json' },
      readErrorBody: readLoveAndPayError,
      // Signed afresh on every attempt: the timestamp must be current and the path exact.
      authenticate: ({ method, url, body }) => {
        const timestamp = String(now());
        return {
          'x-api-key': credentials.apiKey,
          'x-timestamp': timestamp,
          'x-signature': signLoveAndPay({
            secretKey: credentials.secretKey,
            method,
            path: url.pathname,
            timestamp,
            body,
          }),
        };
      },
    });
  }

  async listKycSessions(query: KycSessionQuery = {}): Promise<Page<KycSession>> {
    if (query.invoiceId) uuidSegment(query.invoiceId);
    const body = await this.http.get({
      endpoint: 'GET /kyc/sessions',
      freshness: 'page',
      path: '/kyc/sessions',
      query: { ...query },
      schema: SESSION_LIST,
    });
    return { items: body.data, pagination: body.pagination };
  }

  /**
   * Like listKycSessions, but each item is checked for id and status only.
   * The reconciliation walks every final session to find the few it has not
   * seen; validating all of them cost more CPU than fetching them (npm run
   * bench). Check the ones you keep with readKycSession.
   */
  async listKycSessionRefs(query: Omit<KycSessionQuery, 'invoiceId'> = {}): Promise<Page<KycSessionRef>> {
    const body = await this.http.get({ endpoint: 'GET /kyc/sessions', path: '/kyc/sessions', query: { ...query }, schema: SESSION_REF_LIST });
    return { items: body.data, pagination: body.pagination };
  }

  /** The full check of one item from listKycSessionRefs; a session of the wrong shape is an invalid_response. */
  readKycSession(ref: KycSessionRef): KycSession {
    const result = kycSessionSchema.safeParse(ref);
    if (result.success) return result.data;
    throw new ProviderError({
      provider: 'loveandpay',
      kind: 'invalid_response',
      message: `a session in the answer to GET /kyc/sessions did not have the documented shape (${describeIssues(result.error)})`,
    });
  }

  async getKycSession(id: string): Promise<KycSession> {
    const body = await this.http.get({
      endpoint: 'GET /kyc/sessions/:id',
      path: `/kyc/sessions/${uuidSegment(id)}`,
      schema: ONE_SESSION,
    });
    return body.session;
  }

  async listCustomers(query: CustomerQuery = {}): Promise<Page<Customer>> {
    const body = await this.http.get({
      endpoint: 'GET /customers',
      freshness: 'page',
      path: '/customers',
      query: { ...query },
      schema: CUSTOMER_LIST,
    });
    return { items: body.data, pagination: body.pagination };
  }

  async getCustomer(id: string): Promise<CustomerDetail> {
    const body = await this.http.get({
      endpoint: 'GET /customers/:id',
      path: `/customers/${uuidSegment(id)}`,
      schema: ONE_CUSTOMER,
    });
    return body.customer;
  }

  /** Exactly one of phone or email. */
  checkCustomer(by: { phone: string } | { email: string }): Promise<CustomerCheck> {
    return this.http.get({
      endpoint: 'GET /customers/check',
      path: '/customers/check',
      query: { ...by },
      schema: customerCheckSchema,
    });
  }

  async getReceipt(id: string): Promise<Receipt> {
    const body = await this.http.get({
      endpoint: 'GET /receipts/:id',
      path: `/receipts/${uuidSegment(id)}`,
      schema: ONE_RECEIPT,
    });
    return body.receipt;
  }

  async getInvoice(id: string): Promise<Invoice> {
    const body = await this.http.get({
      endpoint: 'GET /invoices/:id',
      path: `/invoices/${uuidSegment(id)}`,
      schema: ONE_INVOICE,
    });
    return body.invoice;
  }

  /** Every session matching the query, page by page (offset paging, newest first as the provider orders them). */
  allKycSessions(query: Omit<KycSessionQuery, 'offset'> = {}): AsyncGenerator<KycSession> {
    return eachItem((offset, limit) => this.listKycSessions({ ...query, offset, limit }), query.limit);
  }

  allCustomers(query: Omit<CustomerQuery, 'offset'> = {}): AsyncGenerator<Customer> {
    return eachItem((offset, limit) => this.listCustomers({ ...query, offset, limit }), query.limit);
  }
}

/**
 * Walks offset pages until the provider's total is reached or a page comes
 * back empty. A short page alone does not end the walk: a provider may cap
 * the page size below the limit asked for.
 */
async function* eachItem<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  limit = MAX_PAGE_SIZE,
): AsyncGenerator<T> {
  let offset = 0;
  for (;;) {
    const page = await fetchPage(offset, limit);
    yield* page.items;
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.pagination.total) return;
  }
}
