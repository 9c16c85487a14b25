/**
 * Status words in English and Russian, per list. DESIGN.md "One vocabulary
 * across providers" maps outcomes to native statuses; the same table decides
 * what an outcome word means in each list.
 */
import type { AlertOutcome } from '../domain/outcome.js';
import { own } from '../domain/own.js';
import { wordKey } from './parse-words.js';
import type { LoveAndPayStatus, StripeListStatus } from './request.js';

const APPROVED_WORDS = [
  'approved', 'approve', 'одобрен', 'одобрено', 'одобрена', 'одобренные', 'одобренный',
];
const DECLINED_WORDS = [
  'declined', 'decline', 'rejected', 'отклонен', 'отклонено', 'отклонена', 'отклоненные', 'отклоненный',
];

function table<T>(entries: Array<[words: string[], value: T]>): Readonly<Record<string, T>> {
  const out: Record<string, T> = {};
  for (const [words, value] of entries) for (const word of words) out[word] = value;
  return out;
}

/**
 * Love&Pay session statuses (DESIGN.md: NOT_STARTED, IN_PROGRESS, APPROVED,
 * DECLINED, EXPIRED). `verified` is accepted as the outcome word for APPROVED.
 */
const LOVEANDPAY = table<LoveAndPayStatus>([
  [[...APPROVED_WORDS, 'verified'], 'APPROVED'],
  [DECLINED_WORDS, 'DECLINED'],
  [['in_progress', 'inprogress', 'в_процессе'], 'IN_PROGRESS'],
  [['not_started', 'notstarted', 'не_начат', 'не_начато', 'не_начата', 'не_начатые'], 'NOT_STARTED'],
  [['expired', 'истек', 'истекло', 'истекла', 'истекшие', 'просрочен', 'просрочено'], 'EXPIRED'],
]);

/**
 * Stripe Identity statuses (stripe-identity-list-verification-sessions:
 * requires_input, processing, verified, canceled). Outcome words: approved ->
 * verified; declined -> the DECLINED outcome (requires_input with last_error,
 * or canceled: DESIGN.md vocabulary table), since requires_input alone also
 * holds sessions still waiting for the user.
 */
const STRIPE = table<StripeListStatus>([
  [['verified', ...APPROVED_WORDS], 'verified'],
  [DECLINED_WORDS, 'declined'],
  [['requires_input', 'requiresinput'], 'requires_input'],
  [['processing'], 'processing'],
  [['canceled', 'cancelled', 'отменен', 'отменено', 'отмененные'], 'canceled'],
]);

/** `pending` is two native statuses in each list (DESIGN.md: PENDING row); the usage asks which. */
const AMBIGUOUS = new Set(['pending', 'ожидает', 'в_ожидании']);

const OUTCOMES = table<AlertOutcome>([
  [[...APPROVED_WORDS, 'verified'], 'APPROVED'],
  [DECLINED_WORDS, 'DECLINED'],
]);

/** Customer KYC status filter (loveandpay-get-customers: PENDING, VERIFIED, REJECTED). */
const CUSTOMER_KYC = table<'PENDING' | 'VERIFIED' | 'REJECTED'>([
  [['verified', 'проверен', 'верифицирован', ...APPROVED_WORDS], 'VERIFIED'],
  [['pending', 'ожидает', 'в_ожидании', 'in_progress', 'в_процессе'], 'PENDING'],
  [['rejected', ...DECLINED_WORDS], 'REJECTED'],
]);

/** Trust level filter (loveandpay-get-customers: NEW, LEVEL_1, LEVEL_2, LEVEL_3); `level:0` is NEW. */
const TRUST_LEVEL = table<'NEW' | 'LEVEL_1' | 'LEVEL_2' | 'LEVEL_3'>([
  [['new', '0', 'level_0', 'level0', 'новый'], 'NEW'],
  [['1', 'level_1', 'level1'], 'LEVEL_1'],
  [['2', 'level_2', 'level2'], 'LEVEL_2'],
  [['3', 'level_3', 'level3'], 'LEVEL_3'],
]);

export type Lookup<T> = { ok: true; value: T } | { ok: false; ambiguous: boolean };

function find<T>(words: Readonly<Record<string, T>>, word: string): Lookup<T> {
  const key = wordKey(word);
  const value = own(words, key);
  return value === undefined ? { ok: false, ambiguous: AMBIGUOUS.has(key) } : { ok: true, value };
}

export const loveAndPayStatus = (word: string): Lookup<LoveAndPayStatus> => find(LOVEANDPAY, word);
export const stripeStatus = (word: string): Lookup<StripeListStatus> => find(STRIPE, word);
export const alertOutcome = (word: string): AlertOutcome | undefined => own(OUTCOMES, wordKey(word));
export const customerKycStatus = (word: string) => own(CUSTOMER_KYC, wordKey(word));
export const trustLevel = (word: string) => own(TRUST_LEVEL, wordKey(word));

/** Any word that names a session status in either list, or the ambiguous `pending`. */
export function isStatusWord(word: string): boolean {
  const key = wordKey(word);
  return Object.hasOwn(LOVEANDPAY, key) || Object.hasOwn(STRIPE, key) || AMBIGUOUS.has(key);
}

/** Stripe-only statuses (`processing`, `canceled`, `requires_input`) imply the Stripe list. */
export function isStripeOnlyStatus(word: string): boolean {
  const key = wordKey(word);
  return Object.hasOwn(STRIPE, key) && !Object.hasOwn(LOVEANDPAY, key);
}

const PHRASES: ReadonlyArray<[first: string, second: RegExp]> = [
  ['в', /^процессе$/],
  ['в', /^ожидании$/],
  ['не', /^(?:начат|начато|начата|начатые)$/],
  ['in', /^progress$/],
  ['not', /^started$/],
  ['requires', /^input$/],
];

/** Two-word statuses (`в процессе`, `не начат`, `in progress`) become one token joined by `_`. */
export function mergeStatusPhrases(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const key = wordKey(token);
    if (next !== undefined && PHRASES.some(([first, second]) => first === key && second.test(wordKey(next)))) {
      out.push(`${token}_${next}`);
      i++;
    } else {
      out.push(token);
    }
  }
  return out;
}
