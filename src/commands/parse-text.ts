/**
 * What people type, read before and under any grammar: the clean-up of what
 * chat clients and copy-paste add to a command line, the tokens it splits
 * into, and the values a token can hold (numbers, phone numbers, emails).
 */

/** Lines longer than this are refused before any other work (a command is a few dozen characters). */
export const MAX_LINE_LENGTH = 1000;

/** A problem token echoed back to the user is cut to this many UTF-16 units. */
const MAX_TOKEN_LENGTH = 40;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Format characters: zero-width spaces and joiners, bidi marks and overrides (RTL), soft hyphens, BOM. */
const INVISIBLE = /\p{Cf}/gu;
/** A zero-width space is still a space between words. */
const ZERO_WIDTH_SPACE = /\u200B/g;
/** Control characters (tabs, newlines, NUL...) and every kind of space (NBSP, thin, ideographic...). */
const SPACES = /[\p{Cc}\p{Z}\s]+/gu;
/**
 * Slack escapes links, mails and phones it recognises as `<target|label>` or
 * `<mailto:x>` (docs.slack.dev, "Formatting text for app surfaces"); keep what the person saw.
 */
const SLACK_LINK_WITH_LABEL = /<[^<>|\s]*\|([^<>]*)>/g;
const SLACK_MAIL_OR_TEL = /<(?:mailto|tel):([^<>|\s]+)>/g;
/** Slack sends a typed &, < and > as entities (api.slack.com/reference/surfaces/formatting#escaping). */
const SLACK_ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Quotes and brackets pasted around a word, and sentence punctuation after it. */
const LEADING = /^["'`«»“”„‘’‚<([{]+/u;
const TRAILING = /["'`«»“”„‘’>)\]}.,!?…\-–—]+$/u;
/**
 * Words that are only this (`-`, `...`, `,`) are dropped: they separate, they
 * do not say anything. A lone `?` is kept: it asks for help.
 */
const SENTENCE_PUNCTUATION = /^[.,!…\-–—]+$/u;

/**
 * One line as plain words separated by single spaces: compatibility forms
 * folded (NFKC: full-width letters, decomposed ё), invisible characters
 * dropped, every space and control character made a plain space.
 */
export function normaliseLine(line: string): string {
  return line
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFKC')
    .replace(SLACK_LINK_WITH_LABEL, '$1')
    .replace(SLACK_MAIL_OR_TEL, '$1')
    .replace(/&(?:amp|lt|gt);/g, (entity) => SLACK_ENTITIES[entity] ?? entity)
    .replace(ZERO_WIDTH_SPACE, ' ')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .trim();
}

/** Strips wrapping quotes/brackets and trailing punctuation; may leave an empty string. */
export function cleanWord(word: string): string {
  return word.replace(LEADING, '').replace(TRAILING, '');
}

/**
 * The words of a normalised line, cleaned; words that were only sentence
 * punctuation are dropped; `key: value` is joined into `key:value`.
 */
export function tokenize(words: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const word of words) {
    const cleaned = cleanWord(word);
    if (cleaned !== '') tokens.push(cleaned);
    // A stray `;` or quote is not sentence punctuation: keep it so it is refused, not ignored.
    else if (!SENTENCE_PUNCTUATION.test(word)) tokens.push(word);
  }
  return joinKeyValues(tokens);
}

/**
 * `page: 2` and `invoice: <uuid>`: a key followed by a space still takes the
 * next word as its value.
 */
function joinKeyValues(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    if (next !== undefined && /^[\p{L}_]+:$/u.test(token) && !/^[\p{L}_]+:/u.test(next)) {
      out.push(token + next);
      i++;
    } else {
      out.push(token);
    }
  }
  return out;
}

/** A token safe to echo in a reply: no control or invisible characters, at most 40 UTF-16 units, whole code points. */
export function safeToken(value: string): string {
  const plain = value.replace(LONE_SURROGATE, '').replace(INVISIBLE, '').replace(/\p{Cc}+/gu, ' ').trim();
  let out = '';
  for (const point of plain) {
    if (out.length + point.length > MAX_TOKEN_LENGTH) break;
    out += point;
  }
  return out;
}

/** `key:value` with a key of letters only (so `?status=`, `%2F` and URLs are never filters). */
export function splitKeyValue(token: string): { key: string; value: string } | undefined {
  const match = /^([\p{L}_]+):(.*)$/su.exec(token);
  if (!match) return undefined;
  return { key: (match[1] ?? '').toLowerCase().replace(/ё/g, 'е'), value: cleanWord(match[2] ?? '') };
}

/** Looks like a number someone meant (`7`, `-1`, `1.5`, `1e3`), valid or not. */
export function isNumberLike(text: string): boolean {
  return /^[-+]?[0-9][0-9.,e]*$/i.test(text);
}

/** A whole number within [min, max] written in plain digits, or undefined. */
export function readWholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^[0-9]{1,7}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

// --- phones ----------------------------------------------------------------
// Russian phone numbers as people type them, to the +7XXXXXXXXXX form
// Love&Pay stores (loveandpay-get-customers: `"phone": "+79991234567"`) and
// its /customers/check endpoint looks up.

/** Only digits, spaces and the separators people put in phone numbers. */
const PHONE_CHARACTERS = /^\+?[0-9 ().\-]+$/;

export type PhoneReading =
  /** Not a phone at all: a name or other search text. */
  | { kind: 'not_phone' }
  /** A few bare digits: a search for part of a number, which the customer search matches. */
  | { kind: 'partial' }
  | { kind: 'phone'; phone: string }
  | { kind: 'bad_phone' };

/**
 * `+7 999 123-45-67`, `8 (999) 123 45 67`, `89991234567`, `79991234567` and
 * `9991234567` all read as +79991234567. In Russia a leading 8 is the trunk
 * prefix that +7 replaces; ten digits are a number without either.
 */
export function readPhone(text: string): PhoneReading {
  if (!PHONE_CHARACTERS.test(text)) return { kind: 'not_phone' };
  const digits = text.replace(/[^0-9]/g, '');
  if (digits === '') return { kind: 'not_phone' };
  if (text.startsWith('+')) {
    return digits.length === 11 && digits.startsWith('7') ? { kind: 'phone', phone: `+${digits}` } : { kind: 'bad_phone' };
  }
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) {
    return { kind: 'phone', phone: `+7${digits.slice(1)}` };
  }
  if (digits.length === 10) return { kind: 'phone', phone: `+7${digits}` };
  if (digits.length < 10 && /^[0-9 ]+$/.test(text)) return { kind: 'partial' };
  return { kind: 'bad_phone' };
}

// --- emails ----------------------------------------------------------------
// Email addresses for Love&Pay's /customers/check?email= lookup. Addresses
// are compared lower-cased: domains are case-insensitive (RFC 5321 §2.4) and
// providers treat local parts the same way in practice.

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, so an address at most 254. */
const MAX_EMAIL_LENGTH = 254;
/** A pragmatic shape: something@domain.tld with no spaces, brackets, quotes, commas or colons. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"._][^\s@<>()[\]\\,;:"]*\.[^\s@<>()[\]\\,;:".0-9]{2,}$/u;

export function readEmail(text: string): string | undefined {
  const email = text.toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email) || email.includes('..')) return undefined;
  return email;
}
