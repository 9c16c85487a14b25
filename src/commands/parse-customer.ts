/**
 * `/customer <name|email|phone|uuid> [kyc:..] [level:..] [page:N]`
 * (DESIGN.md, "Commands"). An email or phone goes to Love&Pay's exact
 * /customers/check; a UUID to /customers/{id}; anything else to the search.
 */
import { isUuid, isUuidPrefix } from '../domain/ids.js';
import { isStripeSessionId } from '../providers/path-segment.js';
import { fail } from './parse-problem.js';
import { closestKey, closestWord } from './parse-suggest.js';
import { readEmail, readPhone, splitKeyValue } from './parse-text.js';
import {
  CUSTOMER_FILTER_KEYS,
  PAGE_KEYS,
  SINCE_KEYS,
  customerFilterWords,
  customerKycStatus,
  isHelpWord,
  isPageWord,
  readPage,
  trustLevel,
} from './parse-words.js';
import type { CommandRequest, Since } from './request.js';
import { readSince } from './time-window.js';

const CUSTOMER = 'customer';

/** Longer than any name, email or phone; the rest would only be sent to Love&Pay's search. */
const MAX_SEARCH_LENGTH = 100;

/** Letters of any script, digits, and the apostrophes, dots and hyphens names carry (O'Neil, Jean-Luc, St.). */
const SEARCH_WORD = /^[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*$/u;

type KycStatus = 'PENDING' | 'VERIFIED' | 'REJECTED';
type TrustLevel = 'NEW' | 'LEVEL_1' | 'LEVEL_2' | 'LEVEL_3';

interface Filters {
  kycStatus?: [KycStatus, string];
  trustLevel?: [TrustLevel, string];
  page?: [number, string];
  since?: [Since, string];
}

function setOnce<K extends keyof Filters>(filters: Filters, key: K, value: NonNullable<Filters[K]>): void {
  const before = filters[key];
  if (before !== undefined && before[0] !== value[0]) fail(CUSTOMER, 'conflicting', value[1]);
  filters[key] = value;
}

export function parseCustomer(tokens: readonly string[]): CommandRequest {
  const filters: Filters = {};
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const pair = splitKeyValue(token);
    if (isPageWord(token, next)) {
      setOnce(filters, 'page', [readPage(CUSTOMER, next, `${token} ${next}`), `${token} ${next}`]);
      i++;
    } else if (!pair) {
      words.push(token);
    } else if (['kyc', 'status', 'статус'].includes(pair.key)) {
      setOnce(filters, 'kycStatus', [customerKycStatus(pair.value) ?? badFilter(token, 'kyc', pair.value), token]);
    } else if (['level', 'trust', 'уровень'].includes(pair.key)) {
      setOnce(filters, 'trustLevel', [trustLevel(pair.value) ?? badFilter(token, 'level', pair.value), token]);
    } else if (PAGE_KEYS.has(pair.key)) {
      setOnce(filters, 'page', [readPage(CUSTOMER, pair.value, token), token]);
    } else if (SINCE_KEYS.has(pair.key)) {
      setOnce(filters, 'since', [readSince(pair.value) ?? fail(CUSTOMER, 'bad_since', token), token]);
    } else {
      fail(CUSTOMER, 'unknown_filter', token, closestKey(token, CUSTOMER_FILTER_KEYS));
    }
  }
  // Only a leading help word asks for help: `/customer help`, `/customer kyc:verified ?`, not `/customer Ivan Help`.
  if (words[0] !== undefined && isHelpWord(words[0])) return { command: CUSTOMER, action: 'help' };
  // A question mark after a name (`/customer Ivan ?`) asks nothing more.
  const terms = words.filter((word) => word !== '?');
  const lookup = exactLookup(terms);
  if (lookup === undefined) return search(terms, filters);
  // Exact lookups take no filters: /customers/{id} and /customers/check have none.
  const filter = filters.kycStatus?.[1] ?? filters.trustLevel?.[1] ?? filters.page?.[1] ?? filters.since?.[1];
  if (filter !== undefined) fail(CUSTOMER, 'conflicting', filter);
  return lookup;
}

/** `kyc:verifed` -> did you mean `kyc:verified`. */
function badFilter(token: string, key: 'kyc' | 'level', value: string): never {
  const meant = closestWord(value, customerFilterWords(key));
  return fail(CUSTOMER, 'bad_filter', token, meant && `${token.slice(0, token.indexOf(':'))}:${meant}`);
}

/**
 * A short id: the first 8+ characters of a UUID with a digit among them
 * (so a name such as "Cafebabe" stays a search), resolved through the
 * store's index by the handler.
 */
const isShortId = (word: string): boolean => isUuidPrefix(word) && /[0-9]/.test(word);

/** A UUID (or a short one), an email or a whole phone number: one customer, not a search. */
function exactLookup(words: readonly string[]): CommandRequest | undefined {
  const stripe = words.find((word) => isStripeSessionId(word.replace(/^vs_/i, 'vs_')));
  if (stripe !== undefined) fail(CUSTOMER, 'other_command', stripe, `/kyc ${stripe.replace(/^vs_/i, 'vs_')}`);
  const id = words.find((word) => isUuid(word) || isShortId(word));
  const at = words.find((word) => word.includes('@'));
  const single = id ?? at;
  if (single !== undefined) {
    const other = words.find((word) => word !== single);
    if (other !== undefined) fail(CUSTOMER, 'conflicting', other);
    if (id !== undefined) return { command: CUSTOMER, action: 'detail', id: id.toLowerCase() };
    const email = readEmail(single) ?? fail(CUSTOMER, 'bad_email', single);
    return { command: CUSTOMER, action: 'check', email };
  }
  const text = words.join(' ');
  const phone = readPhone(text);
  if (phone.kind === 'bad_phone') fail(CUSTOMER, 'bad_phone', text);
  return phone.kind === 'phone' ? { command: CUSTOMER, action: 'check', phone: phone.phone } : undefined;
}

function search(words: readonly string[], filters: Filters): CommandRequest {
  const bad = words.find((word) => !SEARCH_WORD.test(word));
  if (bad !== undefined) fail(CUSTOMER, 'bad_search', bad);
  const text = words.join(' ');
  if (text.length > MAX_SEARCH_LENGTH) fail(CUSTOMER, 'too_long', text);
  return {
    command: CUSTOMER,
    action: 'search',
    ...(text === '' ? {} : { search: text }),
    ...(filters.kycStatus ? { kycStatus: filters.kycStatus[0] } : {}),
    ...(filters.trustLevel ? { trustLevel: filters.trustLevel[0] } : {}),
    page: filters.page?.[0] ?? 1,
    ...(filters.since ? { since: filters.since[0] } : {}),
  };
}
