/**
 * The one HTTP client every provider talks through: a transport wrapped in
 * layers, each in its own file under http/. A provider adds only how it
 * authenticates and how its error bodies read; keep-alive pools, timeouts,
 * retries, error typing, validation and metrics live here once.
 */
import type { ProviderName } from '../domain/outcome.js';
import type { AnswerCache } from './answer-cache.js';
import { compose, type AnswerSchema, type Call, type Freshness, type HttpMethod, type RequestUrl } from './http/call.js';
import { createAgent, createTransport, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUTS, type RequestDispatcher, type Timeouts } from './http/transport.js';
import { withAuth, type Authenticator } from './http/with-auth.js';
import { withCache } from './http/with-cache.js';
import { withCoalescing } from './http/with-coalescing.js';
import { withHttpErrors, type ErrorBodyReader } from './http/with-http-errors.js';
import { withObserve, type Observer } from './http/with-observe.js';
import { withRetry } from './http/with-retry.js';
import { withValidation } from './http/with-validation.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';

// What the rest of the app uses from the client (the pool and its limits).
export { createAgent, DEFAULT_MAX_RESPONSE_BYTES, type RequestDispatcher, type Timeouts } from './http/transport.js';

export type QueryValue = string | number | boolean | undefined | null | readonly string[];
export type Query = Record<string, QueryValue>;

export interface HttpClientOptions {
  provider: ProviderName;
  /** Base URL with any version prefix; paths are appended as they are. */
  baseUrl: string;
  authenticate: Authenticator;
  /** Sent with every request, before the authenticator's headers. */
  headers?: Record<string, string>;
  readErrorBody?: ErrorBodyReader;
  /** Response header carrying the provider's request id. */
  requestIdHeader?: string;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  /** A larger response body fails as too_large, unread; default DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
  /** Shared keep-alive agent; one is created when absent. */
  dispatcher?: RequestDispatcher;
  /** Called once per logical request (after retries) for metrics. */
  observe?: Observer;
  /** Lookups only: identical GETs in flight at once share one call (withCoalescing). */
  coalesce?: boolean;
  /** Lookups only: fresh answers served from here (withCache). */
  cache?: AnswerCache;
  /** Reading ahead for lookups (commands/prefetch.ts): answers kept as long as a page. */
  readAhead?: boolean;
}

/** What every provider client shares: the pool, timeouts, retry policy, body size limit, the metrics hook and, for lookups, coalescing and the cache. */
export type SharedHttpOptions = Pick<HttpClientOptions, 'timeouts' | 'retry' | 'maxResponseBytes' | 'dispatcher' | 'observe' | 'coalesce' | 'cache' | 'readAhead'>;

export interface RequestSpec<T> {
  /** A label without ids, for metrics and logs: 'GET /kyc/sessions/:id'. */
  endpoint: string;
  path: string;
  query?: Query;
  method?: HttpMethod;
  body?: string;
  schema: AnswerSchema<T>;
  /** For a lookup client's cache: 'page' for a list, 'detail' (the default) for one object. */
  freshness?: Freshness;
}

export class ProviderHttpClient {
  readonly provider: ProviderName;
  /** The base URL's origin and path prefix, parsed once: a lookup answered from the cache still builds its URL (the key). */
  private readonly origin: string;
  private readonly pathPrefix: string;
  private readonly headers: Record<string, string>;
  private readonly call: Call;

  constructor(options: HttpClientOptions) {
    this.provider = options.provider;
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.pathPrefix = base.pathname.replace(/\/+$/, '');
    this.headers = options.headers ?? {};
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const transport = createTransport({
      dispatcher: options.dispatcher ?? createAgent(timeouts),
      timeouts,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      requestIdHeader: options.requestIdHeader ?? 'x-request-id',
    });
    // Outermost first. Everything inside withRetry runs once per attempt, so
    // withAuth signs every attempt afresh (Love&Pay's timestamp and signature).
    this.call = compose(
      ...(options.cache ? [withCache(options.cache, { readAhead: options.readAhead })] : []), // a fresh kept answer is no provider request
      withObserve(options.observe), // once per logical request, after retries and validation
      withValidation(), // JSON + schema -> invalid_response naming the field; never retried
      ...(options.coalesce ? [withCoalescing()] : []), // one call for identical GETs in flight; each caller parses its own
      withRetry({ ...DEFAULT_RETRY_POLICY, ...options.retry }), // GET only; backoff; Retry-After up to the cap
      withAuth(options.authenticate), // per attempt: fresh headers, signature and timestamp
      withHttpErrors(options.readErrorBody), // non-2xx + the provider's error body -> ProviderError
    )(transport);
  }

  get<T>(spec: Omit<RequestSpec<T>, 'method' | 'body'>): Promise<T> {
    return this.request({ ...spec, method: 'GET' });
  }

  async request<T>(spec: RequestSpec<T>): Promise<T> {
    const body = spec.body ?? '';
    const response = await this.call({
      provider: this.provider,
      endpoint: spec.endpoint,
      method: spec.method ?? 'GET',
      url: buildUrl(this.origin, this.pathPrefix, spec.path, spec.query),
      body,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...this.headers },
      schema: spec.schema,
      freshness: spec.freshness,
    });
    // withValidation parsed the body with spec.schema, an AnswerSchema<T>.
    return response.data as T;
  }
}

function buildUrl(origin: string, pathPrefix: string, path: string, query: Query = {}): RequestUrl {
  // Serialized once (url.searchParams.append re-serializes the query on every call), encoded the same way.
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    const values = Array.isArray(value) ? value : [String(value)];
    for (const item of values) params.append(key, item);
  }
  const search = params.toString();
  // Put together as text, not parsed: parsing the address was a third of a cached lookup's time (npm run bench).
  // Paths are fixed text and ids checked and encoded (path-segment.ts), so there is nothing a URL parser would
  // rewrite; a path that holds any (a ? or # that would start a query or a fragment, a dot segment, encoded or
  // not, a space, a stray %) is refused rather than sent differently.
  if (!isPlainPath(path)) throw new Error(`a request path may not hold ? or #, a dot segment or a character outside a URL path: ${path}`);
  const pathname = `${pathPrefix}${path}`;
  const rest = search ? `?${search}` : '';
  return { origin, pathname, search: rest, href: `${origin}${pathname}${rest}` };
}

/** A path segment of RFC 3986 characters: unreserved, sub-delims, : and @, and %XX escapes. */
const PATH_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*$/;
/** `.` and `..`, as written or escaped: a URL parser would climb with them. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

function isPlainPath(path: string): boolean {
  return path.startsWith('/') && path.slice(1).split('/').every((segment) => PATH_SEGMENT.test(segment) && !DOT_SEGMENT.test(segment));
}
