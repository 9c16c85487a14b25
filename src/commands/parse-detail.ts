/**
 * `/receipt <uuid>` and `/check <id> [watch]`: one object by id. Ids are
 * checked with the same validators the provider clients use, so the parser
 * never accepts an id a client would refuse.
 */
import { isUuid } from '../domain/ids.js';
import { isCheckId } from '../providers/path-segment.js';
import { fail } from './parse-problem.js';
import { WATCH_WORDS, wordKey } from './parse-words.js';
import type { CommandRequest } from './request.js';

export function parseReceipt(tokens: readonly string[]): CommandRequest {
  let id: string | undefined;
  for (const token of tokens) {
    if (!isUuid(token)) fail('receipt', id === undefined ? 'bad_id' : 'unknown_word', token);
    if (id !== undefined && id !== token.toLowerCase()) fail('receipt', 'conflicting', token);
    id = token.toLowerCase();
  }
  if (id === undefined) fail('receipt', 'missing_id');
  return { command: 'receipt', action: 'detail', id };
}

/** `#7` and `№7` (NFKC turns № into "No") are how people write a check number. */
function checkId(token: string): string {
  return token.replace(/^(?:#|no\.?)(?=[0-9])/i, '');
}

export function parseCheck(tokens: readonly string[]): CommandRequest {
  let id: string | undefined;
  let watch = false;
  for (const token of tokens) {
    if (WATCH_WORDS.has(wordKey(token))) {
      watch = true;
      continue;
    }
    const candidate = checkId(token);
    if (!isCheckId(candidate)) fail('check', id === undefined ? 'bad_id' : 'unknown_word', token);
    if (id !== undefined && id !== candidate) fail('check', 'conflicting', token);
    id = candidate;
  }
  if (id === undefined) fail('check', 'missing_id');
  return { command: 'check', action: 'detail', id, watch };
}
