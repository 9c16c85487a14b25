/**
 * `/kyc ...`: session lists and lookups at Love&Pay and Stripe, alert
 * subscriptions and the audit log (DESIGN.md, "Commands").
 */
import { isUuid, isUuidPrefix } from '../domain/ids.js';
import { PROVIDER_NAMES, type AlertOutcome, type ProviderName } from '../domain/outcome.js';
import { own } from '../domain/own.js';
import { isCheckId, isStripeSessionId } from '../providers/path-segment.js';
import { fail } from './parse-problem.js';
import { readQuiet, type QuietWindow } from './parse-quiet.js';
import { parseReview } from './parse-review.js';
import { parseStats, parseSummary } from './parse-stats.js';
import { closestKey, closestWord } from './parse-suggest.js';
import { isNumberLike, readWholeNumber, splitKeyValue } from './parse-text.js';
import {
  ALL_WORDS,
  CONFIRM_WORDS,
  CSV_WORDS,
  INVOICE_WORDS,
  KYC_FILTER_KEYS,
  KYC_MODES,
  PAGE_KEYS,
  SINCE_KEYS,
  STRIPE_WORDS,
  alertOutcome,
  isPageWord,
  isStatusWord,
  isStripeOnlyStatus,
  loveAndPayStatus,
  mergeStatusPhrases,
  providerAlias,
  kycWords,
  readPage,
  statusWordsOf,
  stripeStatus,
  subscriptionWords,
  wordKey,
  type KycMode,
  type Lookup,
} from './parse-words.js';
import type { CommandRequest, Since } from './request.js';
import { readSince } from './time-window.js';

const KYC = 'kyc';
const AUDIT_DEFAULT = 20;
const AUDIT_MAX = 100;

export function parseKyc(input: readonly string[]): CommandRequest {
  const review = parseReview(input);
  if (review) return review;
  const tokens = mergeStatusPhrases(input);
  let mode: KycMode | undefined;
  const rest: string[] = [];
  for (const token of tokens) {
    const found = own(KYC_MODES, wordKey(token));
    if (found === undefined) rest.push(token);
    else if (mode !== undefined && mode !== found) fail(KYC, 'conflicting', token);
    else mode = found;
  }
  switch (mode) {
    case undefined:
      return parseLookup(rest);
    case 'subscribe':
    case 'unsubscribe':
      return parseSubscription(mode, rest);
    case 'subscriptions':
      if (rest[0] !== undefined) fail(KYC, 'unknown_word', rest[0], closestWord(rest[0], kycWords()));
      return { command: KYC, action: 'subscriptions' };
    case 'audit':
      return parseAudit(rest);
    case 'stats':
      return parseStats(rest);
    case 'summary':
      return parseSummary(rest);
  }
}

/** `/kyc subscribe [approved|declined] [loveandpay|stripe|bank131]`, any order; nothing named means all. */
function parseSubscription(action: 'subscribe' | 'unsubscribe', tokens: readonly string[]): CommandRequest {
  const outcomes = new Set<AlertOutcome>();
  const providers = new Set<ProviderName>();
  let confirmed = false;
  let quiet: QuietWindow | null | undefined;
  const filterKeys = ['status', 'outcome', 'provider'];
  for (const token of tokens) {
    const pair = splitKeyValue(token);
    if (action === 'subscribe' && pair?.key === 'quiet') {
      if (quiet !== undefined) fail(KYC, 'conflicting', token);
      quiet = readQuiet(pair.value, token);
      continue;
    }
    if (pair && !filterKeys.includes(pair.key)) fail(KYC, 'unknown_filter', token, closestKey(token, filterKeys));
    const word = pair ? pair.value : token;
    if (ALL_WORDS.has(wordKey(word))) continue;
    if (action === 'unsubscribe' && !pair && CONFIRM_WORDS.has(wordKey(word))) {
      confirmed = true;
      continue;
    }
    const outcome = alertOutcome(word);
    const provider = providerAlias(word);
    if (outcome !== undefined) outcomes.add(outcome);
    else if (provider !== undefined) providers.add(provider);
    else if (isStatusWord(word)) fail(KYC, 'bad_outcome', token);
    else fail(KYC, 'unknown_word', token, closestWord(word, [...subscriptionWords(), ...(action === 'unsubscribe' ? CONFIRM_WORDS : [])]));
  }
  return {
    command: KYC,
    action,
    // Canonical order, so the same subscription always prints the same command line.
    outcomes: (['APPROVED', 'DECLINED'] as const).filter((outcome) => outcomes.has(outcome)),
    providers: PROVIDER_NAMES.filter((provider) => providers.has(provider)),
    ...(confirmed ? { confirmed } : {}),
    ...(quiet !== undefined ? { quiet } : {}),
  };
}

