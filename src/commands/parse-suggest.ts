/**
 * "Did you mean": the grammar word closest to a mistyped one, by edit
 * distance (optimal string alignment: insert, delete, substitute, or swap
 * two neighbours, so `declnied` is one step from `declined`). Only a close
 * and unambiguous match is suggested: one step for words of up to four
 * letters, two for longer ones, and no other candidate as close.
 */
import { wordKey } from './parse-words.js';

/** Words longer than this are not compared: nobody mistypes a command word that long, and the cost is quadratic. */
const MAX_COMPARED = 40;

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate `word` was most likely meant as, or undefined when none is close enough or two are equally close. */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  const typed = wordKey(word);
  if (typed.length < 2 || typed.length > MAX_COMPARED) return undefined;
  const limit = typed.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of new Set(candidates)) {
    if (candidate === typed || Math.abs(candidate.length - typed.length) > limit) continue;
    const distance = editDistance(typed, candidate);
    if (distance > limit) continue;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}

/** `sinse:7d` -> `since:7d`: a `key:value` word with its key corrected, or undefined. */
export function closestKey(token: string, keys: Iterable<string>): string | undefined {
  const colon = token.indexOf(':');
  if (colon <= 0) return undefined;
  const key = closestWord(token.slice(0, colon), keys);
  return key === undefined ? undefined : `${key}${token.slice(colon)}`;
}
