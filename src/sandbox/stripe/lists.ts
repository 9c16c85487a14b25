/**
 * Stripe list semantics (Stripe API reference, "Pagination"): newest first,
 * `limit` 1..100 (default 10), `starting_after` / `ending_before` cursors by
 * object id, `has_more`; `created` as an integer or created[gt|gte|lt|lte].
 */
import type { Outgoing } from '../http-kit.js';
import { invalidParam } from './errors.js';

export type ListResult<T> = { ok: true; data: T[]; hasMore: boolean } | { ok: false; error: Outgoing };

export interface CreatedRange {
  eq?: number;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export function parseCreated(params: URLSearchParams): { ok: true; range: CreatedRange } | { ok: false; error: Outgoing } {
  const range: CreatedRange = {};
  const keys: Array<[string, keyof CreatedRange]> = [
    ['created', 'eq'],
    ['created[gt]', 'gt'],
    ['created[gte]', 'gte'],
    ['created[lt]', 'lt'],
    ['created[lte]', 'lte'],
  ];
  for (const [param, key] of keys) {
    const raw = params.get(param);
    if (raw === null) continue;
    if (!/^\d{1,12}$/.test(raw)) return { ok: false, error: invalidParam(param, 'Invalid integer: ' + raw, 'parameter_invalid_integer') };
    range[key] = Number(raw);
  }
  return { ok: true, range };
}

export function inRange(created: number, range: CreatedRange): boolean {
  return (
    (range.eq === undefined || created === range.eq) &&
    (range.gt === undefined || created > range.gt) &&
    (range.gte === undefined || created >= range.gte) &&
    (range.lt === undefined || created < range.lt) &&
    (range.lte === undefined || created <= range.lte)
  );
}

/**
 * Pages `filtered` (a newest-first subset of `all`). The cursor may be any
 * object of the full list, as at Stripe, where it marks a place, not a member.
 */
export function cursorPage<T extends { id: string }>(
  position: Map<string, number>,
  filtered: T[],
  params: URLSearchParams,
  kind: string,
): ListResult<T> {
  const rawLimit = params.get('limit');
  const limit = rawLimit === null || rawLimit === '' ? 10 : /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= 100)) {
    return { ok: false, error: invalidParam('limit', 'This value must be between 1 and 100.', 'parameter_invalid_integer') };
  }
  const after = params.get('starting_after') || undefined;
  const before = params.get('ending_before') || undefined;
  if (after && before) {
    return {
      ok: false,
      error: invalidParam('ending_before', 'You may only specify one of these parameters: starting_after, ending_before.'),
    };
  }
  const cursorId = after ?? before;
  if (cursorId === undefined) return { ok: true, data: filtered.slice(0, limit), hasMore: filtered.length > limit };
  const cursor = position.get(cursorId);
  if (cursor === undefined) {
    return {
      ok: false,
      error: invalidParam(after ? 'starting_after' : 'ending_before', `No such ${kind}: '${cursorId}'`, 'resource_missing'),
    };
  }
  if (after) {
    const rest = filtered.filter((item) => position.get(item.id)! > cursor);
    return { ok: true, data: rest.slice(0, limit), hasMore: rest.length > limit };
  }
  const earlier = filtered.filter((item) => position.get(item.id)! < cursor);
  const start = Math.max(0, earlier.length - limit);
  return { ok: true, data: earlier.slice(start), hasMore: start > 0 };
}

export function positions<T extends { id: string }>(all: T[]): Map<string, number> {
  return new Map(all.map((item, index) => [item.id, index]));
}

/** `expand[]` values; list endpoints name them with a `data.` prefix. */
export function expansions(params: URLSearchParams): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of params) {
    if (key === 'expand[]' || /^expand\[\d+\]$/.test(key)) out.add(value.replace(/^data\./, ''));
  }
  return out;
}
