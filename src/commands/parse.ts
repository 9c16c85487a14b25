/**
 * A command line as a chat adapter got it (`/kyc approved page:2`,
 * `kyc approved`, `/kyc@KycDeskBot approved`) to a typed request or a usage
 * problem. Grammar: DESIGN.md "Commands"; problem codes: parse-problem.ts.
 * This file reads the command word and the two one-id grammars (/receipt,
 * /check); /kyc and /customer have files of their own (parse-kyc.ts,
 * parse-customer.ts), and every grammar reads its words with parse-text.ts
 * (what was typed) and parse-words.ts (the grammar's vocabulary).
 *
 * Forgiving about how people type (case, extra or odd spaces, pasted quotes
 * and punctuation, Russian status words) and strict about what reaches a
 * provider: every id passes the same validator the provider client uses.
 * Pure and total: no I/O, and it returns for any string.
 */
import type { CommandName } from '../domain/commands.js';
import { isUuid } from '../domain/ids.js';
import { own } from '../domain/own.js';
import { isCheckId, isStripeSessionId } from '../providers/path-segment.js';
import { parseCustomer } from './parse-customer.js';
import { parseKyc } from './parse-kyc.js';
import { wordsBeforeNote } from './parse-review.js';
import { UsageFailure, fail, usage } from './parse-problem.js';
import { closestWord } from './parse-suggest.js';
import { MAX_LINE_LENGTH, cleanWord, normaliseLine, tokenize } from './parse-text.js';
import { COMMAND_ALIASES, GENERAL_HELP, WATCH_WORDS, isHelpWord, wordKey } from './parse-words.js';
import type { CommandRequest, ParseResult } from './request.js';

export { toCommandLine } from './parse-format.js';
export { USAGE_PROBLEMS, type UsageProblemCode } from './parse-problem.js';
export { MAX_LINE_LENGTH } from './parse-text.js';
export { MAX_PAGE } from './parse-words.js';

/** `/kyc@KycDeskBot`: Telegram appends the bot's username in groups (core.telegram.org/bots/features#commands). */
const BOT_SUFFIX = /@[A-Za-z0-9_]{1,64}$/;

