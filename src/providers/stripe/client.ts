import { z } from 'zod';
import { ProviderError } from '../errors.js';
import { ProviderHttpClient, type SharedHttpOptions } from '../http.js';
import { stripeIdSegment, stripeSessionSegment } from '../path-segment.js';

/**
 * Stripe Identity (shared/provider-docs/stripe-identity-list-verification-sessions.txt).
 * The API version is pinned so a Stripe-side upgrade cannot change shapes under us.
 */
export const STRIPE_API_VERSION = '2024-06-20';

const optionalString = z.string().nullish().transform((v) => v ?? null);

/** `{day, month, year}` as Stripe sends dates of birth and document dates; any part may be null. */
const stripeDateSchema = z
  .looseObject({ day: z.number().int().nullish(), month: z.number().int().nullish(), year: z.number().int().nullish() })
  .nullish()
  .transform((v) => v ?? null);
export type StripeDate = z.infer<typeof stripeDateSchema>;

const addressSchema = z
  .looseObject({
    line1: optionalString,
    line2: optionalString,
    postal_code: optionalString,
    city: optionalString,
    state: optionalString,
    country: optionalString,
  })
  .nullish()
  .transform((v) => v ?? null);
export type StripeAddress = z.infer<typeof addressSchema>;

const checkErrorSchema = z
  .looseObject({ code: optionalString, reason: optionalString })
  .nullish()
  .transform((v) => v ?? null);

/** `verified_outputs` (expandable; `dob` needs its own expansion): what Stripe verified about the person. */
const verifiedOutputsSchema = z.looseObject({
  first_name: optionalString,
  last_name: optionalString,
  dob: stripeDateSchema,
  address: addressSchema,
  email: optionalString,
  phone: optionalString,
  id_number: optionalString,
  id_number_type: optionalString,
});

/** The expanded `last_verification_report`: how each check went (Stripe API reference, "The VerificationReport object"). */
const verificationReportSchema = z.looseObject({
  id: z.string(),
  document: z
    .looseObject({
      status: optionalString,
      type: optionalString,
      issuing_country: optionalString,
      expiration_date: stripeDateSchema,
      error: checkErrorSchema,
    })
    .nullish()
    .transform((v) => v ?? null),
  selfie: z
    .looseObject({ status: optionalString, error: checkErrorSchema })
    .nullish()
    .transform((v) => v ?? null),
});
export type VerificationReport = z.infer<typeof verificationReportSchema>;

const verificationSessionSchema = z.looseObject({
  id: z.string(),
  object: z.literal('identity.verification_session').optional(),
  created: z.number().int(),
  status: z.string(),
  type: optionalString,
  client_reference_id: optionalString,
  last_error: checkErrorSchema,
  /** An id, or the report itself when expanded. */
  last_verification_report: z
    .union([z.string(), verificationReportSchema])
    .nullish()
    .transform((v) => v ?? null),
  url: optionalString,
  livemode: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  verified_outputs: verifiedOutputsSchema.nullish().transform((v) => v ?? null),
});
export type VerificationSession = z.infer<typeof verificationSessionSchema>;

const stripeEventSchema = z.looseObject({
  id: z.string(),
  object: z.literal('event').optional(),
  type: z.string(),
  created: z.number().int(),
  data: z.looseObject({ object: verificationSessionSchema }),
});
export type StripeEvent = z.infer<typeof stripeEventSchema>;

/** A verification session's event as Stripe sends it (the Events API, a webhook), or null when it has another shape. */
export function parseStripeEvent(value: unknown): StripeEvent | null {
  const result = stripeEventSchema.safeParse(value);
  return result.success ? result.data : null;
}

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

// Built once, not per request (zod schemas are costly to construct).
const SESSION_LIST = listSchema(verificationSessionSchema);
const EVENT_LIST = listSchema(stripeEventSchema);

export class StripeIdentityClient {
  private readonly http: ProviderHttpClient;

  constructor(credentials: StripeCredentials, shared: SharedHttpOptions = {}) {
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
      freshness: 'page',
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
  async getVerificationSession(id: string, expand: readonly string[] = []): Promise<VerificationSession> {
    return this.http.get({
      endpoint: 'GET /v1/identity/verification_sessions/:id',
      path: `/v1/identity/verification_sessions/${stripeSessionSegment(id)}`,
      query: { 'expand[]': expand.length ? expand : undefined },
      schema: verificationSessionSchema,
    });
  }

  /**
   * The session with what Stripe verified and its last report expanded, as
   * far as the key allows: a restricted key may lack the permission for the
   * sensitive date of birth, or for verification results at all, and Stripe
   * then refuses the whole request. Each refusal steps down one level.
   */
  async getVerificationSessionDetails(id: string): Promise<VerificationSession> {
    for (const expand of EXPANSION_LEVELS) {
      try {
        return await this.getVerificationSession(id, expand);
      } catch (error) {
        if (!isExpansionRefused(error)) throw error;
      }
    }
    return this.getVerificationSession(id);
  }

  async listEvents(query: EventQuery = {}): Promise<StripeList<StripeEvent>> {
    const body = await this.http.get({
      endpoint: 'GET /v1/events',
      freshness: 'page',
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

/** From the most to the least: dob is a sensitive output with its own expansion (Stripe: "Accessing verification results"). */
const EXPANSION_LEVELS: ReadonlyArray<readonly string[]> = [
  ['verified_outputs', 'verified_outputs.dob', 'last_verification_report'],
  ['verified_outputs', 'last_verification_report'],
];

/** A 403 (the key lacks a permission), or a 400 that names an expansion. */
function isExpansionRefused(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return false;
  return error.kind === 'forbidden' || (error.kind === 'bad_request' && /expan/i.test(error.message));
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
