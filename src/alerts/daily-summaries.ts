/**
 * Queues each chat's daily summary into the outbox when its time has come
 * (stats/summary-schedule.ts). Any replica may do it at any time, as often as
 * it likes: the outbox keeps one row per chat and day (store/stats-types.ts),
 * so a summary is posted once however many replicas, restarts and ticks
 * there are. A day already queued is seen by a read first, so the ticks
 * after the time do not each take SQLite's write lock for an insert that
 * does nothing. Delivery then takes it like an alert (deliver-outbox.ts).
 */
import type { Logger } from '../log.js';
import { dueSummaryDay } from '../stats/summary-schedule.js';
import type { Store } from '../store/types.js';

/** Queues every summary due at `now` and not yet queued; returns how many it queued. */
export async function queueDueSummaries(store: Store, now: Date, logger: Logger): Promise<number> {
  let queued = 0;
  for (const schedule of await store.listSummaries()) {
    const day = dueSummaryDay(schedule, now);
    if (day === null || (await store.summaryQueued(schedule.chat, day))) continue;
    const order = { day, timeZone: schedule.timeZone, locale: schedule.locale, providers: schedule.providers };
    if (await store.queueSummary({ chat: schedule.chat, order, now })) {
      queued += 1;
      logger.info({ platform: schedule.chat.platform, chatId: schedule.chat.chatId, day }, 'daily summary queued');
    }
  }
  return queued;
}
