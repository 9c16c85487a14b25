/**
 * Change detection: observed outcomes, sweep cursors and the commit that
 * queues alerts. A commit is a fixed handful of statements whatever its
 * size (arrays through unnest), so a 10,000-session baseline stays cheap.
 */
import type pg from 'pg';
import { alertRecipients, checkEvent, scheduleFor } from '../alert-queue.js';
import type { Observation, Store } from '../types.js';
import { NOT_UNSWEPT } from '../webhook-rows.js';
import { objectKey, queueRows, recordOutcomes, toldChats, toldOf, type CardRowToQueue } from './cards.js';
import { readRecipientSource } from './subscriptions.js';
import { inTransaction } from './transaction.js';
import { writeVerifications } from './verifications.js';
import { trackUnswept } from './webhooks.js';

type ObservationMethods = Pick<Store, 'knownObjectIds' | 'allKnownObjectIds' | 'getCursor' | 'setCursor' | 'commitObservations'>;

const PUT_CURSOR = `INSERT INTO cursors (key, value, updated_at) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;

const RECORD = `INSERT INTO observations (provider, object_id, outcome, native, first_seen_at)
  SELECT p, o, c, n, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(p, o, c, n, i)
  ORDER BY i
  ON CONFLICT DO NOTHING
  RETURNING provider, object_id, outcome`;

const key = (provider: string, objectId: string, outcome: string) => `${provider}\u0000${objectId}\u0000${outcome}`;

const byKey = (a: Observation, b: Observation) => compare(key(a.provider, a.objectId, a.outcome), key(b.provider, b.objectId, b.outcome));

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function postgresObservations(pool: pg.Pool): ObservationMethods {
  return {
    async knownObjectIds(provider, outcome, objectIds) {
      if (objectIds.length === 0) return new Set();
      const { rows } = await pool.query<{ object_id: string }>(
        `SELECT object_id FROM observations WHERE provider = $1 AND outcome = $2 AND object_id = ANY($3::text[]) AND ${NOT_UNSWEPT}`,
        [provider, outcome, objectIds],
      );
      return new Set(rows.map((row) => row.object_id));
    },
    async allKnownObjectIds(provider, outcome) {
      const { rows } = await pool.query<{ object_id: string }>(
        `SELECT object_id FROM observations WHERE provider = $1 AND outcome = $2 AND ${NOT_UNSWEPT}`,
        [provider, outcome],
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
          await trackUnswept(client, {
            fromWebhook: input.fromWebhook === true,
            fresh: observations.filter((o) => fresh.has(key(o.provider, o.objectId, o.outcome))),
            all: observations,
            now: input.now,
          });
          // Alerts keep the caller's order (say, the order events happened in): outbox ids are delivery order.
          if (input.announce) queued = await queueAlerts(client, input.observations, fresh, input.now);
        }
        if (input.verifications) await writeVerifications(client, input.verifications, input.now);
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
  const told = await toldChats(client, announced);
  await recordOutcomes(client, announced.map((observation) => observation.event!), now);
  const recipients = await readRecipientSource(client);
  const rows: CardRowToQueue[] = [];
  for (const observation of announced) {
    const event = observation.event!;
    const chats = alertRecipients(recipients, event, observation.alsoNotify, toldOf(told, observation));
    for (const chat of chats) rows.push({ chat, key: observation.outcome, event, schedule: scheduleFor(recipients, chat, event, now) });
    // A later outcome of the same object in this batch goes to these chats too, as a row-by-row commit would do.
    told.set(objectKey(observation), chats);
  }
  // No lock-order worry here: only the transaction that recorded an outcome queues its rows.
  return queueRows(client, rows, now);
}
