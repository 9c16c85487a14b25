/**
 * Lookups per user and minute (LOOKUP_RATE_LIMIT, default 30): enough for a
 * person at work, too few to walk the customer base by guessing. Admins are
 * not limited. Kept in memory per process: with several replicas a user gets
 * the limit on each.
 */
import type { Caller } from '../domain/chat.js';

const WINDOW_MS = 60_000;
/** Forgotten users are swept out this often, so the map stays as small as the active users. */
const SWEEP_EVERY = 1_000;

export type LookupTicket = { ok: true } | { ok: false; retryInMs: number };

export class LookupRateLimit {
  private readonly recent = new Map<string, number[]>();
  private calls = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(caller: Caller): LookupTicket {
    if (caller.isAdmin) return { ok: true };
    const at = this.now();
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(at);
    const key = `${caller.platform}:${caller.workspaceId ?? ''}:${caller.userId}`;
    const times = (this.recent.get(key) ?? []).filter((time) => at - time < WINDOW_MS);
    if (times.length >= this.perMinute) {
      this.recent.set(key, times);
      return { ok: false, retryInMs: times[0]! + WINDOW_MS - at };
    }
    times.push(at);
    this.recent.set(key, times);
    return { ok: true };
  }

  private sweep(at: number): void {
    for (const [key, times] of this.recent) {
      if (times.every((time) => at - time >= WINDOW_MS)) this.recent.delete(key);
    }
  }
}
