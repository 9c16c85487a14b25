/**
 * `/kyc stats` answers, kept for the minute they were asked in. Stats hold
 * no personal data and are the same for everyone in any chat, so one answer
 * (figures, card and chart) serves every ask of the same window, providers,
 * zone and language within that minute, and asks that come while it is
 * being made wait for it instead of reading and drawing again. Each answer
 * is made one at a time (stats-answer.ts), so a burst of different asks
 * queues rather than piling store reads and renders onto the event loop.
 */
import type { Reply } from '../domain/reply.js';

const MINUTE_MS = 60_000;
/** Distinct answers of one minute kept at most: windows x provider sets x zones x languages in use. */
const MAX_ENTRIES = 64;

export class StatsAnswers {
  private readonly entries = new Map<string, { minute: number; reply: Promise<Reply> }>();

  /** The answer of `key` made this minute, or the one being made, else `make()`'s. */
  get(key: string, now: Date, make: () => Promise<Reply>): Promise<Reply> {
    const minute = Math.floor(now.getTime() / MINUTE_MS);
    for (const [each, entry] of this.entries) if (entry.minute !== minute) this.entries.delete(each);
    let entry = this.entries.get(key);
    if (!entry) {
      const reply = make();
      entry = { minute, reply };
      this.entries.set(key, entry);
      // A failed answer is not kept: the next ask tries again.
      reply.catch(() => {
        if (this.entries.get(key)?.reply === reply) this.entries.delete(key);
      });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    // Each caller gets its own copy of the reply's top level; the bytes are shared and never changed.
    return entry.reply.then((reply) => ({ ...reply }));
  }

  get size(): number {
    return this.entries.size;
  }
}
