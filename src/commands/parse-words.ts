/**
 * The fixed words of the grammar and the spellings people use for them:
 * commands, help, /kyc modes, providers, statuses per list, and pages.
 * All keys are lower case; Russian ones with е for ё (see wordKey).
 */
import type { CommandName } from '../domain/commands.js';
import type { AlertOutcome, ProviderName } from '../domain/outcome.js';
import { own } from '../domain/own.js';
import { fail } from './parse-problem.js';
import { readWholeNumber } from './parse-text.js';
import type { LoveAndPayStatus, StripeListStatus } from './request.js';

/** Lower case, ё as е, hyphens as underscores: `In-Progress` and `in_progress`, `отклонён` and `отклонен` meet. */
export function wordKey(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е').replace(/-/g, '_');
}

export const COMMAND_ALIASES: Readonly<Record<string, CommandName>> = {
  kyc: 'kyc',
  customer: 'customer',
  customers: 'customer',
  receipt: 'receipt',
  receipts: 'receipt',
  check: 'check',
  checks: 'check',
};

/** Words that ask for the general usage when they come instead of a command. */
export const GENERAL_HELP = new Set(['help', 'start', '?', 'помощь', 'справка', '__help', '_h']);

/** Words that ask for a command's usage (`/kyc help`, `/customer ?`). Matched on the raw and the cleaned word. */
const HELP_WORDS = new Set(['help', '?', 'помощь', 'справка', '__help', '_h']);

export function isHelpWord(raw: string): boolean {
  const key = wordKey(raw);
  return HELP_WORDS.has(key) || HELP_WORDS.has(key.replace(/[.!?,;]+$/u, ''));
}

export type KycMode = 'subscribe' | 'unsubscribe' | 'subscriptions' | 'audit' | 'stats' | 'summary';

export const KYC_MODES: Readonly<Record<string, KycMode>> = {
  subscribe: 'subscribe',
  sub: 'subscribe',
  подписаться: 'subscribe',
  unsubscribe: 'unsubscribe',
  unsub: 'unsubscribe',
  отписаться: 'unsubscribe',
  subscriptions: 'subscriptions',
  subs: 'subscriptions',
  подписки: 'subscriptions',
  audit: 'audit',
  аудит: 'audit',
  stats: 'stats',
  statistics: 'stats',
  статистика: 'stats',
  summary: 'summary',
  сводка: 'summary',
};

export const STRIPE_WORDS = new Set(['stripe', 'страйп']);
export const INVOICE_WORDS = new Set(['invoice', 'счет']);
export const PAGE_KEYS = new Set(['page', 'стр', 'страница']);
/** Subscribe/unsubscribe without a filter already means everything; `all` is accepted and adds nothing. */
export const ALL_WORDS = new Set(['all', 'все', 'всё']);
export const WATCH_WORDS = new Set(['watch', '__watch', 'следить']);
/** `since:7d`: the window a list covers (commands/time-window.ts reads the value). */
export const SINCE_KEYS = new Set(['since', 'с', 'за']);
/** `/kyc audit since:7d csv`: the entries as a file. */
export const CSV_WORDS = new Set(['csv']);
/** `/kyc unsubscribe confirm`: yes, remove all of them. */
export const CONFIRM_WORDS = new Set(['confirm', 'подтвердить', 'yes', 'да']);

/** Filter keys of each grammar, for "did you mean" (parse-suggest.ts). */
export const KYC_FILTER_KEYS = ['status', 'invoice', 'page', 'after', 'before', 'since'];
export const CUSTOMER_FILTER_KEYS = ['kyc', 'status', 'level', 'trust', 'page', 'since'];

/** Every fixed word of /kyc (modes, lists, statuses), for "did you mean". */
export function kycWords(): string[] {
  return [...Object.keys(KYC_MODES), ...STRIPE_WORDS, ...INVOICE_WORDS, ...Object.keys(LOVEANDPAY), ...Object.keys(STRIPE), ...AMBIGUOUS];
}

/** The words a subscription takes: outcomes, providers, all. */
export function subscriptionWords(): string[] {
  return [...Object.keys(OUTCOMES), ...Object.keys(PROVIDER_ALIASES), ...ALL_WORDS];
}

/** The status words of one list, for "did you mean". */
export const statusWordsOf = (list: 'loveandpay' | 'stripe'): string[] => Object.keys(list === 'stripe' ? STRIPE : LOVEANDPAY);

/** Filter values that have fixed words (`kyc:`, `level:`), for "did you mean". */
export const customerFilterWords = (key: 'kyc' | 'level'): string[] => Object.keys(key === 'kyc' ? CUSTOMER_KYC : TRUST_LEVEL);

const PROVIDER_ALIASES: Readonly<Record<string, ProviderName>> = {
  loveandpay: 'loveandpay',
  'love&pay': 'loveandpay',
  love_and_pay: 'loveandpay',
  lovepay: 'loveandpay',
  'l&p': 'loveandpay',
  lp: 'loveandpay',
  stripe: 'stripe',
  страйп: 'stripe',
  bank131: 'bank131',
  bank_131: 'bank131',
  bank: 'bank131',
  b131: 'bank131',
  банк131: 'bank131',
  банк: 'bank131',
};

export function providerAlias(word: string): ProviderName | undefined {
  return own(PROVIDER_ALIASES, wordKey(word));
}

// --- statuses --------------------------------------------------------------
// Status words in English and Russian, per list. DESIGN.md "One vocabulary
// across providers" maps outcomes to native statuses; the same table decides
// what an outcome word means in each list.

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

// --- pages -----------------------------------------------------------------

/** Pages are 1-based; 1,000 pages of 100 is far past anything a chat list is for. */
export const MAX_PAGE = 1000;

/** The page number in `page:N`; anything else is bad_page naming what was typed. */
export function readPage(command: CommandName, value: string, typed: string): number {
  return readWholeNumber(value, 1, MAX_PAGE) ?? fail(command, 'bad_page', typed);
}

/** `page 3` with a space: only when the next word is a number, so a customer called Page is still found. */
export function isPageWord(word: string, next: string | undefined): next is string {
  return next !== undefined && PAGE_KEYS.has(wordKey(word)) && /^[-+]?[0-9]+$/.test(next);
}
