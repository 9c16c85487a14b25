/**
 * Turns one chat's pending alerts into the messages that carry them: up to
 * five go one by one; more become digests. A digest names as many alerts as
 * one message of that platform can show whole — measured with the very
 * renderers the senders use, so no renderer ever has to cut an alert off —
 * and says how many follow ("… and N more in the next message"), so every
 * alert is named in some message and none is over a platform limit.
 */
import type { ListItem, Reply } from '../domain/reply.js';
import type { ChatPlatform, OutboxEntry } from '../store/types.js';
import { renderSlack } from '../views/slack.js';
import { renderTelegram } from '../views/telegram.js';
import { alertPresenter, alertReply, digestItem, digestReply, type AlertPresenter, type AlertView } from './alert-reply.js';

/** More pending alerts than this for one chat become a digest (issue 6, "Delivery"). */
export const DIGEST_THRESHOLD = 5;

export interface PlannedMessage {
  /** The outbox rows this message delivers, oldest first. */
  entries: OutboxEntry[];
  reply: Reply;
}

export function planMessages(entries: OutboxEntry[], platform: ChatPlatform, view: AlertView): PlannedMessage[] {
  const presenter = alertPresenter(view);
  if (entries.length <= DIGEST_THRESHOLD) {
    return entries.map((entry) => ({ entries: [entry], reply: alertReply(entry.event, presenter) }));
  }
  const items = entries.map((entry) => digestItem(entry.event, presenter));
  const messages: PlannedMessage[] = [];
  let guess = FIRST_GUESS;
  for (let start = 0; start < entries.length; ) {
    const count = largestFitting(items, start, guess, platform, presenter);
    const end = start + count;
    messages.push({ entries: entries.slice(start, end), reply: digestReply(items.slice(start, end), items.length - end, presenter) });
    start = end;
    guess = count;
  }
  return messages;
}

/** Where the search for a digest's size starts; later digests start from the size of the one before. */
const FIRST_GUESS = 16;

/**
 * The most items from `start` that one message shows whole (at least one, so
 * delivery always moves on): doubles from a guess until a size fails, then
 * halves the gap, so a digest costs a handful of renders however long the queue.
 */
function largestFitting(items: ListItem[], start: number, guess: number, platform: ChatPlatform, p: AlertPresenter): number {
  const available = items.length - start;
  const fits = (count: number) =>
    fitsOneMessage(digestReply(items.slice(start, start + count), available - count, p), platform, p.view);
  let low = 1;
  let high = Math.min(available, Math.max(1, guess));
  while (high < available && fits(high)) {
    low = high;
    high = Math.min(available, high * 2);
  }
  if (high === available && fits(high)) return high;
  // low fits (or is 1); high does not.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/** True when the platform's renderer shows every item of the reply in one message. */
export function fitsOneMessage(reply: Reply, platform: ChatPlatform, view: AlertView): boolean {
  const items = reply.items?.length ?? 0;
  switch (platform) {
    case 'slack': {
      const message = renderSlack(reply, { locale: view.locale });
      const shown = message.blocks.filter((block) => block.type === 'section' && block.accessory !== undefined).length;
      return shown === items;
    }
    case 'telegram': {
      const message = renderTelegram(reply, view.locale);
      const buttons = message.keyboard.flat().filter((button) => 'command' in button).length;
      return message.chunks.length === 1 && buttons >= items;
    }
    case 'console':
      return true;
  }
}
