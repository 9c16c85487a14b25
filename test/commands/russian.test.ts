/**
 * Russian as a native speaker writes it (issue 15): a corpus of Russian
 * replies (every command family, errors, alerts and digests, on every
 * renderer) holds no English word except what is not English prose: codes
 * (snake_case, UPPER_CASE, with digits), ids, command lines and their words,
 * key:value filters, addresses, and the names of the providers and products.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kycWords, subscriptionWords } from '../../src/commands/parse-words.js';
import { COMMAND_STRINGS } from '../../src/present/i18n/commands.js';
import { replyCorpus, type RenderedReply } from '../support/reply-corpus.js';
import { startCommandHarness, type CommandHarness } from '../support/command-harness.js';

/** Names: providers, products and chat platforms, as written in any language. */
const NAMES = ['love', 'pay', 'stripe', 'identity', 'bank', 'kyc', 'desk', 'slack', 'telegram', 'console'];
/** Words people type to the bot: the grammar's own vocabulary, shown in help and suggestions. */
const GRAMMAR = ['help', 'watch', 'csv', 'confirm', 'uuid', 'n'];

/** Providers' own codes shown as codes beside their explanation: Bank 131 statuses, one-word Stripe error codes. */
const CODES = ['ok', 'pending', 'error', ...Object.keys(COMMAND_STRINGS.en.stripe.errors)];

/** What may stay Latin in a Russian reply; everything else is an English word left untranslated. */
function strayEnglish(text: string): string[] {
  const allowed = new Set([...NAMES, ...GRAMMAR, ...CODES, ...kycWords(), ...subscriptionWords()].map((word) => word.toLowerCase()));
  const prose = text
    .replace(/"[^"\n]*"/g, ' ') // what the person typed, quoted back
    .replace(/:[a-z_]+:/g, ' ') // Slack's emoji codes (:warning:)
    .replace(/https?:\/\/\S+/g, ' ') // links
    .replace(/\S+@\S+/g, ' ') // addresses, masked or not
    .replace(/\/[a-z]+\b[^\u0400-\u04FF\n]*/g, ' ') // command lines, up to the next Russian word
    .replace(/\b[\p{L}_]+:\S+/gu, ' ') // key:value filters (a label's colon is followed by a space)
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+\b/g, ' ') // time zones: Europe/Moscow
    .replace(/[\w-]*[_0-9][\w-]*/g, ' ') // codes and ids: snake_case, with digits (verification-5c79a7d8)
    .replace(/\b[A-Z]{2,}\b/g, ' '); // acronyms and UPPER_CASE codes: KYC, OCR, ID, HTTP, RUS
  return [...prose.matchAll(/[A-Za-z][A-Za-z'-]*/g)].map((match) => match[0]).filter((word) => !allowed.has(word.toLowerCase()));
}

describe('Russian replies', () => {
  let harness: CommandHarness;
  let corpus: RenderedReply[];
  beforeAll(async () => {
    harness = await startCommandHarness();
    corpus = await replyCorpus(harness, 'ru');
  }, 60_000);
  afterAll(() => harness.close());

  it('leave no English word in any reply, error or alert, on any renderer', () => {
    const offences = corpus.flatMap((entry) =>
      (['console', 'slack', 'telegram'] as const).flatMap((renderer) => {
        const words = strayEnglish(entry.texts[renderer]);
        return words.length ? [`${entry.source} [${renderer}]: ${[...new Set(words)].join(', ')}`] : [];
      }),
    );
    expect(offences).toEqual([]);
  });

  it('finds English where it is (the check itself works)', () => {
    expect(strayEnglish('Клиент Иван И. · Check in progress · Liveness: 91 %')).toEqual(['Check', 'in', 'progress', 'Liveness']);
    expect(strayEnglish('Проверка Банка 131 № 34 · passport_validation_failure · /check 34 watch · c***@mail.ru')).toEqual([]);
  });

  it('counts with Russian plurals and names checks with №', () => {
    const text = corpus.map((entry) => entry.texts.console).join('\n');
    expect(text).toMatch(/\d+ сесси(я|и|й), за всё время/);
    expect(text).toContain('Проверка Банка 131 № ');
    expect(text).not.toMatch(/\d+ sessions/);
  });
});
