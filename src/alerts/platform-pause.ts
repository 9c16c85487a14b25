import type { Platform } from '../domain/chat.js';
/**
 * Delivery paused per platform while the bot's token fails (invalid_auth,
 * token_revoked, a Telegram 401). No chat is to blame, so nothing is
 * disabled: the platform's alerts wait, the token is checked again with
 * backoff (1 s, 2 s, 4 s ... at most 5 min), and delivery resumes by itself
 * once it works. /readyz and /metrics read the state from here.
 */

export interface PlatformPause {
  platform: Platform;
  /** The platform's own word for the failure: invalid_auth, Unauthorized ... */
  reason: string;
  since: Date;
  /** When the token is asked again. */
  nextCheckAt: Date;
  /** Failed checks so far. */
  checks: number;
}

export interface PauseBackoff {
  firstMs: number;
  maxMs: number;
}

const DEFAULT_PAUSE_BACKOFF: PauseBackoff = { firstMs: 1_000, maxMs: 300_000 };

export class PlatformPauses {
  private readonly paused = new Map<Platform, PlatformPause>();

  constructor(private readonly backoff: PauseBackoff = DEFAULT_PAUSE_BACKOFF) {}

  /** Pauses the platform; true when it was not paused before (the caller logs once). */
  pause(platform: Platform, reason: string, now: Date): boolean {
    const existing = this.paused.get(platform);
    if (existing) {
      this.paused.set(platform, { ...existing, reason, nextCheckAt: this.nextCheck(now, existing.checks + 1), checks: existing.checks + 1 });
      return false;
    }
    this.paused.set(platform, { platform, reason, since: now, nextCheckAt: this.nextCheck(now, 0), checks: 0 });
    return true;
  }

  get(platform: Platform): PlatformPause | undefined {
    return this.paused.get(platform);
  }

  /** The token works again; returns the pause that ended, if there was one. */
  resume(platform: Platform): PlatformPause | undefined {
    const ended = this.paused.get(platform);
    this.paused.delete(platform);
    return ended;
  }

  all(): PlatformPause[] {
    return [...this.paused.values()];
  }

  private nextCheck(now: Date, checks: number): Date {
    const delay = Math.min(this.backoff.maxMs, this.backoff.firstMs * 2 ** Math.min(checks, 20));
    return new Date(now.getTime() + delay);
  }
}
