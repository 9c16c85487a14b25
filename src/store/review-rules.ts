/**
 * What a review action does to an item, the same for every store (pure):
 * Take puts an open or taken item in the taker's hands (taking over from
 * someone else is allowed: people hand work over); Resolve closes an open or
 * taken item, or changes the reason and note of one a person resolved;
 * Reopen puts a taken or resolved item back in the queue. An item a later
 * APPROVED closed is done: nothing changes it.
 */
import type { ReviewChange, ReviewInput, ReviewItem } from './card-types.js';

export type ReviewStep = { ok: true; item: ReviewItem; change: ReviewChange } | { ok: false; problem: 'approved' | 'resolved' | 'unchanged' };

export function applyReviewAction(item: ReviewItem, input: ReviewInput): ReviewStep {
  if (item.reason === 'approved') return { ok: false, problem: 'approved' };
  const at = input.now;
  const change: ReviewChange = {
    action: input.action,
    by: input.by,
    at: at.toISOString(),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  const next = (patch: Partial<ReviewItem>): ReviewStep => ({ ok: true, item: { ...item, ...patch, version: item.version + 1 }, change });
  const sameActor = item.reviewer?.platform === input.by.platform && item.reviewer.userId === input.by.userId;
  switch (input.action) {
    case 'take':
      if (item.status === 'resolved') return { ok: false, problem: 'resolved' };
      if (item.status === 'taken' && sameActor) return { ok: false, problem: 'unchanged' };
      return next({ status: 'taken', reviewer: input.by, takenAt: at });
    case 'resolve': {
      const note = input.note ?? (item.status === 'resolved' ? item.note : null);
      if (item.status === 'resolved' && item.reason === input.reason && note === item.note) return { ok: false, problem: 'unchanged' };
      return next({ status: 'resolved', resolvedBy: input.by, resolvedAt: at, reason: input.reason ?? null, note });
    }
    case 'reopen':
      if (item.status === 'open') return { ok: false, problem: 'unchanged' };
      return next({ status: 'open', reviewer: null, takenAt: null, resolvedBy: null, resolvedAt: null, reason: null, note: null });
  }
}

/** The outbox's unique key for a change's card updates: each version once per chat. */
export const reviewChangeKey = (version: number): string => `review:${version}`;
