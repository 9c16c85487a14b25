/**
 * An alert card as it lives (DESIGN.md, "Alert cards and the review
 * queue"): the alert (alert-reply.ts) with, for a DECLINED verification, its
 * review state and the buttons that move it (Take, Resolve, Reopen), and the
 * one short line each later change adds in the card's thread. Every chat's
 * copy is rendered from the same store state, so all copies show the same.
 */
import type { Action, Reply } from '../domain/reply.js';
import { outcomeWord } from '../present/badge.js';
import { REVIEW_STRINGS, type ReviewStrings } from '../present/i18n/review.js';
import { pick } from '../present/i18n/pick.js';
import { reviewCommand, type ReviewVerb } from '../present/review-commands.js';
import type { Actor, ReviewChange, ReviewItem } from '../store/card-types.js';
import type { AlertEvent, OutboxEntry } from '../store/types.js';
import { alertReply, type AlertPresenter } from './alert-reply.js';

const strings = (p: AlertPresenter): ReviewStrings => pick(REVIEW_STRINGS, p.view.locale);

const nameOf = (actor: Actor): string => (actor.name.startsWith('@') ? actor.name : `@${actor.name}`);

const clocks = new Map<string, Intl.DateTimeFormat>();

/** "14:05" in the display zone: a card's times are today's, the day is in the alert's own fields. */
function clock(at: Date | string, p: AlertPresenter): string {
  const key = `${p.view.locale} ${p.view.timeZone}`;
  let format = clocks.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(p.view.locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: p.view.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(key, format);
  }
  return format.format(typeof at === 'string' ? new Date(at) : at);
}

/** The card for a verification: its latest alert and, when it is a work item, who has it and the buttons that move it. */
export function cardReply(event: AlertEvent, item: ReviewItem | undefined, p: AlertPresenter): Reply {
  const card = alertReply(item?.event ?? event, p);
  if (!item) return card;
  const r = strings(p);
  const note = (text: string) => ({ tone: 'info' as const, text });
  const buttons: Action[] = [];
  const button = (label: string, action: ReviewVerb) => buttons.push({ label, command: reviewCommand(action, item), role: 'open' });
  let state: string;
  if (item.reason === 'approved') {
    state = r.state.approved(item.reviewer ? nameOf(item.reviewer) : null);
  } else if (item.status === 'resolved') {
    state = r.state.resolved(item.resolvedBy ? nameOf(item.resolvedBy) : '—', reasonText(item.reason, r));
    button(r.buttons.reopen, 'reopen');
  } else if (item.status === 'taken' && item.reviewer && item.takenAt) {
    state = r.state.reviewing(nameOf(item.reviewer), clock(item.takenAt, p));
    button(r.buttons.resolve, 'resolve');
    button(r.buttons.reopen, 'reopen');
  } else {
    state = r.state.open;
    button(r.buttons.take, 'take');
    button(r.buttons.resolve, 'resolve');
  }
  const notes = [note(state), ...(item.note && item.reason !== 'approved' ? [note(r.state.note(item.note))] : [])];
  return { ...card, notes: [...(card.notes ?? []), ...notes], actions: [...(card.actions ?? []), ...buttons] };
}

/** The line a change adds in its card's thread: a new outcome, or a person's review action. */
export function changeReply(entry: OutboxEntry, p: AlertPresenter): Reply {
  return { kind: 'ok', title: entry.change ? reviewChangeText(entry.change, p) : outcomeChangeText(entry.event, entry.createdAt, p) };
}

function outcomeChangeText(event: AlertEvent, queuedAt: Date, p: AlertPresenter): string {
  return strings(p).thread.outcome(outcomeWord(event.outcome, p.view.locale), event.native, clock(event.occurredAt ?? queuedAt, p));
}

function reviewChangeText(change: ReviewChange, p: AlertPresenter): string {
  const r = strings(p);
  const who = nameOf(change.by);
  const at = clock(change.at, p);
  switch (change.action) {
    case 'take':
      return r.thread.take(who, at);
    case 'resolve': {
      const reason = reasonText(change.reason ?? null, r);
      return r.thread.resolve(who, at, change.note ? `${reason} · ${change.note}` : reason);
    }
    case 'reopen':
      return r.thread.reopen(who, at);
  }
}

function reasonText(reason: ReviewItem['reason'], r: ReviewStrings): string {
  return reason && reason !== 'approved' ? r.reasons[reason] : '—';
}
