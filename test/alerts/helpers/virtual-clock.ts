/**
 * Pacing on virtual time (alerts/rate-limiter.ts, PacingClock): a wait ends
 * at once with the clock moved to its end, so tests that pace hundreds of
 * messages at a second each finish in moments and can still check, on this
 * clock, that every message kept its distance.
 */
import type { PacingClock } from '../../../src/alerts/rate-limiter.js';

export interface VirtualClock extends PacingClock {
  /** Moves time on by `ms` (a message that took that long to answer, say). */
  advance(ms: number): void;
}

export function virtualClock(start = 1_000_000): VirtualClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => void (now += ms),
    waitUntil: (at, signal) =>
      new Promise((resolve) =>
        // After the current turn of the event loop, so waits still interleave as real ones do.
        setImmediate(() => {
          if (signal?.aborted) return resolve(false);
          now = Math.max(now, at);
          resolve(true);
        }),
      ),
  };
}
