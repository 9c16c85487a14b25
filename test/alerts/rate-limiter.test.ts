import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/alerts/rate-limiter.js';
import { platformPace } from './helpers/platform-traits.js';
import { virtualClock } from './helpers/virtual-clock.js';

const slack = { platform: 'slack' as const, chatId: 'C1' };
const group = { platform: 'telegram' as const, chatId: '-1001' };
const person = { platform: 'telegram' as const, chatId: '1001' };

function limiterAt(start = 1_000_000) {
  const clock = virtualClock(start);
  const limiter = new RateLimiter({ marginMs: 25, clock, pace: platformPace });
  return { limiter, advance: (ms: number) => clock.advance(ms), now: () => clock.now() };
}

describe('per-chat pacing', () => {
  it('spaces messages to one Slack channel at least a second apart', () => {
    const { limiter, now } = limiterAt();
    const start = now();
    expect([limiter.reserve(slack), limiter.reserve(slack), limiter.reserve(slack)].map((at) => at - start)).toEqual([0, 1025, 2050]);
  });

  it('counts the next slot from when the previous message was answered', () => {
    const { limiter, advance, now } = limiterAt();
    const first = limiter.reserve(slack);
    advance(300);
    limiter.sent(slack);
    expect(limiter.reserve(slack) - first).toBe(1325);
    expect(now() - first).toBe(300);
  });

  it('keeps channels apart: another chat is not held up', () => {
    const { limiter, now } = limiterAt();
    limiter.reserve(slack);
    expect(limiter.reserve({ platform: 'slack', chatId: 'C2' })).toBe(now());
  });

  it('allows a Telegram group at most 20 messages a minute, a private chat one a second', () => {
    const { limiter, now } = limiterAt();
    const start = now();
    const groupSlots = Array.from({ length: 21 }, () => limiter.reserve(group) - start);
    const personSlots = Array.from({ length: 21 }, () => limiter.reserve(person) - start);

    expect(groupSlots.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i * 1025));
    expect(groupSlots[20]).toBe(60_025);
    expect(personSlots[20]).toBe(20 * 1025);
  });

  /** A message to the channel at the start, then a wait for the next slot, to be called off. */
  function sentThenWaiting() {
    const { limiter, now } = limiterAt();
    const start = now();
    limiter.reserve(slack);
    limiter.sent(slack);
    const stop = new AbortController();
    return { limiter, start, stop, waiting: limiter.acquire(slack, stop.signal) };
  }

  it('gives back a slot whose wait was called off, and still counts the message sent before it', async () => {
    const { limiter, start, stop, waiting } = sentThenWaiting();
    stop.abort();

    expect(await waiting).toBe(false);
    // Not 0 (the sent message forgotten, a 429 next) and not 2,050 (the unused slot kept).
    expect(limiter.delayFor(slack)).toBe(1025);
    expect(limiter.reserve(slack) - start).toBe(1025);
  });

  it('keeps the slot booked behind a wait that was called off', async () => {
    const { limiter, start, stop, waiting } = sentThenWaiting();
    const behind = limiter.reserve(slack);
    stop.abort();

    expect(await waiting).toBe(false);
    expect(behind - start).toBe(2050);
    // After the booking behind it, not at once (a 429).
    expect(limiter.reserve(slack) - start).toBe(3075);
  });

  it('holds a chat for a platform Retry-After', () => {
    const { limiter, now } = limiterAt();
    limiter.pause(slack, 5_000);
    expect(limiter.reserve(slack) - now()).toBe(5_000);
  });

  it('never paces the console', () => {
    const { limiter, now } = limiterAt();
    const consoleChat = { platform: 'console' as const, chatId: 'console' };
    expect([limiter.reserve(consoleChat), limiter.reserve(consoleChat)]).toEqual([now(), now()]);
  });
});

describe('taking over delivery from another replica', () => {
  it('waits one interval before the first message to a chat, since the old leader may have just posted', () => {
    const { limiter, advance, now } = limiterAt();
    limiter.takeOver();
    expect(limiter.delayFor(slack)).toBe(1025);
    expect(limiter.reserve(person) - now()).toBe(1025);
    advance(5_000);
    expect(limiter.delayFor(group)).toBe(0);
  });
});
