/**
 * The one HTTP client every provider talks through. A provider adds only how
 * it authenticates and how its error bodies read; keep-alive pools, timeouts,
 * retries, error typing and response validation live here once.
 */
import { Agent, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { ProviderName } from '../domain/outcome.js';
import { ProviderError, kindForStatus, type ProviderErrorKind } from './errors.js';
import { readCappedBody, type CappedBody } from './read-capped-body.js';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  isRetryableStatus,
  parseRetryAfterMs,
  type RetryPolicy,
} from './retry-policy.js';

export type HttpMethod = 'GET' | 'POST';

export interface OutgoingRequest {
  method: HttpMethod;
  url: URL;
  /** The exact body bytes sent ('' for GET); signers hash this. */
  body: string;
}

/** Headers that prove who we are; called afresh for every attempt so signatures and timestamps stay fresh. */
export type Authenticator = (request: OutgoingRequest) => Record<string, string>;

export interface ErrorBodyFacts {
  code?: string;
  message?: string;
  requestId?: string;
}

/** Reads a provider's error body shape; returns what it could find. */
export type ErrorBodyReader = (body: unknown) => ErrorBodyFacts;

export interface Timeouts {
  connectMs: number;
  /** Whole request, headers and body, per attempt. */
  requestMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, requestMs: 10_000 };

/**
 * The largest response body read, in bytes (PROVIDER_MAX_RESPONSE_BYTES). A
 * full page of 100 Love&Pay sessions is well under 1 MB; 10 MB leaves room
 * and still bounds what one answer can cost in memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 10_000_000;

export type QueryValue = string | number | boolean | undefined | null | readonly string[];
export type Query = Record<string, QueryValue>;

export interface RequestObservation {
  provider: ProviderName;
  endpoint: string;
  /** 'ok' or the error kind of the final attempt. */
  result: 'ok' | ProviderErrorKind;
  durationMs: number;
  attempts: number;
}

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
  dispatcher?: Dispatcher;
  /** Called once per logical request (after retries) for metrics. */
  observe?: (observation: RequestObservation) => void;
}

/** What every provider client shares: the pool, timeouts, retry policy, body size limit and the metrics hook. */
export type SharedHttpOptions = Pick<HttpClientOptions, 'timeouts' | 'retry' | 'maxResponseBytes' | 'dispatcher' | 'observe'>;

export interface RequestSpec<T> {
  /** A label without ids, for metrics and logs: 'GET /kyc/sessions/:id'. */
  endpoint: string;
  path: string;
  query?: Query;
  method?: HttpMethod;
  body?: string;
  schema: z.ZodType<T>;
}

/** One keep-alive agent: undici keeps a connection pool per origin inside it. */
export function createAgent(timeouts: Partial<Timeouts> = {}): Agent {
  const { connectMs } = { ...DEFAULT_TIMEOUTS, ...timeouts };
  return new Agent({ connect: { timeout: connectMs }, keepAliveTimeout: 30_000, connections: 32 });
}

export function buildUrl(baseUrl: string, path: string, query: Query = {}): URL {
  const base = new URL(baseUrl);
  const url = new URL(base.origin);
  url.pathname = base.pathname.replace(/\/+$/, '') + path;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    const values = Array.isArray(value) ? value : [String(value)];
    for (const item of values) url.searchParams.append(key, item);
  }
  return url;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface AttemptFailure {
  error: ProviderError;
  retryable: boolean;
  retryAfterMs?: number;
}

