/**
 * `quiet:22:00-08:00` on `/kyc subscribe` (DESIGN.md, "Alert cards and the
 * review queue"): the subscription's alerts are held during those hours
 * (TZ_DISPLAY) and come as one digest when they end; `quiet:off` ends them.
 */
import { readClock } from '../domain/quiet-hours.js';
import { fail } from './parse-problem.js';
import { wordKey } from './parse-words.js';

/** Hours as typed, before the handler adds the display zone. */
export interface QuietWindow {
  from: string;
  to: string;
}

const OFF_WORDS = new Set(['off', 'none', 'нет', 'выкл']);

/** The window `value` names, null for `off`; anything else is bad_filter naming `token`. */
export function readQuiet(value: string, token: string): QuietWindow | null {
  if (OFF_WORDS.has(wordKey(value))) return null;
  const [from, to, extra] = value.split(/[-–—]/).map((part) => readClock(part.trim()));
  if (!from || !to || extra !== undefined || from === to) return fail('kyc', 'bad_filter', token);
  return { from, to };
}

/** The option as the canonical command line prints it. */
export const quietWords = (quiet: QuietWindow | null | undefined): string[] =>
  quiet === undefined ? [] : [`quiet:${quiet === null ? 'off' : `${quiet.from}-${quiet.to}`}`];