export function parseCommand(line: string): ParseResult {
  if (typeof line !== 'string') return usage(null, 'empty');
  // Before any other work, so a pasted novel costs nothing.
  if (line.length > MAX_LINE_LENGTH) return usage(null, 'too_long', line.slice(0, 64));
  const words = normaliseLine(line).split(' ').filter((word) => word !== '');
  if (words[0] === '/') words.shift();
  const first = words.shift();
  if (first === undefined) return usage(null, 'empty');
  const name = first.replace(/^\//, '').replace(BOT_SUFFIX, '').replace(/:$/, '');
  if (GENERAL_HELP.has(wordKey(name)) || GENERAL_HELP.has(wordKey(cleanWord(name)))) {
    return usage(null, 'general_help');
  }
  const command = own(COMMAND_ALIASES, wordKey(cleanWord(name)));
  if (command === undefined) {
    if (name === '') return usage(null, 'empty', first);
    // `/kcy approved` -> `/kyc approved`.
    const meant = closestWord(cleanWord(name), Object.keys(COMMAND_ALIASES));
    return usage(null, 'unknown_command', first, meant && [`/${meant}`, ...words].join(' '));
  }
  if (wantsHelp(command, words)) return { ok: true, request: { command, action: 'help' } };
  const tokens = tokenize(words);
  try {
    return { ok: true, request: parseArguments(command, tokens) };
  } catch (error) {
    if (error instanceof UsageFailure) return withWholeLine(error.result, command, tokens);
    throw error;
  }
}

/**
 * A mistyped word's suggestion becomes the whole line with that word
 * corrected (`/kyc declined since:7d`), so it can be offered as a button;
 * other_command suggestions are whole lines already.
 */
function withWholeLine(result: ParseResult, command: CommandName, tokens: readonly string[]): ParseResult {
  if (result.ok || !result.usage.suggestion || result.usage.problem === 'other_command') return result;
  const { suggestion, ...rest } = result.usage;
  const at = tokens.findIndex((token) => token === rest.token);
  if (at === -1) return { ok: false, usage: rest };
  const line = [`/${command}`, ...tokens.map((token, index) => (index === at ? suggestion : token))].join(' ');
  return { ok: false, usage: { ...rest, suggestion: line } };
}

/**
 * `/kyc help`, `/check ?`: a help word anywhere asks for that command's usage.
 * /customer decides itself (parse-customer.ts): its words are a free-text search.
 */
function wantsHelp(command: CommandName, words: readonly string[]): boolean {
  // A resolve's note is free text: "help" in it asks for nothing.
  return command !== 'customer' && (command === 'kyc' ? wordsBeforeNote(words) : words).some(isHelpWord);
}

function parseArguments(command: CommandName, tokens: string[]): CommandRequest {
  switch (command) {
    case 'kyc':
      return parseKyc(tokens);
    case 'customer':
      return parseCustomer(tokens);
    case 'receipt':
      return parseReceipt(tokens);
    case 'check':
      return parseCheck(tokens);
  }
}

/**
 * `/receipt <uuid>` and `/check <id> [watch]`: one object by id. Ids are
 * checked with the same validators the provider clients use, so the parser
 * never accepts an id a client would refuse.
 */
function parseReceipt(tokens: readonly string[]): CommandRequest {
  let id: string | undefined;
  for (const token of tokens) {
    if (id === undefined) elsewhere('receipt', token);
    if (!isUuid(token)) fail('receipt', id === undefined ? 'bad_id' : 'unknown_word', token);
    if (id !== undefined && id !== token.toLowerCase()) fail('receipt', 'conflicting', token);
    id = token.toLowerCase();
  }
  if (id === undefined) fail('receipt', 'missing_id');
  return { command: 'receipt', action: 'detail', id };
}

/**
 * An id that belongs to another command (`/check vs_...`, `/receipt 34`,
 * `/check <uuid>`): answered where it fits (run-command.ts runs the
 * suggested line and says so). A Love&Pay UUID goes to /kyc, which looks
 * further when it is not a session.
 */
function elsewhere(command: 'receipt' | 'check', token: string): void {
  const stripe = token.replace(/^vs_/i, 'vs_');
  if (isStripeSessionId(stripe)) fail(command, 'other_command', token, `/kyc ${stripe}`);
  if (command === 'check' && isUuid(token)) fail(command, 'other_command', token, `/kyc ${token.toLowerCase()}`);
  if (command === 'receipt' && /^(?:#|no\.?)?[0-9]+$/i.test(token) && isCheckId(checkId(token))) {
    fail(command, 'other_command', token, `/check ${checkId(token)}`);
  }
}

/** `#7` and `№7` (NFKC turns № into "No") are how people write a check number. */
function checkId(token: string): string {
  return token.replace(/^(?:#|no\.?)(?=[0-9])/i, '');
}

function parseCheck(tokens: readonly string[]): CommandRequest {
  let id: string | undefined;
  let watch = false;
  for (const token of tokens) {
    if (WATCH_WORDS.has(wordKey(token))) {
      watch = true;
      continue;
    }
    const candidate = checkId(token);
    if (id === undefined && !isCheckId(candidate)) elsewhere('check', token);
    if (!isCheckId(candidate)) {
      fail('check', id === undefined ? 'bad_id' : 'unknown_word', token, id === undefined ? undefined : closestWord(token, WATCH_WORDS));
    }
    if (id !== undefined && id !== candidate) fail('check', 'conflicting', token);
    id = candidate;
  }
  if (id === undefined) fail('check', 'missing_id');
  return { command: 'check', action: 'detail', id, watch };
}
