/**
 * The review queue's words (DESIGN.md, "Alert cards and the review queue"):
 * `/kyc queue [mine]`, `/kyc take <id>`, `/kyc resolve <id> [reason] [note…]`,
 * `/kyc reopen <id>`. The id says the provider by its shape: a UUID is a
 * Love&Pay session, `vs_…` a Stripe session, digits a Bank 131 check. A note
 * is every word after the reason, as typed (cleaned like any word).
 */
import { isUuid } from '../domain/ids.js';
import type { ProviderName } from '../domain/outcome.js';
import { own } from '../domain/own.js';
import { isCheckId, isStripeSessionId } from '../providers/path-segment.js';
import type { ResolveReason } from '../store/card-types.js';
import { fail } from './parse-problem.js';
import { wordKey } from './parse-words.js';
import type { CommandRequest } from './request.js';

const KYC = 'kyc';

type ReviewMode = 'queue' | 'take' | 'resolve' | 'reopen';

const REVIEW_MODES: Readonly<Record<string, ReviewMode>> = {
  queue: 'queue',
  очередь: 'queue',
  take: 'take',
  взять: 'take',
  resolve: 'resolve',
  закрыть: 'resolve',
  reopen: 'reopen',
  вернуть: 'reopen',
};

const MINE_WORDS = new Set(['mine', 'my', 'мои', 'мое']);

const REASONS: Readonly<Record<string, ResolveReason>> = {
  customer_contacted: 'customer_contacted',
  contacted: 'customer_contacted',
  связались: 'customer_contacted',
  retry_requested: 'retry_requested',
  retry: 'retry_requested',
  повтор: 'retry_requested',
  fraud_suspected: 'fraud_suspected',
  fraud: 'fraud_suspected',
  мошенничество: 'fraud_suspected',
  false_alarm: 'false_alarm',
  ложная_тревога: 'false_alarm',
};

/** A note longer than this is refused: a card shows it whole. */
export const MAX_NOTE_LENGTH = 300;

/** True when the line's first word after /kyc is a review word: its other words are read here, not as /kyc filters. */
export const isReviewLine = (tokens: readonly string[]): boolean => tokens[0] !== undefined && own(REVIEW_MODES, wordKey(tokens[0])) !== undefined;

/** The words of a review line that are not its note (help words in a note ask for no help). */
export function wordsBeforeNote(tokens: readonly string[]): readonly string[] {
  return isReviewLine(tokens) && own(REVIEW_MODES, wordKey(tokens[0]!)) === 'resolve' ? tokens.slice(0, 3) : tokens;
}

/** The review request the tokens after /kyc ask for, or undefined when they are no review line. */
export function parseReview(tokens: readonly string[]): CommandRequest | undefined {
  const [first, id, ...rest] = tokens;
  const mode = first === undefined ? undefined : own(REVIEW_MODES, wordKey(first));
  if (mode === undefined) return undefined;
  if (mode === 'queue') {
    const extra = tokens.slice(1).find((token) => !MINE_WORDS.has(wordKey(token)));
    if (extra !== undefined) fail(KYC, 'unknown_word', extra);
    return { command: KYC, action: 'queue', mine: tokens.length > 1 };
  }
  if (id === undefined) fail(KYC, 'missing_id', first);
  const object = verification(id);
  if (mode !== 'resolve') {
    if (rest[0] !== undefined) fail(KYC, 'unknown_word', rest[0]);
    return { command: KYC, action: mode, ...object };
  }
  const [reasonWord, ...noteWords] = rest;
  if (reasonWord === undefined) return { command: KYC, action: 'resolve', ...object };
  const reason = own(REASONS, wordKey(reasonWord)) ?? fail(KYC, 'unknown_word', reasonWord);
  const note = noteWords.join(' ');
  if (note.length > MAX_NOTE_LENGTH) fail(KYC, 'too_long', note);
  return { command: KYC, action: 'resolve', ...object, reason, ...(note ? { note } : {}) };
}

function verification(token: string): { provider: ProviderName; id: string } {
  if (isUuid(token)) return { provider: 'loveandpay', id: token.toLowerCase() };
  const stripe = token.replace(/^vs_/i, 'vs_');
  if (isStripeSessionId(stripe)) return { provider: 'stripe', id: stripe };
  const check = token.replace(/^#/, '');
  if (isCheckId(check)) return { provider: 'bank131', id: check };
  return fail(KYC, 'bad_id', token);
}
