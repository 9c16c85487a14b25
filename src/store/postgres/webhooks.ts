/**
 * Provider webhook events (store/webhook-types.ts), the outcomes only a
 * webhook has committed so far, and the "alerts queued" signal between
 * replicas: NOTIFY on a channel of KYC Desk's own, heard by a LISTEN
 * connection that each store opens when its first listener arrives and
 * opens again (after a second) when it is lost
 * (postgresql.org/docs/current/sql-notify.html: a notification sent inside
 * a transaction is delivered when it commits, and every listening session
 * gets it, the sender's own included).
 */
import pg from 'pg';
import type { Logger } from '../../log.js';
import { MAX_ERROR_LENGTH } from '../rows.js';
import type { Observation } from '../types.js';
import { toWebhookEvent, WEBHOOK_EVENT_COLUMNS, type WebhookEventRow } from '../webhook-rows.js';
import type { WebhookStore } from '../webhook-types.js';

/** The NOTIFY channel: one name per database, so every replica of this app on it hears it. */
const ALERTS_QUEUED = 'kyc_desk_alerts_queued';
const RELISTEN_AFTER_MS = 1_000;

// Due and not held: never claimed, a retry whose time came, or a lease that ran out (its worker died).
// SKIP LOCKED: two replicas claiming at once never take one event both.
const CLAIM = `UPDATE webhook_events SET claimed_by = $1, lease_until = $3, attempts = attempts + 1
  WHERE (provider, event_id) IN (
    SELECT provider, event_id FROM webhook_events
    WHERE status = 'pending' AND due_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
    ORDER BY due_at
    LIMIT $4
    FOR UPDATE SKIP LOCKED)
  RETURNING ${WEBHOOK_EVENT_COLUMNS}`;

export interface PostgresWebhooks extends WebhookStore {
  /** Ends the LISTEN connection, if one is open. */
  close(): Promise<void>;
}

export function postgresWebhooks(pool: pg.Pool, connection: pg.ClientConfig, logger: Logger): PostgresWebhooks {
  const listeners = new Set<() => void>();
  let listening: pg.Client | null = null;
  let relisten: NodeJS.Timeout | null = null;
  let closed = false;

  const listen = async () => {
    relisten = null;
    if (closed || listening || listeners.size === 0) return;
    const client = new pg.Client(connection);
    const lost = (error?: Error) => {
      if (listening !== client) return;
      listening = null;
      client.end().catch(() => undefined);
      if (error) logger.warn({ error: error.message }, 'PostgreSQL: the LISTEN connection failed; listening again shortly');
      if (!closed && listeners.size > 0) relisten ??= setTimeout(() => void listen(), RELISTEN_AFTER_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== ALERTS_QUEUED) return;
      for (const listener of listeners) listener();
    });
    listening = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${ALERTS_QUEUED}`);
    } catch (error) {
      lost(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    async recordWebhookEvent({ event, worker, leaseMs, now }) {
      const result = await pool.query(
        `INSERT INTO webhook_events
           (provider, event_id, type, object_id, occurred_at, received_at, observation, status, attempts, due_at, claimed_by, lease_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 1, $6, $8, $9)
         ON CONFLICT DO NOTHING`,
        [
          event.provider,
          event.eventId,
          event.type,
          event.objectId,
          event.occurredAt,
          now,
          event.observation ? JSON.stringify(event.observation) : null,
          worker,
          new Date(now.getTime() + leaseMs),
        ],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async claimWebhookEvents({ worker, limit, leaseMs, now }) {
      if (limit <= 0) return [];
      const { rows } = await pool.query<WebhookEventRow>(CLAIM, [worker, now, new Date(now.getTime() + leaseMs), limit]);
      return rows.map(toWebhookEvent).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    },
    async finishWebhookEvent({ provider, eventId }, { result, now }) {
      await pool.query(
        `UPDATE webhook_events SET status = 'finished', result = $1, finished_at = $2, claimed_by = NULL, lease_until = NULL
         WHERE provider = $3 AND event_id = $4`,
        [result, now, provider, eventId],
      );
    },
    async retryWebhookEvent({ provider, eventId }, { error, retryAt }) {
      await pool.query(
        `UPDATE webhook_events SET due_at = $1, last_error = $2, claimed_by = NULL, lease_until = NULL
         WHERE provider = $3 AND event_id = $4 AND status = 'pending'`,
        [retryAt, error.slice(0, MAX_ERROR_LENGTH), provider, eventId],
      );
    },
    async latestWebhookEventAt({ provider, eventId, objectId }) {
      const { rows } = await pool.query<{ at: Date | null }>(
        'SELECT max(occurred_at) AS at FROM webhook_events WHERE provider = $1 AND object_id = $2 AND event_id <> $3',
        [provider, objectId, eventId],
      );
      return rows[0]?.at ?? null;
    },
    async webhookEventsPending() {
      const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_events WHERE status = 'pending'");
      return rows[0]?.n ?? 0;
    },
    async notifyAlertsQueued() {
      await pool.query('SELECT pg_notify($1, $2)', [ALERTS_QUEUED, '']);
    },
    onAlertsQueued(listener) {
      listeners.add(listener);
      void listen();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && listening) {
          const client = listening;
          listening = null;
          void client.end().catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      if (relisten) clearTimeout(relisten);
      const client = listening;
      listening = null;
      await client?.end().catch(() => undefined);
    },
  };
}

const REMEMBER = `INSERT INTO unswept_outcomes (provider, object_id, outcome, recorded_at)
  SELECT p, o, c, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(p, o, c)
  ON CONFLICT DO NOTHING`;

const FORGET = `DELETE FROM unswept_outcomes u USING unnest($1::text[], $2::text[], $3::text[]) AS t(p, o, c)
  WHERE u.provider = t.p AND u.object_id = t.o AND u.outcome = t.c`;

/**
 * What commitObservations does about outcomes a webhook committed (see
 * CommitObservations.fromWebhook), in the commit's transaction: a webhook's
 * commit remembers its new ones as not yet counted by a sweep (`fresh`); any
 * other commit forgets those it records again (`all`).
 */
export async function trackUnswept(
  client: pg.PoolClient,
  input: { fromWebhook: boolean; fresh: Observation[]; all: Observation[]; now: Date },
): Promise<void> {
  const rows = input.fromWebhook ? input.fresh : input.all;
  if (rows.length === 0) return;
  const columns = [rows.map((o) => o.provider), rows.map((o) => o.objectId), rows.map((o) => o.outcome)];
  if (input.fromWebhook) await client.query(REMEMBER, [...columns, input.now]);
  else await client.query(FORGET, columns);
}