/** `/kyc audit [n] [since:7d] [csv]`: the last n lookups (1..100, default 20), or the window's entries as a CSV file. */
function parseAudit(tokens: readonly string[]): CommandRequest {
  let limit: number | undefined;
  let since: Since | undefined;
  let csv = false;
  for (const token of tokens) {
    const pair = splitKeyValue(token);
    if (CSV_WORDS.has(wordKey(token))) {
      csv = true;
    } else if (pair && SINCE_KEYS.has(pair.key)) {
      if (since !== undefined) fail(KYC, 'conflicting', token);
      since = readSince(pair.value) ?? fail(KYC, 'bad_since', token);
    } else if (pair && pair.key !== 'limit') {
      fail(KYC, 'unknown_filter', token, closestKey(token, ['limit', 'since']));
    } else {
      const value = pair ? pair.value : token;
      if (!isNumberLike(value)) fail(KYC, 'unknown_word', token, closestWord(token, CSV_WORDS));
      if (limit !== undefined) fail(KYC, 'conflicting', token);
      limit = readWholeNumber(value, 1, AUDIT_MAX) ?? fail(KYC, 'bad_limit', token);
    }
  }
  return {
    command: KYC,
    action: 'audit',
    limit: limit ?? AUDIT_DEFAULT,
    ...(since ? { since } : {}),
    ...(csv ? { csv } : {}),
  };
}

/** What the words of a list or lookup said, each with the word that said it (for `conflicting`). */
interface Lookups {
  stripe?: string;
  uuid?: [id: string, typed: string];
  stripeId?: [id: string, typed: string];
  invoice?: [id: string, typed: string];
  page?: [page: number, typed: string];
  after?: [id: string, typed: string];
  before?: [id: string, typed: string];
  since?: [since: Since, typed: string];
  statuses: string[];
}

function setOnce<K extends Exclude<keyof Lookups, 'statuses' | 'stripe'>>(
  found: Lookups,
  key: K,
  value: NonNullable<Lookups[K]>,
): void {
  const before = found[key];
  if (before !== undefined && before[0] !== value[0]) fail(KYC, 'conflicting', value[1]);
  found[key] = value;
}

/** Stripe ids are case-sensitive except the prefix people may type as `VS_`. */
function stripeSessionId(token: string): string | undefined {
  const id = token.replace(/^vs_/i, 'vs_');
  return isStripeSessionId(id) ? id : undefined;
}

/** Words that were meant as an id but are not one: `vs_` prefixes, short or broken UUIDs. */
function looksLikeId(token: string): boolean {
  return /^vs_/i.test(token) || (/^[0-9a-f-]{8,}$/i.test(token) && /[0-9]/.test(token));
}

function readUuid(value: string, typed: string): string {
  if (value === '') fail(KYC, 'missing_id', typed);
  return isUuid(value) ? value.toLowerCase() : fail(KYC, 'bad_id', typed);
}

function readSinceValue(value: string, typed: string): Since {
  return readSince(value) ?? fail(KYC, 'bad_since', typed);
}

function readCursor(value: string, typed: string): string {
  if (value === '') fail(KYC, 'missing_id', typed);
  return stripeSessionId(value) ?? fail(KYC, 'bad_id', typed);
}

