/**
 * `/kyc stats [today|yesterday|7d|30d] [loveandpay|stripe|bank131]` and
 * `/kyc summary [daily HH:MM [providers] | off]` (DESIGN.md, "Stats and the
 * daily summary"). Words come in any order; `since:` works for the window,
 * as on the lists.
 */
import { readClock } from '../domain/quiet-hours.js';
import { PROVIDER_NAMES, type ProviderName } from '../domain/outcome.js';
import { DEFAULT_STATS_PERIOD, readStatsPeriod, type StatsPeriod } from '../stats/window.js';
import { fail } from './parse-problem.js';
import { closestWord } from './parse-suggest.js';
import { splitKeyValue } from './parse-text.js';
import { ALL_WORDS, SINCE_KEYS, providerAlias, wordKey } from './parse-words.js';
import type { CommandRequest } from './request.js';

const KYC = 'kyc';
const DAILY_WORDS = new Set(['daily', 'ежедневно', 'каждый_день']);
const OFF_WORDS = new Set(['off', 'stop', 'выкл', 'выключить', 'нет']);
const PERIOD_WORDS = ['today', 'yesterday', '7d', '30d', 'сегодня', 'вчера'];
const PROVIDER_WORDS = ['loveandpay', 'stripe', 'bank131'];

/** `/kyc stats ...`: the default window is 7 days, all providers. */
export function parseStats(tokens: readonly string[]): CommandRequest {
  let period: StatsPeriod | undefined;
  const providers = new Set<ProviderName>();
  for (const token of tokens) {
    const pair = splitKeyValue(token);
    const word = pair && SINCE_KEYS.has(pair.key) ? pair.value : token;
    const provider = pair ? undefined : providerAlias(word);
    if (provider) {
      providers.add(provider);
      continue;
    }
    if (!pair && ALL_WORDS.has(wordKey(word))) continue;
    const read = readStatsPeriod(word);
    if (read === undefined) {
      if (pair || /^[0-9]/.test(word)) fail(KYC, 'bad_period', token);
      fail(KYC, 'unknown_word', token, closestWord(word, [...PERIOD_WORDS, ...PROVIDER_WORDS]));
    }
    if (period !== undefined && period !== read) fail(KYC, 'conflicting', token);
    period = read;
  }
  return { command: KYC, action: 'stats', period: period ?? DEFAULT_STATS_PERIOD, providers: inOrder(providers) };
}

/** `/kyc summary` (show), `/kyc summary daily 09:00 [providers]` (set), `/kyc summary off`. */
export function parseSummary(tokens: readonly string[]): CommandRequest {
  const [first, ...rest] = tokens;
  if (first === undefined) return { command: KYC, action: 'summary' };
  if (OFF_WORDS.has(wordKey(first))) {
    if (rest[0] !== undefined) fail(KYC, 'unknown_word', rest[0]);
    return { command: KYC, action: 'summary', change: 'off' };
  }
  // `daily` may be left out: `/kyc summary 09:00`.
  const words = DAILY_WORDS.has(wordKey(first)) ? rest : tokens;
  let at: string | undefined;
  const providers = new Set<ProviderName>();
  for (const token of words) {
    const provider = providerAlias(token);
    if (provider) {
      providers.add(provider);
      continue;
    }
    if (ALL_WORDS.has(wordKey(token))) continue;
    const clock = readClock(token);
    if (clock === undefined) {
      if (/^[0-9]/.test(token)) fail(KYC, 'bad_time', token);
      fail(KYC, 'unknown_word', token, closestWord(token, ['daily', 'off', ...PROVIDER_WORDS]));
    }
    if (at !== undefined && at !== clock) fail(KYC, 'conflicting', token);
    at = clock;
  }
  if (at === undefined) fail(KYC, 'bad_time', first);
  return { command: KYC, action: 'summary', change: { at, providers: inOrder(providers) } };
}

/** Canonical order, so the same request always prints the same line. */
const inOrder = (providers: Set<ProviderName>): ProviderName[] => PROVIDER_NAMES.filter((provider) => providers.has(provider));
