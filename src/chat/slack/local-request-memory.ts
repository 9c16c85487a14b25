/**
 * Replay memory held in this process, for a Slack app built without the
 * store (tests, benchmarks). The app passes its store instead, whose memory
 * every replica shares. Only requests with a valid, fresh signature are
 * remembered, and each for at most ten minutes, so its size follows Slack's
 * own traffic.
 */
import type { RequestMemory } from './events-route.js';

export function createLocalRequestMemory(): RequestMemory {
  const expiries = new Map<string, number>();
  return {
    async rememberRequest({ key, now, expiresAt }) {
      const at = now.getTime();
      for (const [seen, expiry] of expiries) if (expiry <= at) expiries.delete(seen);
      if (expiries.has(key)) return false;
      expiries.set(key, expiresAt.getTime());
      return true;
    },
  };
}