function collect(tokens: readonly string[]): Lookups {
  const found: Lookups = { statuses: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const key = wordKey(token);
    const pair = splitKeyValue(token);
    if (STRIPE_WORDS.has(key)) {
      found.stripe = token;
    } else if (INVOICE_WORDS.has(key)) {
      if (next === undefined) fail(KYC, 'missing_id', token);
      setOnce(found, 'invoice', [readUuid(next, next), `${token} ${next}`]);
      i++;
    } else if (isPageWord(token, next)) {
      setOnce(found, 'page', [readPage(KYC, next, `${token} ${next}`), `${token} ${next}`]);
      i++;
    } else if (pair) {
      if (pair.key === 'status' || pair.key === 'статус') {
        if (!isStatusWord(pair.value)) fail(KYC, 'unknown_status', token);
        found.statuses.push(pair.value);
      } else if (INVOICE_WORDS.has(pair.key)) setOnce(found, 'invoice', [readUuid(pair.value, token), token]);
      else if (PAGE_KEYS.has(pair.key)) setOnce(found, 'page', [readPage(KYC, pair.value, token), token]);
      else if (pair.key === 'after') setOnce(found, 'after', [readCursor(pair.value, token), token]);
      else if (pair.key === 'before') setOnce(found, 'before', [readCursor(pair.value, token), token]);
      else if (SINCE_KEYS.has(pair.key)) setOnce(found, 'since', [readSinceValue(pair.value, token), token]);
      else fail(KYC, 'unknown_filter', token, closestKey(token, KYC_FILTER_KEYS));
    } else if (isUuid(token) || isUuidPrefix(token)) {
      // A short id (the 8 characters lists print) is resolved by the handler through the store's index.
      setOnce(found, 'uuid', [token.toLowerCase(), token]);
    } else if (stripeSessionId(token) !== undefined) {
      setOnce(found, 'stripeId', [stripeSessionId(token) as string, token]);
    } else if (isStatusWord(token)) {
      found.statuses.push(token);
    } else if (/^[0-9]+$/.test(token) && isCheckId(token)) {
      // A bare number is how Bank 131 numbers its checks: look it up there.
      fail(KYC, 'other_command', token, `/check ${token}`);
    } else if (looksLikeId(token)) {
      fail(KYC, 'bad_id', token);
    } else {
      fail(KYC, 'unknown_word', token, closestWord(token, kycWords()));
    }
  }
  return found;
}

/** Maps every status word with the list's table; two different statuses conflict. */
function oneStatus<T>(words: readonly string[], read: (word: string) => Lookup<T>, list: 'loveandpay' | 'stripe'): T | undefined {
  let status: T | undefined;
  for (const word of words) {
    const found = read(word);
    if (!found.ok) fail(KYC, found.ambiguous ? 'ambiguous_status' : 'unknown_status', word, closestWord(word, statusWordsOf(list)));
    if (status !== undefined && status !== found.value) fail(KYC, 'conflicting', word);
    status = found.value;
  }
  return status;
}

/** `/kyc`, `/kyc approved`, `/kyc invoice <uuid>`, `/kyc <uuid>`, `/kyc vs_...`, `/kyc stripe [status]`. */
function parseLookup(tokens: readonly string[]): CommandRequest {
  const found = collect(tokens);
  const stripe =
    found.stripe !== undefined ||
    found.stripeId !== undefined ||
    found.after !== undefined ||
    found.before !== undefined ||
    found.statuses.some(isStripeOnlyStatus);
  return stripe ? stripeLookup(found) : loveAndPayLookup(found);
}

function stripeLookup(found: Lookups): CommandRequest {
  // Stripe pages with cursors (starting_after / ending_before), and has no invoices or UUIDs.
  for (const clash of [found.uuid, found.invoice, found.page]) if (clash) fail(KYC, 'conflicting', clash[1]);
  const status = oneStatus(found.statuses, stripeStatus, 'stripe');
  if (found.stripeId) {
    const extra = found.after?.[1] ?? found.before?.[1] ?? found.since?.[1] ?? found.statuses[0];
    if (extra !== undefined) fail(KYC, 'conflicting', extra);
    return { command: KYC, action: 'stripe-session', id: found.stripeId[0] };
  }
  // Stripe: starting_after and ending_before are alternatives (stripe-identity-list-verification-sessions).
  if (found.after && found.before) fail(KYC, 'conflicting', found.before[1]);
  return {
    command: KYC,
    action: 'stripe-list',
    ...(status === undefined ? {} : { status }),
    ...(found.after ? { after: found.after[0] } : {}),
    ...(found.before ? { before: found.before[0] } : {}),
    ...(found.since ? { since: found.since[0] } : {}),
  };
}

function loveAndPayLookup(found: Lookups): CommandRequest {
  const status = oneStatus(found.statuses, loveAndPayStatus, 'loveandpay');
  if (found.uuid) {
    const extra = found.invoice?.[1] ?? found.page?.[1] ?? found.since?.[1] ?? found.statuses[0];
    if (extra !== undefined) fail(KYC, 'conflicting', extra);
    return { command: KYC, action: 'session', id: found.uuid[0] };
  }
  return {
    command: KYC,
    action: 'list',
    ...(status === undefined ? {} : { status }),
    ...(found.invoice ? { invoiceId: found.invoice[0] } : {}),
    page: found.page?.[0] ?? 1,
    ...(found.since ? { since: found.since[0] } : {}),
  };
}
