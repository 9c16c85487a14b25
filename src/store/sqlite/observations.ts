/** Change detection: observed outcomes, sweep cursors and the commit that queues alerts. */
import type Database from 'better-sqlite3';
import { alertRecipients, checkEvent, scheduleFor, type RecipientSource } from '../alert-queue.js';
import type { Store } from '../types.js';
import { NOT_UNSWEPT } from '../webhook-rows.js';
import { sqliteCardQueue } from './cards.js';
import { recipientSourceReader } from './subscriptions.js';
import { verificationWriter } from './verifications.js';
import { sqliteUnswept } from './webhooks.js';

type ObservationMethods = Pick<Store, 'knownObjectIds' | 'allKnownObjectIds' | 'getCursor' | 'setCursor' | 'commitObservations'>;

export function sqliteObservations(db: Database.Database): ObservationMethods {
  const known = db.prepare<[string, string, string], { object_id: string }>(
    `SELECT object_id FROM observations
     WHERE provider = ? AND outcome = ? AND object_id IN (SELECT value FROM json_each(?)) AND ${NOT_UNSWEPT}`,
  );
  const allKnown = db
    .prepare<[string, string], string>(`SELECT object_id FROM observations WHERE provider = ? AND outcome = ? AND ${NOT_UNSWEPT}`)
    .pluck();
  const getCursor = db.prepare<[string], { value: string }>('SELECT value FROM cursors WHERE key = ?');
  const putCursor = db.prepare(
    `INSERT INTO cursors (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const insertObservation = db.prepare(
    `INSERT INTO observations (provider, object_id, outcome, native, first_seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const cards = sqliteCardQueue(db);
  const readRecipients = recipientSourceReader(db);
  const writeVerifications = verificationWriter(db);
  const trackUnswept = sqliteUnswept(db);
  const writeCursor = (key: string, value: unknown, now: number) => {
    putCursor.run(key, JSON.stringify(value ?? null), now);
  };

  const commit = db.transaction((input: Parameters<Store['commitObservations']>[0]) => {
    const now = input.now.getTime();
    let recipients: RecipientSource | undefined;
    let newOutcomes = 0;
    let queued = 0;
    const unswept = trackUnswept(input.fromWebhook === true, now);
    for (const observation of input.observations) {
      const { provider, objectId, outcome, native, event } = observation;
      if (event) checkEvent(observation, event);
      const isNew = insertObservation.run(provider, objectId, outcome, native, now).changes > 0;
      unswept(observation, isNew);
      if (!isNew) continue;
      newOutcomes += 1;
      if (!input.announce || !event) continue;
      recipients ??= readRecipients();
      cards.recordOutcome(event, now);
      for (const chat of alertRecipients(recipients, event, observation.alsoNotify, cards.toldChats(provider, objectId))) {
        queued += cards.queueRow(chat, outcome, event, scheduleFor(recipients, chat, event, input.now), now);
      }
    }
    if (input.verifications) writeVerifications(input.verifications, input.now);
    for (const [key, value] of Object.entries(input.cursors ?? {})) writeCursor(key, value, now);
    return { newOutcomes, queued };
  });

  return {
    async knownObjectIds(provider, outcome, objectIds) {
      if (objectIds.length === 0) return new Set();
      return new Set(known.all(provider, outcome, JSON.stringify(objectIds)).map((row) => row.object_id));
    },
    async allKnownObjectIds(provider, outcome) {
      return new Set(allKnown.all(provider, outcome));
    },
    async getCursor<T>(key: string) {
      const row = getCursor.get(key);
      return row ? (JSON.parse(row.value) as T) : null;
    },
    async setCursor(key, value) {
      writeCursor(key, value, Date.now());
    },
    async commitObservations(input) {
      return commit.immediate(input);
    },
  };
}
