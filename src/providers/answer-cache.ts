/**
 * Provider answers kept for a short while, for lookups only (issue 20): the
 * parsed data of a GET, per provider and request, never a rendered reply, so
 * masking stays per caller. The data is frozen, so no caller can change what
 * the next one reads.
 *
 * Bounded in entries and in bytes (the answer's body as it came); past
 * either bound the entries read least recently go, and stale ones leading that
 * order go as new answers are kept. An entry is served only while it is
 * fresh: a page of a list for a minute (what Prev/Next and the prefetched
 * next page need), one object for its first seconds (ten people opening the
 * same session). A transition the bot observes (a sweep or a webhook
 * committing an outcome) drops every entry of that provider, and an answer
 * that was on its way while that happened is not kept.
 */
import type { ProviderName } from '../domain/outcome.js';
import type { Freshness } from './http/call.js';

export interface AnswerCacheOptions {
  /** Entries kept at most (default 2,000). */
  maxEntries?: number;
  /** Bytes of answer bodies kept at most (default 8 MB). */
  maxBytes?: number;
  /** How long each kind of answer is served (defaults FRESH_MS). */
  freshMs?: Partial<Record<Freshness, number>>;
  /** Milliseconds; Date.now unless a test gives another. */
  now?: () => number;
}

/** A page for 60 s (issue 20: a Prev/Next click within a minute), one object for 5 s. */
export const FRESH_MS: Record<Freshness, number> = { page: 60_000, detail: 5_000 };

interface Entry {
  provider: ProviderName;
  data: unknown;
  bytes: number;
  expiresAt: number;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  /** Per provider, moved on by every invalidation: an answer fetched across one is not kept. */
  private readonly generations = new Map<ProviderName, number>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly freshMs: Record<Freshness, number>;
  private readonly now: () => number;
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(options: AnswerCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2_000;
    this.maxBytes = options.maxBytes ?? 8_000_000;
    this.freshMs = { ...FRESH_MS, ...options.freshMs };
    this.now = options.now ?? Date.now;
  }

  /** The fresh data kept for this key (frozen), or undefined. */
  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) {
      this.hits += 1;
      // Last in the map's order: what is read again stays longest under the bounds (the list's counts, the page in use).
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.data;
    }
    if (entry) this.remove(key, entry);
    this.misses += 1;
    return undefined;
  }

  /** The provider's generation now: pass it to set() once the answer is in. */
  generation(provider: ProviderName): number {
    return this.generations.get(provider) ?? 0;
  }

  /**
   * Keeps `data` (frozen in place) unless the provider was invalidated since
   * `generation` was read, or the answer alone is over the byte bound.
   * Returns the data as kept, frozen either way.
   */
  set<T>(key: string, entry: { provider: ProviderName; data: T; bytes: number; freshness: Freshness; generation: number }): T {
    const data = deepFreeze(entry.data);
    if (entry.generation !== this.generation(entry.provider) || entry.bytes > this.maxBytes) return data;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    const now = this.now();
    this.entries.set(key, { provider: entry.provider, data, bytes: entry.bytes, expiresAt: now + this.freshMs[entry.freshness] });
    this.bytes += entry.bytes;
    // From the entry read least recently: past a bound, or stale (what a render kept with it goes too, object-memo.ts).
    for (const [oldest, kept] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes && kept.expiresAt > now) break;
      this.remove(oldest, kept);
    }
    return data;
  }

  /** A transition of one of the provider's objects was observed: nothing it answered before is served again. */
  invalidate(provider: ProviderName): void {
    this.generations.set(provider, this.generation(provider) + 1);
    for (const [key, entry] of this.entries) if (entry.provider === provider) this.remove(key, entry);
  }

  stats(): CacheStats {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** Freezes an answer's parsed data all the way down (plain objects and arrays, as JSON and zod make them). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
