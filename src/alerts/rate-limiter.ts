/**
 * Per-chat pacing of outgoing alerts, within each platform's documented rate
 * (its sender's pace: Slack about 1 message per second per channel; Telegram
 * 1 per second per chat and 20 per minute per group). Each send takes the
 * next free slot of its chat; slots are handed out in call order, so
 * concurrent senders to one chat queue up instead of racing, and the next
 * slot counts from when the previous message was answered.
 */
import { chatKey, type ChatRef } from '../domain/chat.js';
import type { Pace } from '../domain/delivery.js';

/**
 * The time pacing runs on: real by default. Tests that pace hundreds of
 * messages give a virtual one, whose waits end at once with the clock moved
 * to the wait's end, so a minute of pacing takes no minute.
 */
export interface PacingClock {
  /** Milliseconds. */
  now(): number;
  /** Resolves true at `at` (clock ms), or false as soon as `signal` aborts. */
  waitUntil(at: number, signal?: AbortSignal): Promise<boolean>;
}

export const realPacingClock: PacingClock = {
  now: () => performance.timeOrigin + performance.now(),
  waitUntil: (at, signal) => sleep(at - realPacingClock.now(), signal),
};

export interface RateLimiterOptions {
  /** Each chat's pace, from its platform's sender (ChatSender.pace); a chat without one is not paced. */
  pace?: (chat: ChatRef) => Pace | undefined;
  /** Added to every interval so timer jitter never lands a message early (default 25 ms). */
  marginMs?: number;
  /** Real time unless a test gives another. */
  clock?: PacingClock;
}

export class RateLimiter {
  private readonly pace: (chat: ChatRef) => Pace | undefined;
  private readonly marginMs: number;
  private readonly time: PacingClock;
  /** Per chat: the latest slots handed out, and a pause after a 429 (clock ms). */
  private readonly chats = new Map<string, { slots: number[]; pausedUntil: number }>();
  /** When this process took over delivery; until then another replica may have posted to any chat. */
  private tookOverAt: number | null = null;

  constructor(options: RateLimiterOptions = {}) {
    this.pace = options.pace ?? (() => undefined);
    this.marginMs = options.marginMs ?? 25;
    this.time = options.clock ?? realPacingClock;
  }

  /** The pacing clock's time, in milliseconds. */
  now(): number {
    return this.time.now();
  }

  private clock(): number {
    return this.time.now();
  }

  /**
   * Takes the chat's next slot and waits for it. Resolves false, giving the
   * slot back, when `signal` aborts first.
   */
  async acquire(chat: ChatRef, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return false;
    const state = this.state(chat);
    // Booking may drop the oldest slot the rules no longer look back at; giving the slot back restores it.
    const before = [...state.slots];
    const at = this.reserve(chat);
    const waited = await this.time.waitUntil(at, signal);
    if (!waited) {
      // Give the slot back so the next caller is not held up by a message that was never sent; the
      // messages actually sent stay counted. Only while no later caller has booked behind it.
      if (state.slots.at(-1) === at) state.slots = before;
      else {
        // Someone booked behind it: theirs stays (booking may already have dropped this one).
        const index = state.slots.lastIndexOf(at);
        if (index !== -1) state.slots.splice(index, 1);
      }
    }
    return waited;
  }

  /** Milliseconds until the chat's next free slot, without booking it. */
  delayFor(chat: ChatRef): number {
    return Math.max(0, this.nextSlot(chat) - this.clock());
  }

  /** Books the chat's next free slot and returns its time (clock ms), without waiting. */
  reserve(chat: ChatRef): number {
    const rule = this.ruleFor(chat);
    const state = this.state(chat);
    const at = this.nextSlot(chat);
    state.slots.push(at);
    // Only as many past slots as the rules look back at.
    const keep = Math.max(1, rule.window?.max ?? 1);
    if (state.slots.length > keep) state.slots.splice(0, state.slots.length - keep);
    return at;
  }

  /**
   * The message of the chat's last slot has been answered. The next slot
   * counts from now: the platform counted the message when it arrived, some
   * time after its slot began, and a gap measured between slot starts could
   * be shorter where it is counted.
   */
  sent(chat: ChatRef): void {
    const slots = this.state(chat).slots;
    if (slots.length > 0) slots[slots.length - 1] = Math.max(slots[slots.length - 1]!, this.clock());
  }

  /** The platform said "slow down": no message to this chat for `delayMs`. */
  pause(chat: ChatRef, delayMs: number): void {
    const state = this.state(chat);
    state.pausedUntil = Math.max(state.pausedUntil, this.clock() + delayMs);
  }

  /** The chat's pace with the margin added; no pace, no wait. */
  private ruleFor(chat: ChatRef): Pace {
    const pace = this.pace(chat);
    if (!pace) return { intervalMs: 0 };
    return {
      intervalMs: pace.intervalMs + this.marginMs,
      ...(pace.window ? { window: { max: pace.window.max, ms: pace.window.ms + this.marginMs } } : {}),
    };
  }

  private nextSlot(chat: ChatRef): number {
    const rule = this.ruleFor(chat);
    const state = this.state(chat);
    let at = Math.max(this.clock(), state.pausedUntil);
    const last = state.slots.at(-1);
    if (last !== undefined) at = Math.max(at, last + rule.intervalMs);
    if (rule.window && state.slots.length >= rule.window.max) {
      at = Math.max(at, state.slots[state.slots.length - rule.window.max]! + rule.window.ms);
    }
    return at;
  }

  /**
   * This process has just become the one that delivers (at start, or taking
   * over from another replica). The previous one may have posted to any chat
   * a moment ago, so every chat's first slot counts as taken now.
   */
  takeOver(): void {
    this.chats.clear();
    this.tookOverAt = this.clock();
  }

  private state(chat: ChatRef) {
    const key = chatKey(chat);
    let state = this.chats.get(key);
    if (!state) {
      state = { slots: this.tookOverAt === null ? [] : [this.tookOverAt], pausedUntil: 0 };
      this.chats.set(key, state);
    }
    return state;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!signal?.aborted);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
