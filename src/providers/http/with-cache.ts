import type { AnswerCache } from '../answer-cache.js';
import type { Layer, ProviderRequest } from './call.js';

/**
 * Answers a lookup's GET from the cache while a fresh answer of the same
 * request is kept, and keeps each new answer's parsed data (answer-cache.ts).
 * Outermost, so an answer served from the cache is no provider request for
 * the metrics. Only the parsed data is kept, not the body's text.
 */
export function withCache(cache: AnswerCache, options: CacheLayerOptions = {}): Layer {
  return (next) => async (request) => {
    if (request.method !== 'GET') return next(request);
    const key = `${requestKey(request)} ${schemaId(request.schema)}`;
    const kept = cache.get(key);
    if (kept !== undefined) return { status: 200, headers: {}, text: '', attempts: 0, data: kept };
    const generation = cache.generation(request.provider);
    const response = await next(request);
    const data = cache.set(key, {
      provider: request.provider,
      data: response.data,
      bytes: Buffer.byteLength(response.text),
      freshness: options.readAhead ? 'page' : (request.freshness ?? 'detail'),
      generation,
    });
    return { ...response, data };
  };
}

export interface CacheLayerOptions {
  /**
   * The clients that read ahead (commands/prefetch.ts): every answer is kept
   * as long as a page, so a detail read while its list was shown answers the
   * click that opens it within the same minute.
   */
  readAhead?: boolean;
}

/** The same URL read with two schemas (a full list, a list of ids) is two answers. */
const schemaIds = new WeakMap<object, number>();
let schemasSeen = 0;
function schemaId(schema: ProviderRequest['schema']): number {
  if (!schema) return 0;
  let id = schemaIds.get(schema);
  if (id === undefined) schemaIds.set(schema, (id = ++schemasSeen));
  return id;
}

/**
 * What a request asks, whoever asks it: the provider, the method and the URL
 * with its query. Never the headers: they carry each attempt's signature.
 */
export function requestKey(request: Pick<ProviderRequest, 'provider' | 'method' | 'url'>): string {
  return `${request.provider} ${request.method} ${request.url.href}`;
}
