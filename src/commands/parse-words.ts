/**
 * The fixed words of the grammar and the spellings people use for them.
 * All keys are lower case; Russian ones with е for ё (see wordKey).
 */
import type { ProviderName } from '../domain/outcome.js';
import { own } from '../domain/own.js';
import type { CommandName } from './request.js';

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
export const HELP_WORDS = new Set(['help', '?', 'помощь', 'справка', '__help', '_h']);

export function isHelpWord(raw: string): boolean {
  const key = wordKey(raw);
  return HELP_WORDS.has(key) || HELP_WORDS.has(key.replace(/[.!?,;]+$/u, ''));
}

export type KycMode = 'subscribe' | 'unsubscribe' | 'subscriptions' | 'audit';

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
};

export const STRIPE_WORDS = new Set(['stripe', 'страйп']);
export const INVOICE_WORDS = new Set(['invoice', 'счет']);
export const PAGE_KEYS = new Set(['page', 'стр', 'страница']);
/** Subscribe/unsubscribe without a filter already means everything; `all` is accepted and adds nothing. */
export const ALL_WORDS = new Set(['all', 'все', 'всё']);
export const WATCH_WORDS = new Set(['watch', '__watch', 'следить']);

export const PROVIDER_ALIASES: Readonly<Record<string, ProviderName>> = {
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
