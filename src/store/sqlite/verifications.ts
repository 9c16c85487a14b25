/** The index of verifications (store/types.ts, VerificationRecord): upserts, a customer's rows, short ids. */
import type Database from 'better-sqlite3';
import type { ProviderName } from '../../domain/outcome.js';
import {
  UPSERT_VERIFICATION_SET,
  VERIFICATION_CHANGED,
  VERIFICATIONS_NEWEST_FIRST,
  toIndexedVerification,
  type VerificationRow,
} from '../rows.js';
import type { Store, VerificationRecord } from '../types.js';

type VerificationMethods = Pick<Store, 'recordVerifications' | 'verificationsOf' | 'getVerifications' | 'findIdsByPrefix'>;

const ms = (date: Date | null): number | null => (date === null ? null : date.getTime());

/** Upserts index rows; synchronous, so it runs inside a caller's transaction (commitObservations) as well as on its own. */
export function verificationWriter(db: Database.Database): (records: readonly VerificationRecord[], now: Date) => void {
  const upsert = db.prepare(
    `INSERT INTO verifications (provider, object_id, customer_ref, outcome, native, reason, started_at, decided_at, first_seen_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider, object_id) DO UPDATE SET ${UPSERT_VERIFICATION_SET}
     WHERE ${VERIFICATION_CHANGED}`,
  );
  return (records, now) => {
    const at = now.getTime();
    for (const r of records) {
      upsert.run(r.provider, r.objectId, r.customerRef, r.outcome, r.native, r.reason, ms(r.startedAt), ms(r.decidedAt), at, at);
    }
  };
}

export function sqliteVerifications(db: Database.Database): VerificationMethods {
  const write = verificationWriter(db);
  const record = db.transaction((records: readonly VerificationRecord[], now: Date) => write(records, now));
  const ofCustomer = db.prepare<[string, string, number], VerificationRow>(
    `SELECT * FROM verifications WHERE customer_ref = ? AND provider = ? ORDER BY ${VERIFICATIONS_NEWEST_FIRST} LIMIT ?`,
  );
  const byIds = db.prepare<[string, string], VerificationRow>(
    'SELECT * FROM verifications WHERE provider = ? AND object_id IN (SELECT value FROM json_each(?))',
  );
  // Ids hold only 0-9, a-f and '-', all below 'g': [prefix, prefix + 'g') is every id that starts with it.
  const sessions = db.prepare<[string, string, number], { id: string }>(
    `SELECT object_id AS id FROM verifications WHERE provider = 'loveandpay' AND object_id >= ? AND object_id < ? ORDER BY object_id LIMIT ?`,
  );
  const customers = db.prepare<[string, string, number], { id: string }>(
    `SELECT DISTINCT customer_ref AS id FROM verifications WHERE customer_ref >= ? AND customer_ref < ? ORDER BY customer_ref LIMIT ?`,
  );
  return {
    async recordVerifications(records, now) {
      if (records.length > 0) record.immediate(records, now);
    },
    async verificationsOf({ provider, customerRef, limit }: { provider: ProviderName; customerRef: string; limit: number }) {
      return ofCustomer.all(customerRef, provider, Math.max(0, Math.floor(limit))).map(toIndexedVerification);
    },
    async getVerifications(provider, objectIds) {
      if (objectIds.length === 0) return [];
      return byIds.all(provider, JSON.stringify(objectIds)).map(toIndexedVerification);
    },
    async findIdsByPrefix(prefix, limit) {
      const low = prefix.toLowerCase();
      const high = `${low}g`;
      return {
        sessions: sessions.all(low, high, limit).map((row) => row.id),
        customers: customers.all(low, high, limit).map((row) => row.id),
      };
    },
  };
}
