/**
 * Change detection: observed outcomes, sweep cursors and the commit that
 * queues alerts. A commit is a fixed handful of statements whatever its
 * size (arrays through unnest), so a 10,000-session baseline stays cheap.
 */
import type pg from 'pg';
import { alertRecipients, checkEvent } from '../alert-queue.js';
import type { Observation, Store } from '../types.js';
import { readRecipientSource } from './subscriptions.js';
import { inTransaction } from './transaction.js';

type ObservationMethods = Pick<Store, 'knownObjectIds' | 'getCursor' | 'setCursor' | 'commitObservations'>;

const PUT_CURSOR = `INSERT INTO cursors (key, value, updated_at) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;

const RECORD = `INSERT INTO observations (provider, object_id, outcome, native, first_seen_at)
  SELECT p, o, c, n, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(p, o, c, n, i)
  ORDER BY i
  ON CONFLICT DO NOTHING
  RETURNING provider, object_id, outcome`;

const QUEUE = `INSERT INTO outbox (platform, chat_id, provider, object_id, outcome, event, status, created_at, due_at)
  SELECT pl, ch, p, o, c, e::jsonb, 'pending', $7, $7
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(pl, ch, p, o, c, e, i)
  ORDER BY i
  ON CONFLICT DO NOTHING
  RETURNING id`;

const key = (provider: string, objectId: string, outcome: string) => `${provider}\u0000${objectId}\u0000${outcome}`;

const byKey = (a: Observation, b: Observation) => compare(key(a.provider, a.objectId, a.outcome), key(b.provider, b.objectId, b.outcome));

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function postgresObservations(pool: pg.Pool): ObservationMethods {
  return {
    async knownObjectIds(provider, outcome, objectIds) {
      if (objectIds.length === 0) return new Set();
      const { rows } = await pool.query<{ object_id: string }>(
        'SELECT object_id FROM observations WHERE provider = $1 AND outcome = $2 AND object_id = ANY($3::text[])',
        [provider, outcome, objectIds],
      );
      return new Set(rows.map((row) => row.object_id));
    },
    async getCursor<T>(cursorKey: string) {
      const { rows } = await pool.query<{ value: string }>('SELECT value FROM cursors WHERE key = $1', [cursorKey]);
      return rows[0] ? (JSON.parse(rows[0].value) as T) : null;
    },
    async setCursor(cursorKey, value) {
      await pool.query(PUT_CURSOR, [cursorKey, JSON.stringify(value ?? null), new Date()]);
    },
    async commitObservations(input) {
      return inTransaction(pool, async (client) => {
        for (const observation of input.observations) if (observation.event) checkEvent(observation, observation.event);
        // Rows in key order: two replicas committing overlapping batches then lock them in the same
        // order and one waits for the other instead of deadlocking (a stable sort keeps duplicates' order).
        const observations = [...input.observations].sort(byKey);
        let newOutcomes = 0;
        let queued = 0;
        if (observations.length > 0) {
          const columns = [
            observations.map((o) => o.provider),
            observations.map((o) => o.objectId),
            observations.map((o) => o.outcome),
            observations.map((o) => o.native),
          ];
          const recorded = await client.query<{ provider: string; object_id: string; outcome: string }>(RECORD, [
            ...columns,
            input.now,
          ]);
          const fresh = new Set(recorded.rows.map((row) => key(row.provider, row.object_id, row.outcome)));
          newOutcomes = fresh.size;
          // Alerts keep the caller's order (say, the order events happened in): outbox ids are delivery order.
          if (input.announce) queued = await queueAlerts(client, input.observations, fresh, input.now);
        }
        for (const [cursorKey, value] of Object.entries(input.cursors ?? {})) {
          await client.query(PUT_CURSOR, [cursorKey, JSON.stringify(value ?? null), input.now]);
        }
        return { newOutcomes, queued };
      });
    },
  };
}

async function queueAlerts(client: pg.PoolClient, observations: Observation[], fresh: Set<string>, now: Date): Promise<number> {
  // The first observation of a new outcome is the one recorded, as in a row-by-row commit.
  const announced = observations.filter((o) => fresh.delete(key(o.provider, o.objectId, o.outcome)) && o.event);
  if (announced.length === 0) return 0;
  const recipients = await readRecipientSource(client);
  const rows: string[][] = [];
  for (const observation of announced) {
    const event = observation.event!;
    const json = JSON.stringify(event);
    for (const chat of alertRecipients(recipients, event, observation.alsoNotify)) {
      rows.push([chat.platform, chat.chatId, observation.provider, observation.objectId, observation.outcome, json]);
    }
  }
  if (rows.length === 0) return 0;
  // No lock-order worry here: only the transaction that recorded an outcome queues its rows.
  const columns = [0, 1, 2, 3, 4, 5].map((column) => rows.map((row) => row[column]!));
  const { rowCount } = await client.query(QUEUE, [...columns, now]);
  return rowCount ?? 0;
}
