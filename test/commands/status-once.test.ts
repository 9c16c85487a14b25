/**
 * A status is said once (issue 15): the outcome, and the provider's own status
 * only where it adds something (`PENDING · requires_input`), never
 * `DECLINED · DECLINED`, `verified (VERIFIED)` or a "Provider status" field
 * repeating the badge, in any reply, alert or digest, on any renderer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyCorpus, type RenderedReply } from '../support/reply-corpus.js';
import { startCommandHarness, type CommandHarness } from '../support/command-harness.js';

/** Every word a status is said with: outcomes (both languages) and the providers' own statuses. */
const STATUS_WORDS = [
  'approved', 'declined', 'pending', 'expired', 'unknown', 'in_progress', 'not_started', 'verified', 'rejected',
  'requires_input', 'processing', 'canceled', 'ok', 'одобрено', 'отклонено', 'в ожидании', 'истекло', 'неизвестно',
];

/** Lines of a text that say one status word twice, like `DECLINED · DECLINED` or `verified (VERIFIED)`. */
function repeatedStatus(text: string): string[] {
  return text.split('\n').filter((line) => {
    const lower = line.toLowerCase();
    return STATUS_WORDS.some((word) => {
      const found = lower.match(new RegExp(`(?<![\\p{L}_])${word}(?![\\p{L}_])`, 'gu'));
      return (found?.length ?? 0) > 1;
    });
  });
}

describe.each(['en', 'ru'] as const)('a status said once (%s)', (locale) => {
  let harness: CommandHarness;
  let corpus: RenderedReply[];
  beforeAll(async () => {
    harness = await startCommandHarness();
    corpus = await replyCorpus(harness, locale);
  }, 60_000);
  afterAll(() => harness.close());

  it('has a corpus of every command family, errors and alerts', () => {
    expect(corpus.length).toBeGreaterThan(60);
    expect(corpus.filter((entry) => entry.reply.badge).length).toBeGreaterThan(15);
  });

  it('never says a status word twice on one line, on any renderer', () => {
    const offences = corpus.flatMap((entry) =>
      (['console', 'slack', 'telegram'] as const).flatMap((renderer) => repeatedStatus(entry.texts[renderer]).map((line) => `${entry.source} [${renderer}]: ${line}`)),
    );
    expect(offences).toEqual([]);
  });

  it("shows the provider's status only where it adds something, and never again as a field", () => {
    for (const { source, reply, texts } of corpus) {
      if (!reply.badge) continue;
      const native = reply.badge.native;
      const repeats = native.toUpperCase() === reply.badge.outcome;
      const badgeLine = texts.console.split('\n')[1]!;
      if (repeats) expect(badgeLine, source).not.toContain('·');
      else if (native) expect(badgeLine, source).toContain(`· ${native}`);
      expect(reply.fields?.filter((field) => field.value === native && repeats), source).toEqual([]);
    }
  });
});
