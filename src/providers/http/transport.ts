/**
 * The innermost Call: one attempt on the wire through the shared keep-alive
 * agent, with a per-attempt timeout and a capped body read. It types only
 * what goes wrong on the way (timeout, unreachable, too large); what the
 * provider's answer means is for the layers around it.
 */
import type { Agent, Dispatcher } from 'undici';
import type { ProviderName } from '../../domain/outcome.js';
import { ProviderError } from '../errors.js';
import { headerValue, type Call } from './call.js';
import { Deadline } from './deadline.js';
import { readCappedBody, type CappedBody } from './read-capped-body.js';

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

/** What the transport needs of a dispatcher: an undici Agent, or a test's own. */
export interface RequestDispatcher {
  request(options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  close(): Promise<void>;
}

/**
 * One keep-alive agent for every provider: undici keeps a connection pool per
 * origin inside it. undici itself is loaded on the first request: importing it
 * costs about 130 ms, and nothing is sent before the first sweep or command.
 */
export function createAgent(timeouts: Partial<Timeouts> = {}): RequestDispatcher {
  const { connectMs } = { ...DEFAULT_TIMEOUTS, ...timeouts };
  let agent: Promise<Agent> | undefined;
  const load = () =>
    (agent ??= import('undici').then(({ Agent }) => new Agent({ connect: { timeout: connectMs }, keepAliveTimeout: 30_000, connections: 32 })));
  return {
    request: async (options) => (await load()).request(options),
    close: async () => {
      if (agent) await (await agent).close();
    },
  };
}

export interface TransportOptions {
  /** Shared by every provider (createAgent); one pool per origin inside it. */
  dispatcher: RequestDispatcher;
  timeouts: Timeouts;
  maxResponseBytes: number;
  /** Response header carrying the provider's request id. */
  requestIdHeader: string;
}

export function createTransport({ dispatcher, timeouts, maxResponseBytes, requestIdHeader }: TransportOptions): Call {
  return async ({ provider, endpoint, method, url, body, headers }) => {
    let response: Dispatcher.ResponseData;
    let answer: CappedBody;
    const deadline = new Deadline(timeouts.requestMs);
    try {
      response = await dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method,
        headers,
        body: body || undefined,
        signal: deadline,
        headersTimeout: timeouts.requestMs,
        bodyTimeout: timeouts.requestMs,
      });
      answer = await readCappedBody(response, maxResponseBytes);
    } catch (cause) {
      throw networkError(provider, cause, timeouts.requestMs);
    } finally {
      deadline.clear();
    }
    const status = response.statusCode;
    const requestId = headerValue(response.headers[requestIdHeader]);
    if (!answer.ok) {
      throw new ProviderError({
        provider,
        kind: 'too_large',
        message: `the answer to ${endpoint} was larger than ${maxResponseBytes} bytes`,
        status,
        requestId,
        limitBytes: maxResponseBytes,
      });
    }
    return { status, headers: response.headers, requestId, text: answer.text, attempts: 1 };
  };
}

/** A request that got no usable answer: a timeout when a limit ran out, otherwise unavailable. */
function networkError(provider: ProviderName, cause: unknown, requestMs: number): ProviderError {
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
      provider,
      kind: 'timeout',
      message: `no answer within ${requestMs} ms`,
      timeoutMs: requestMs,
      code: code || undefined,
    });
  }
  return new ProviderError({
    provider,
    kind: 'unavailable',
    message: `could not reach the provider (${code || name || 'network error'})`,
    code: code || undefined,
  });
}
