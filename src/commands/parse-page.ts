import type { CommandName } from './request.js';
import { fail } from './parse-problem.js';
import { readWholeNumber } from './parse-text.js';
import { PAGE_KEYS, wordKey } from './parse-words.js';

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
