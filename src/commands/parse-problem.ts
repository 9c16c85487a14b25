import type { CommandName } from '../domain/commands.js';
import type { ParseResult } from './request.js';
import { safeToken } from './parse-text.js';

/**
 * Every `problem` code the parser returns. They are stable: tests and the
 * usage translations key on them, so add new ones rather than renaming.
 *
 * - empty            nothing but spaces (or a lone slash) was typed
 * - general_help     `/help`, `/start`, `help`, `?`, `помощь` with no command: show all commands
 * - too_long         the line is over 1,000 characters, or a customer search over 100
 * - unknown_command  the first word is not kyc / customer / receipt / check
 * - unknown_word     a word that means nothing in this command (`/kyc foo`)
 * - unknown_filter   `key:value` with a key this command does not have (`/kyc color:red`)
 * - unknown_status   a status word this list does not have (`/kyc stripe expired`, `status:foo`)
 * - ambiguous_status `pending`: it means two native statuses; the usage names them
 * - bad_outcome      alerts exist for approved and declined only (`/kyc subscribe expired`)
 * - bad_filter       a known filter with a value it cannot take (`kyc:maybe`, `level:7`)
 * - bad_page         `page:` not a whole number 1..1000
 * - bad_limit        `/kyc audit n` with n not a whole number 1..100
 * - bad_id           an id of the wrong shape for where it was typed (`/receipt ../x`, `/check 7a`)
 * - missing_id       a command that needs an id got none (`/receipt`, `/kyc invoice`)
 * - bad_phone        looks like a phone but is not a Russian number of 10 or 11 digits
 * - bad_email        has an @ but is not an email address
 * - bad_search       a search word with characters no name, email or phone has (`'; --`)
 * - conflicting      two things that cannot go together (two statuses, an id plus a filter,
 *                    `after:` with `before:`, Stripe paging with `page:`, subscribe with unsubscribe)
 * - bad_since        `since:` with something other than today, yesterday, Nd (1-366) or YYYY-MM-DD
 * - other_command    an id that belongs to another command (`/kyc 34`, `/check vs_...`): the
 *                    suggestion is the line that looks it up where it fits
 * - bad_period       `/kyc stats` with a window other than today, yesterday or Nd (1-90)
 * - bad_time         `/kyc summary daily` without a time of day HH:MM, or with a wrong one
 *
 * A problem may carry a suggestion: the whole line corrected ("did you mean"),
 * or for other_command the line to run instead.
 */
export const USAGE_PROBLEMS = [
  'empty',
  'general_help',
  'too_long',
  'unknown_command',
  'unknown_word',
  'unknown_filter',
  'unknown_status',
  'ambiguous_status',
  'bad_outcome',
  'bad_filter',
  'bad_page',
  'bad_limit',
  'bad_id',
  'missing_id',
  'bad_phone',
  'bad_email',
  'bad_search',
  'conflicting',
  'bad_since',
  'other_command',
  'bad_period',
  'bad_time',
] as const;

export type UsageProblemCode = (typeof USAGE_PROBLEMS)[number];

/** A usage answer; the token is made safe to echo (no control characters, at most 40 characters). */
export function usage(command: CommandName | null, problem: UsageProblemCode, token?: string, suggestion?: string): ParseResult {
  const safe = token === undefined ? '' : safeToken(token);
  return {
    ok: false,
    usage: {
      command,
      problem,
      ...(safe === '' ? {} : { token: safe }),
      ...(suggestion ? { suggestion } : {}),
    },
  };
}

/** Thrown inside the parser only, to leave a nested loop early; parseCommand turns it into a result. */
export class UsageFailure {
  constructor(readonly result: ParseResult) {}
}

/**
 * `suggestion`: for a mistyped word, the word meant (parseCommand puts it into
 * the whole line); for other_command, the line to run instead.
 */
export function fail(command: CommandName | null, problem: UsageProblemCode, token?: string, suggestion?: string): never {
  throw new UsageFailure(usage(command, problem, token, suggestion));
}
