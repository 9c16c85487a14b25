/**
 * What travels through the provider HTTP client: one request in, one
 * response out. The client is a transport wrapped in layers (auth, error
 * typing, retry, validation, observation), each a function from the next
 * Call to a new Call, as grammY wraps its Bot API client in transformers.
 */
import type { ProviderName } from '../../domain/outcome.js';

export type HttpMethod = 'GET' | 'POST';

export interface ProviderRequest {
  provider: ProviderName;
  /** A label without ids, for metrics, logs and error messages: 'GET /kyc/sessions/:id'. */
  endpoint: string;
  method: HttpMethod;
  url: RequestUrl;
  /** The exact body bytes sent ('' for GET); signers hash this. */
  body: string;
  headers: Record<string, string>;
  /** The documented shape of a 2xx answer, checked by withValidation. */
  schema?: AnswerSchema;
  /** How long a lookup client may keep the answer (withCache): a page of a list, or one object. */
  freshness?: Freshness;
}

/** Where a request goes, as the transport, the signers and the cache read it (a WHATWG URL has all of it). */
export interface RequestUrl {
  readonly origin: string;
  /** The path with any version prefix: what Love&Pay signs. */
  readonly pathname: string;
  /** '' or '?' and the query. */
  readonly search: string;
  readonly href: string;
}

/** A page of a list is kept a minute (Prev/Next and the prefetched page); one object only seconds (answer-cache.ts). */
export type Freshness = 'page' | 'detail';

export interface ProviderResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The provider's request id from its response header, when it sent one. */
  requestId?: string;
  /** The body as text, read up to the size limit. */
  text: string;
  /** Attempts it took: 1 from the transport, counted again by withRetry. */
  attempts: number;
  /** The body parsed by the request's schema (withValidation). */
  data?: unknown;
}

/**
 * What withValidation asks of a schema: zod's safeParse answer. Every zod
 * schema is one; a hand-written check with the same answers is one too
 * (loveandpay/client.ts's session-ref list, where running zod on every page
 * of a full walk cost more than the walk's own fetching, npm run bench).
 * Issues name paths and expected types, never values.
 */
export interface AnswerSchema<T = unknown> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

export interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** Sends one request and resolves with its answer, or rejects with a ProviderError. */
export type Call = (request: ProviderRequest) => Promise<ProviderResponse>;

/** Wraps a Call in one more behaviour. */
export type Layer = (next: Call) => Call;

/** compose(a, b, c)(transport) is a(b(c(transport))): the first layer is the outermost. */
export function compose(...layers: Layer[]): Layer {
  return (transport) => layers.reduceRight((next, layer) => layer(next), transport);
}

/** The body as JSON, or `ok: false` when it is not JSON. */
export function readJson(response: Pick<ProviderResponse, 'text'>): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(response.text) };
  } catch {
    return { ok: false };
  }
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
