/**
 * Provider webhook events (store/webhook-types.ts), the outcomes only a
 * webhook has committed so far, and the "alerts queued" signal, which in
 * SQLite reaches this store object's listeners only: processes sharing the
 * file find new alerts at their next look at the outbox.
 */
import type Database from 'better-sqlite3';
import { MAX_ERROR_LENGTH } from '../rows.js';
import type { Observation } from '../types.js';
import { toWebhookEvent, WEBHOOK_EVENT_COLUMNS, type WebhookEventRow } from '../webhook-rows.js';
import type { WebhookStore } from '../webhook-types.js';

export function sqliteWebhooks(db: Database.Database): WebhookStore {
  const record = db.prepare(
    `INSERT INTO webhook_events
       (provider, event_id, type, object_id, occurred_at, received_at, observation, status, attempts, due_at, claimed_by, lease_until)
     VALUES (@provider, @eventId, @type, @objectId, @occurredAt, @now, @observation, 'pending', 1, @now, @worker, @until)
     ON CONFLICT DO NOTHING`,
  );
  // Due and not held: never claimed, a retry whose time came, or a lease that ran out (its worker died).
  const claim = db.prepare<{ worker: string; now: number; until: number; limit: number }, WebhookEventRow>(
    `UPDATE webhook_events SET claimed_by = @worker, lease_until = @until, attempts = attempts + 1
     WHERE (provider, event_id) IN (
       SELECT provider, event_id FROM webhook_events
       WHERE status = 'pending' AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
       ORDER BY due_at
       LIMIT @limit)
     RETURNING ${WEBHOOK_EVENT_COLUMNS}`,
  );
  // Read first: most looks find nothing, and then take no write lock from other processes on the file.
  const anyDue = db.prepare<{ now: number }, { found: number }>(
    `SELECT 1 AS found FROM webhook_events
     WHERE status = 'pending' AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @now) LIMIT 1`,
  );
  const finish = db.prepare(
    `UPDATE webhook_events SET status = 'finished', result = ?, finished_at = ?, claimed_by = NULL, lease_until = NULL
     WHERE provider = ? AND event_id = ?`,
  );
  const retry = db.prepare(
    `UPDATE webhook_events SET due_at = ?, last_error = ?, claimed_by = NULL, lease_until = NULL
     WHERE provider = ? AND event_id = ? AND status = 'pending'`,
  );
  const latest = db.prepare<[string, string, string], { at: number | null }>(
    'SELECT max(occurred_at) AS at FROM webhook_events WHERE provider = ? AND object_id = ? AND event_id <> ?',
  );
  const pending = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM webhook_events WHERE status = 'pending'");
  const listeners = new Set<() => void>();

  return {
    async recordWebhookEvent({ event, worker, leaseMs, now }) {
      const at = now.getTime();
      const result = record.run({
        provider: event.provider,
        eventId: event.eventId,
        type: event.type,
        objectId: event.objectId,
        occurredAt: event.occurredAt.getTime(),
        observation: event.observation ? JSON.stringify(event.observation) : null,
        now: at,
        worker,
        until: at + leaseMs,
      });
      return result.changes > 0;
    },
    async claimWebhookEvents({ worker, limit, leaseMs, now }) {
      const at = now.getTime();
      if (limit <= 0 || !anyDue.get({ now: at })) return [];
      const rows = db.transaction(() => claim.all({ worker, now: at, until: at + leaseMs, limit })).immediate();
      // RETURNING gives no order guarantee (sqlite.org/lang_returning.html).
      return rows.map(toWebhookEvent).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    },
    async finishWebhookEvent({ provider, eventId }, { result, now }) {
      finish.run(result, now.getTime(), provider, eventId);
    },
    async retryWebhookEvent({ provider, eventId }, { error, retryAt }) {
      retry.run(retryAt.getTime(), error.slice(0, MAX_ERROR_LENGTH), provider, eventId);
    },
    async latestWebhookEventAt({ provider, eventId, objectId }) {
      const at = latest.get(provider, objectId, eventId)?.at ?? null;
      return at === null ? null : new Date(at);
    },
    async webhookEventsPending() {
      return pending.get()?.n ?? 0;
    },
    async notifyAlertsQueued() {
      for (const listener of listeners) listener();
    },
    onAlertsQueued(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Called once per observation of a commit, inside its transaction. */
export type UnsweptTracker = (observation: Observation, isNew: boolean) => void;

/**
 * What commitObservations does about outcomes a webhook committed (see
 * CommitObservations.fromWebhook): a webhook's commit remembers its new ones
 * as not yet counted by a sweep; any other commit forgets those it records
 * again (nothing to do, and not a statement spent, while none is remembered).
 */
export function sqliteUnswept(db: Database.Database): (fromWebhook: boolean, now: number) => UnsweptTracker {
  const remember = db.prepare(
    'INSERT INTO unswept_outcomes (provider, object_id, outcome, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const forget = db.prepare('DELETE FROM unswept_outcomes WHERE provider = ? AND object_id = ? AND outcome = ?');
  const any = db.prepare<[], { n: number }>('SELECT EXISTS (SELECT 1 FROM unswept_outcomes) AS n');
  return (fromWebhook, now) => {
    if (fromWebhook) {
      return ({ provider, objectId, outcome }, isNew) => {
        if (isNew) remember.run(provider, objectId, outcome, now);
      };
    }
    if (!any.get()?.n) return () => {};
    return ({ provider, objectId, outcome }) => void forget.run(provider, objectId, outcome);
  };
}