export class ProviderHttpClient {
  readonly provider: ProviderName;
  private readonly options: HttpClientOptions;
  private readonly timeouts: Timeouts;
  private readonly policy: RetryPolicy;
  private readonly maxResponseBytes: number;
  private readonly dispatcher: Dispatcher;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.provider = options.provider;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.dispatcher = options.dispatcher ?? createAgent(this.timeouts);
  }

  get<T>(spec: Omit<RequestSpec<T>, 'method' | 'body'>): Promise<T> {
    return this.request({ ...spec, method: 'GET' });
  }

  /**
   * Only GET is retried: repeating a POST could create a second check or
   * payment at the provider, so a failed POST is reported, never replayed.
   */
  async request<T>(spec: RequestSpec<T>): Promise<T> {
    const method = spec.method ?? 'GET';
    const maxAttempts = method === 'GET' ? this.policy.maxAttempts : 1;
    const started = performance.now();
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const outcome = await this.attempt(spec, method, attempt);
      if (outcome.ok) {
        this.observe(spec.endpoint, 'ok', started, attempt);
        return outcome.value;
      }
      const { error, retryable, retryAfterMs } = outcome.failure;
      const waitMs = retryAfterMs ?? backoffDelayMs(this.policy, attempt);
      const tooLong = retryAfterMs !== undefined && retryAfterMs > this.policy.retryAfterCapMs;
      if (!retryable || attempt >= maxAttempts || tooLong) {
        this.observe(spec.endpoint, error.kind, started, attempt);
        throw withAttempts(error, attempt);
      }
      await sleep(waitMs);
    }
  }

  private async attempt<T>(
    spec: RequestSpec<T>,
    method: HttpMethod,
    attempt: number,
  ): Promise<{ ok: true; value: T } | { ok: false; failure: AttemptFailure }> {
    const url = buildUrl(this.options.baseUrl, spec.path, spec.query);
    const body = spec.body ?? '';
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...this.options.headers,
      ...this.options.authenticate({ method, url, body }),
    };
    let response: Dispatcher.ResponseData;
    let answer: CappedBody;
    try {
      const signal = AbortSignal.timeout(this.timeouts.requestMs);
      response = await this.dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method,
        headers,
        body: body || undefined,
        signal,
        headersTimeout: this.timeouts.requestMs,
        bodyTimeout: this.timeouts.requestMs,
      });
      answer = await readCappedBody(response, this.maxResponseBytes);
    } catch (cause) {
      return { ok: false, failure: { error: this.networkError(cause), retryable: true } };
    }
    const requestId = this.requestId(response.headers);
    if (!answer.ok) return { ok: false, failure: this.tooLarge(spec.endpoint, response.statusCode, requestId) };
    const parsed = parseJson(answer.text);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return this.validate(spec, parsed, response.statusCode, requestId);
    }
    return { ok: false, failure: this.httpFailure(response, parsed, requestId, attempt) };
  }

  private validate<T>(
    spec: RequestSpec<T>,
    parsed: { ok: boolean; value: unknown },
    status: number,
    requestId: string | undefined,
  ): { ok: true; value: T } | { ok: false; failure: AttemptFailure } {
    if (!parsed.ok) {
      return this.invalid(`the answer to ${spec.endpoint} was not JSON`, status, requestId);
    }
    const result = spec.schema.safeParse(parsed.value);
    if (result.success) return { ok: true, value: result.data };
    return this.invalid(`the answer to ${spec.endpoint} did not have the documented shape (${describeIssues(result.error)})`, status, requestId);
  }

  private invalid(message: string, status: number, requestId: string | undefined) {
    const error = new ProviderError({ provider: this.provider, kind: 'invalid_response', message, status, requestId });
    return { ok: false as const, failure: { error, retryable: false } };
  }

  /** Not retried: the same request would most likely bring the same oversized answer. */
  private tooLarge(endpoint: string, status: number, requestId: string | undefined): AttemptFailure {
    const error = new ProviderError({
      provider: this.provider,
      kind: 'too_large',
      message: `the answer to ${endpoint} was larger than ${this.maxResponseBytes} bytes`,
      status,
      requestId,
      limitBytes: this.maxResponseBytes,
    });
    return { error, retryable: false };
  }

  private httpFailure(
    response: Dispatcher.ResponseData,
    parsed: { ok: boolean; value: unknown },
    headerRequestId: string | undefined,
    attempt: number,
  ): AttemptFailure {
    const status = response.statusCode;
    const facts = parsed.ok && this.options.readErrorBody ? this.options.readErrorBody(parsed.value) : {};
    const retryAfterMs =
      status === 429 || status === 503 ? parseRetryAfterMs(headerValue(response.headers['retry-after'])) : undefined;
    const error = new ProviderError({
      provider: this.provider,
      kind: kindForStatus(status),
      status,
      code: facts.code,
      message: facts.message ?? `HTTP ${status}`,
      requestId: facts.requestId ?? headerRequestId,
      retryAfterMs,
      attempts: attempt,
    });
    return { error, retryable: isRetryableStatus(status), retryAfterMs };
  }

  private networkError(cause: unknown): ProviderError {
    const name = (cause as { name?: string })?.name ?? '';
    const code = (cause as { code?: string })?.code ?? '';
    const timedOut =
      name === 'TimeoutError' ||
      name === 'AbortError' ||
      code === 'UND_ERR_CONNECT_TIMEOUT' ||
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'UND_ERR_BODY_TIMEOUT';
    if (timedOut) {
      return new ProviderError({
        provider: this.provider,
        kind: 'timeout',
        message: `no answer within ${this.timeouts.requestMs} ms`,
        timeoutMs: this.timeouts.requestMs,
        code: code || undefined,
      });
    }
    return new ProviderError({
      provider: this.provider,
      kind: 'unavailable',
      message: `could not reach the provider (${code || name || 'network error'})`,
      code: code || undefined,
    });
  }

  private requestId(headers: Dispatcher.ResponseData['headers']): string | undefined {
    const name = this.options.requestIdHeader ?? 'x-request-id';
    return headerValue(headers[name]);
  }

  private observe(endpoint: string, result: RequestObservation['result'], started: number, attempts: number) {
    this.options.observe?.({
      provider: this.provider,
      endpoint,
      result,
      durationMs: performance.now() - started,
      attempts,
    });
  }
}

function withAttempts(error: ProviderError, attempts: number): ProviderError {
  return error.attempts === attempts ? error : new ProviderError({ ...error, message: error.message, attempts });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): { ok: boolean; value: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}

/**
 * The first few places an answer broke its schema, for error messages. Zod
 * issues name paths and expected types, never the received values, so no
 * personal data leaks here.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
