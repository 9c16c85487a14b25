/**
 * Turns one chat's pending alerts into the messages that carry them: up to
 * five go one by one; more become digests. A digest names as many alerts as
 * one message of the chat's platform can show whole — as its sender says
 * (ChatSender.fits, measured with the very render it then sends), so no
 * renderer ever has to cut an alert off — and says how many follow ("… and N
 * more in the next message"), so every alert is named in some message and
 * none is over a platform limit.
 */
import type { ListItem, Reply } from '../domain/reply.js';
import type { OutboxEntry } from '../store/types.js';
import { alertPresenter, alertReply, digestItem, digestReply, type AlertPresenter, type AlertView } from './alert-reply.js';
import { changeReply } from './card-reply.js';

/** More pending alerts than this for one chat become a digest (issue 6, "Delivery"). */
export const DIGEST_THRESHOLD = 5;

export interface PlannedMessage {
  /** The outbox rows this message delivers, oldest first. */
  entries: OutboxEntry[];
  reply: Reply;
}

/** Whether one message shows every item of a reply (ChatSender.fits). */
export type Fits = (reply: Reply) => boolean;

export interface PlanOptions {
  /** Digests even for a few alerts (alerts held by quiet hours arrive as one). */
  digest?: boolean;
  /** A link to the card of an entry's verification in this chat, where one exists; a digest item links to it. */
  cardLink?: (entry: OutboxEntry) => string | undefined;
  /** The link's label. */
  cardLabel?: string;
}

/** True when these entries go out as digests rather than one message each. */
export const isDigestRound = (count: number, options: PlanOptions = {}): boolean => count > DIGEST_THRESHOLD || (options.digest === true && count > 1);

export function planMessages(entries: OutboxEntry[], view: AlertView, fits: Fits, options: PlanOptions = {}): PlannedMessage[] {
  const presenter = alertPresenter(view);
  if (!isDigestRound(entries.length, options)) {
    return entries.map((entry) => ({ entries: [entry], reply: alertReply(entry.event, presenter) }));
  }
  const items = entries.map((entry) => {
    const item = digestItem(entry.event, presenter);
    // A review action is told by what changed, not by the alert it changes.
    if (entry.change) item.text = changeReply(entry, presenter).title;
    const url = options.cardLink?.(entry);
    return url ? { ...item, links: [...(item.links ?? []), { label: options.cardLabel ?? 'Card', url }] } : item;
  });
  const messages: PlannedMessage[] = [];
  let guess = FIRST_GUESS;
  for (let start = 0; start < entries.length; ) {
    const { count, reply } = largestFitting(items, start, guess, fits, presenter);
    const end = start + count;
    messages.push({ entries: entries.slice(start, end), reply });
    start = end;
    guess = count;
  }
  return messages;
}

/** Where the search for a digest's size starts; later digests start from the size of the one before. */
const FIRST_GUESS = 16;

/**
 * The most items from `start` that one message shows whole (at least one, so
 * delivery always moves on), with the digest that shows them: doubles from a
 * guess until a size fails, then halves the gap, so a digest costs a handful
 * of renders however long the queue. The digest returned is the very Reply
 * that was measured, so the sender reuses its render.
 */
function largestFitting(items: ListItem[], start: number, guess: number, fits: Fits, p: AlertPresenter): { count: number; reply: Reply } {
  const available = items.length - start;
  const digests = new Map<number, Reply>();
  const digest = (count: number): Reply => {
    let reply = digests.get(count);
    if (!reply) {
      reply = digestReply(items.slice(start, start + count), available - count, p);
      digests.set(count, reply);
    }
    return reply;
  };
  const fitting = (count: number) => fits(digest(count));
  const result = (count: number) => ({ count, reply: digest(count) });
  let low = 1;
  let high = Math.min(available, Math.max(1, guess));
  while (high < available && fitting(high)) {
    low = high;
    high = Math.min(available, high * 2);
  }
  if (high === available && fitting(high)) return result(high);
  // low fits (or is 1); high does not.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fitting(mid)) low = mid;
    else high = mid;
  }
  return result(low);
}
