import { z } from 'zod';
import { ProviderHttpClient, type HttpClientOptions } from '../http.js';
import { stripeIdSegment, stripeSessionSegment } from '../path-segment.js';

/**
 * Stripe Identity (shared/provider-docs/stripe-identity-list-verification-sessions.txt).
 * The API version is pinned so a Stripe-side upgrade cannot change shapes under us.
 */
export const STRIPE_API_VERSION = '2024-06-20';

export const verificationSessionSchema = z.looseObject({
  id: z.string(),
  object: z.literal('identity.verification_session').optional(),
  created: z.number().int(),
  status: z.string(),
  type: z.string().nullish().transform((v) => v ?? null),
  client_reference_id: z.string().nullish().transform((v) => v ?? null),
  last_error: z
    .looseObject({ code: z.string().nullish(), reason: z.string().nullish() })
    .nullish()
    .transform((v) => v ?? null),
  url: z.string().nullish().transform((v) => v ?? null),
  livemode: z.boolean().optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
export type VerificationSession = z.infer<typeof verificationSessionSchema>;

export const stripeEventSchema = z.looseObject({
  id: z.string(),
  object: z.literal('event').optional(),
  type: z.string(),
  created: z.number().int(),
  data: z.looseObject({ object: verificationSessionSchema }),
});
export type StripeEvent = z.infer<typeof stripeEventSchema>;

const listSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({ object: z.literal('list'), has_more: z.boolean(), data: z.array(item), url: z.string().optional() });

export interface StripeList<T> {
  items: T[];
  hasMore: boolean;
}

export interface CreatedRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface Cursor {
  limit?: number;
  startingAfter?: string;
  endingBefore?: string;
}

export interface VerificationSessionQuery extends Cursor {
  status?: string;
  clientReferenceId?: string;
  created?: CreatedRange;
}

export const VERIFICATION_EVENT_TYPES = [
  'identity.verification_session.verified',
  'identity.verification_session.requires_input',
  'identity.verification_session.canceled',
] as const;

export interface EventQuery extends Cursor {
  types?: readonly string[];
  created?: CreatedRange;
}

export interface StripeCredentials {
  apiBase: string;
  secretKey: string;
}

type Shared = Omit<HttpClientOptions, 'provider' | 'baseUrl' | 'authenticate' | 'readErrorBody'>;

// Built once, not per request (zod schemas are costly to construct).
const SESSION_LIST = listSchema(verificationSessionSchema);
const EVENT_LIST = listSchema(stripeEventSchema);

export class StripeIdentityClient {
  private readonly http: ProviderHttpClient;

  constructor(credentials: StripeCredentials, shared: Shared = {}) {
    this.http = new ProviderHttpClient({
      ...shared,
      provider: 'stripe',
      baseUrl: credentials.apiBase,
      requestIdHeader: 'request-id',
      authenticate: () => ({
        authorization: `Bearer ${credentials.secretKey}`,
        'stripe-version': STRIPE_API_VERSION,
      }),
      readErrorBody: readStripeError,
    });
  }

  async listVerificationSessions(query: VerificationSessionQuery = {}): Promise<StripeList<VerificationSession>> {
    const body = await this.http.get({
      endpoint: 'GET /v1/identity/verification_sessions',
      path: '/v1/identity/verification_sessions',
      query: {
        status: query.status,
        client_reference_id: query.clientReferenceId,
        ...createdParams(query.created),
        ...cursorParams(query),
      },
      schema: SESSION_LIST,
    });
    return { items: body.data, hasMore: body.has_more };
  }

  // async so a malformed id rejects the promise like every other failure, instead of throwing synchronously.
  async getVerificationSession(id: string): Promise<VerificationSession> {
    return this.http.get({
      endpoint: 'GET /v1/identity/verification_sessions/:id',
      path: `/v1/identity/verification_sessions/${stripeSessionSegment(id)}`,
      schema: verificationSessionSchema,
    });
  }

  async listEvents(query: EventQuery = {}): Promise<StripeList<StripeEvent>> {
    const body = await this.http.get({
      endpoint: 'GET /v1/events',
      path: '/v1/events',
      query: { 'types[]': query.types, ...createdParams(query.created), ...cursorParams(query) },
      schema: EVENT_LIST,
    });
    return { items: body.data, hasMore: body.has_more };
  }

  /** Every verification session matching the query, following `starting_after` cursors. */
  async *allVerificationSessions(query: Omit<VerificationSessionQuery, 'startingAfter'> = {}) {
    let startingAfter: string | undefined;
    for (;;) {
      // `limit: undefined` in the query must not fall back to Stripe's default page of 10.
      const page = await this.listVerificationSessions({ ...query, limit: query.limit ?? 100, startingAfter });
      yield* page.items;
      const last = page.items.at(-1);
      if (!page.hasMore || !last) return;
      startingAfter = last.id;
    }
  }
}

function createdParams(range: CreatedRange | undefined) {
  return {
    'created[gt]': range?.gt,
    'created[gte]': range?.gte,
    'created[lt]': range?.lt,
    'created[lte]': range?.lte,
  };
}

function cursorParams(cursor: Cursor) {
  return {
    limit: cursor.limit,
    starting_after: cursor.startingAfter === undefined ? undefined : stripeIdSegment(cursor.startingAfter),
    ending_before: cursor.endingBefore === undefined ? undefined : stripeIdSegment(cursor.endingBefore),
  };
}

function readStripeError(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (!error || typeof error !== 'object') return {};
  return {
    code: typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : undefined,
    message: typeof error.message === 'string' ? error.message : undefined,
  };
}
