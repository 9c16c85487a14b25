/**
 * The lag from a webhook event to the chat send (DESIGN.md, "Provider
 * webhooks"; /metrics): an alert a webhook announced carries the event's
 * time (AlertEvent.webhookAt) in its outbox row. The store the delivery loop
 * uses is wrapped so that rows it claims are remembered with that time and
 * measured when marked sent, whatever the delivery does in between.
 */
import type { OutboxEntry, Store, WebhookProvider } from '../store/types.js';

/** Rows claimed and not yet sent that are remembered at most (a chat disabled meanwhile never marks its rows). */
const REMEMBERED_AT_MOST = 10_000;

export type LagObserver = (provider: WebhookProvider, lagMs: number) => void;

export function measuringWebhookLag(store: Store, observe: LagObserver): Store {
  const claimed = new Map<number, { provider: WebhookProvider; at: number }>();
  const remember = (entries: OutboxEntry[]) => {
    for (const { id, event } of entries) {
      const at = event.webhookAt ? Date.parse(event.webhookAt) : Number.NaN;
      if (Number.isNaN(at) || (event.provider !== 'loveandpay' && event.provider !== 'stripe')) continue;
      claimed.delete(id);
      claimed.set(id, { provider: event.provider, at });
      if (claimed.size > REMEMBERED_AT_MOST) claimed.delete(claimed.keys().next().value!);
    }
    return entries;
  };
  return {
    ...store,
    claimOutbox: async (input) => remember(await store.claimOutbox(input)),
    markSent: async (ids, now, ...rest) => {
      await store.markSent(ids, now, ...rest);
      for (const id of ids) {
        const row = claimed.get(id);
        if (!row) continue;
        claimed.delete(id);
        observe(row.provider, Math.max(0, now.getTime() - row.at));
      }
    },
    markFailed: async (ids, input) => {
      await store.markFailed(ids, input);
      for (const id of ids) claimed.delete(id);
    },
  };
}
