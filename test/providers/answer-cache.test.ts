/**
 * The lookups' answer cache and request coalescing on their own (issue 20):
 * what is kept, for how long, within which bounds, and what a caller gets.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnswerCache } from '../../src/providers/answer-cache.js';
import { compose, type Call, type ProviderRequest } from '../../src/providers/http/call.js';
import { withCache } from '../../src/providers/http/with-cache.js';
import { withCoalescing } from '../../src/providers/http/with-coalescing.js';
import { withValidation } from '../../src/providers/http/with-validation.js';

const SESSION = z.looseObject({ id: z.string(), status: z.string() });

const get = (path: string, overrides: Partial<ProviderRequest> = {}): ProviderRequest => ({
  provider: 'loveandpay',
  endpoint: 'GET /kyc/sessions/:id',
  method: 'GET',
  url: new URL(`https://api.example.test/api/v2${path}`),
  body: '',
  headers: { 'x-signature': `signed-${Math.random()}` },
  schema: SESSION,
  ...overrides,
});

/** A provider that answers every request with a session named after its path, counting requests; `gate` holds answers back. */
function provider(gate?: Promise<void>) {
  let requests = 0;
  const call: Call = async (request) => {
    requests += 1;
    await gate;
    return { status: 200, headers: {}, text: JSON.stringify({ id: request.url.pathname, status: `seen ${requests}` }), attempts: 1 };
  };
  return { call, requests: () => requests };
}

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const lookupClient = (cache: AnswerCache, call: Call) => compose(withCache(cache), withValidation(), withCoalescing())(call);

describe('the answer cache', () => {
  it('answers the same request again from what it kept, frozen, while it is fresh', async () => {
    const time = clock();
    const cache = new AnswerCache({ now: time.now });
    const upstream = provider();
    const send = lookupClient(cache, upstream.call);
    const first = await send(get('/kyc/sessions/1'));
    time.advance(4_000);
    const again = await send(get('/kyc/sessions/1'));
    expect(upstream.requests()).toBe(1);
    expect(again.data).toEqual(first.data);
    expect(Object.isFrozen(again.data)).toBe(true);
    expect(() => ((again.data as { status: string }).status = 'APPROVED')).toThrow(TypeError);
  });

  it('asks the provider again once an answer is older than its limit: seconds for one object, a minute for a page', async () => {
    const time = clock();
    const cache = new AnswerCache({ now: time.now });
    const upstream = provider();
    const send = lookupClient(cache, upstream.call);
    await send(get('/kyc/sessions/1'));
    await send(get('/kyc/sessions', { freshness: 'page' }));
    time.advance(5_001);
    expect(((await send(get('/kyc/sessions/1'))).data as { status: string }).status).toBe('seen 3');
    await send(get('/kyc/sessions', { freshness: 'page' }));
    expect(upstream.requests()).toBe(3);
    time.advance(55_000);
    await send(get('/kyc/sessions', { freshness: 'page' }));
    expect(upstream.requests()).toBe(4);
  });

  it('keys on what is asked, not on who signed it: another query is another answer', async () => {
    const cache = new AnswerCache();
    const upstream = provider();
    const send = lookupClient(cache, upstream.call);
    await send(get('/kyc/sessions?offset=10'));
    await send(get('/kyc/sessions?offset=10'));
    await send(get('/kyc/sessions?offset=20'));
    await send(get('/kyc/sessions?offset=10', { provider: 'stripe' }));
    expect(upstream.requests()).toBe(3);
  });

  it('keeps at most its number of entries and its bytes, dropping the oldest first', () => {
    const cache = new AnswerCache({ maxEntries: 3, maxBytes: 1_000 });
    const put = (key: string, bytes = 100) => cache.set(key, { provider: 'loveandpay', data: { key }, bytes, freshness: 'page', generation: 0 });
    for (const key of ['a', 'b', 'c', 'd']) put(key);
    expect(['a', 'b', 'c', 'd'].map((key) => cache.get(key) !== undefined)).toEqual([false, true, true, true]);
    put('e', 850);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 950 });
    expect(cache.get('d')).toEqual({ key: 'd' });
    put('huge', 1_001);
    expect(cache.get('huge')).toBeUndefined();
  });

  it('lets go of answers past their limit as new ones are kept, not only when they are asked for again', () => {
    const time = clock();
    const cache = new AnswerCache({ now: time.now });
    const put = (key: string, freshness: 'page' | 'detail') => cache.set(key, { provider: 'loveandpay', data: { key }, bytes: 10, freshness, generation: 0 });
    put('session a', 'detail');
    put('session b', 'detail');
    put('page 1', 'page');
    time.advance(5_001);
    put('page 2', 'page');
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 20 });
    expect(cache.get('page 1')).toEqual({ key: 'page 1' });
  });

  it('drops the entry read least recently, so an answer in use outlives those read once', () => {
    const cache = new AnswerCache({ maxEntries: 3 });
    const put = (key: string) => cache.set(key, { provider: 'loveandpay', data: { key }, bytes: 10, freshness: 'page', generation: 0 });
    put('counts');
    put('page 1');
    put('page 2');
    expect(cache.get('counts')).toEqual({ key: 'counts' });
    put('page 3');
    expect(cache.get('counts')).toEqual({ key: 'counts' });
    expect(cache.get('page 1')).toBeUndefined();
  });

  it('drops every answer of a provider when a transition is observed, and does not keep one that was on its way meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const cache = new AnswerCache();
    const held = provider(gate);
    const send = lookupClient(cache, held.call);
    cache.set('stripe key', { provider: 'stripe', data: { id: 'vs_1' }, bytes: 10, freshness: 'page', generation: 0 });
    const inFlight = send(get('/kyc/sessions/1'));
    cache.invalidate('loveandpay');
    release();
    await inFlight;
    await send(get('/kyc/sessions/1'));
    expect(held.requests()).toBe(2);
    expect(cache.get('stripe key')).toEqual({ id: 'vs_1' });
  });
});

describe('coalescing identical requests', () => {
  it('sends ten identical GETs in flight at once as one, and gives each caller an object of its own', async () => {
    let release!: () => void;
    const upstream = provider(new Promise<void>((resolve) => (release = resolve)));
    const send = compose(withValidation(), withCoalescing())(upstream.call);
    const answers = Array.from({ length: 10 }, () => send(get('/kyc/sessions/1')));
    release();
    const data = (await Promise.all(answers)).map((answer) => answer.data);
    expect(upstream.requests()).toBe(1);
    expect(new Set(data).size).toBe(10);
    for (const each of data) expect(each).toEqual(data[0]);
  });

  it('sends a request again once the shared one has answered, and never shares a POST', async () => {
    const upstream = provider();
    const send = withCoalescing()(upstream.call);
    await send(get('/kyc/sessions/1'));
    await send(get('/kyc/sessions/1'));
    await Promise.all([send(get('/checks', { method: 'POST', body: '{}' })), send(get('/checks', { method: 'POST', body: '{}' }))]);
    expect(upstream.requests()).toBe(4);
  });
});
