/**
 * The index of verifications (store/types.ts, VerificationRecord): upserts,
 * a customer's rows, short ids. An upsert is one statement whatever its size
 * (arrays through unnest), so a sweep's batch costs one round trip.
 */
import type pg from 'pg';
import {
  UPSERT_VERIFICATION_SET,
  VERIFICATION_CHANGED,
  VERIFICATIONS_NEWEST_FIRST,
  toIndexedVerification,
  type VerificationRow,
} from '../rows.js';
import type { Store, VerificationRecord } from '../types.js';

type VerificationMethods = Pick<Store, 'recordVerifications' | 'verificationsOf' | 'getVerifications' | 'findIdsByPrefix'>;

const UPSERT = `INSERT INTO verifications (provider, object_id, customer_ref, outcome, native, reason, started_at, decided_at, first_seen_at, updated_at)
  SELECT DISTINCT ON (p, o) p, o, c, oc, n, r, s, d, $9, $9
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
    WITH ORDINALITY AS t(p, o, c, oc, n, r, s, d, i)
  ORDER BY p, o, i DESC
  ON CONFLICT (provider, object_id) DO UPDATE SET ${UPSERT_VERIFICATION_SET}
  WHERE ${VERIFICATION_CHANGED}`;

/** Upserts index rows on any connection: the pool, or a transaction's client (commitObservations). */
export async function writeVerifications(db: pg.Pool | pg.PoolClient, records: readonly VerificationRecord[], now: Date): Promise<void> {
  if (records.length === 0) return;
  // One row per object (the last record wins, as row by row): ON CONFLICT cannot touch a row twice in one statement.
  await db.query(UPSERT, [
    records.map((r) => r.provider),
    records.map((r) => r.objectId),
    records.map((r) => r.customerRef),
    records.map((r) => r.outcome),
    records.map((r) => r.native),
    records.map((r) => r.reason),
    records.map((r) => r.startedAt),
    records.map((r) => r.decidedAt),
    now,
  ]);
}

export function postgresVerifications(pool: pg.Pool): VerificationMethods {
  return {
    recordVerifications: (records, now) => writeVerifications(pool, records, now),
    async verificationsOf({ provider, customerRef, limit }) {
      const { rows } = await pool.query<VerificationRow>(
        `SELECT * FROM verifications WHERE customer_ref = $1 AND provider = $2 ORDER BY ${VERIFICATIONS_NEWEST_FIRST} LIMIT $3`,
        [customerRef, provider, Math.max(0, Math.floor(limit))],
      );
      return rows.map(toIndexedVerification);
    },
    async getVerifications(provider, objectIds) {
      if (objectIds.length === 0) return [];
      const { rows } = await pool.query<VerificationRow>(
        'SELECT * FROM verifications WHERE provider = $1 AND object_id = ANY($2::text[])',
        [provider, objectIds],
      );
      return rows.map(toIndexedVerification);
    },
    async findIdsByPrefix(prefix, limit) {
      const low = prefix.toLowerCase();
      // Ids hold only 0-9, a-f and '-', all below 'g' (the columns compare byte-wise, COLLATE "C").
      const high = `${low}g`;
      const [sessions, customers] = await Promise.all([
        pool.query<{ id: string }>(
          `SELECT object_id AS id FROM verifications WHERE provider = 'loveandpay' AND object_id >= $1 AND object_id < $2 ORDER BY object_id LIMIT $3`,
          [low, high, limit],
        ),
        pool.query<{ id: string }>(
          'SELECT DISTINCT customer_ref AS id FROM verifications WHERE customer_ref >= $1 AND customer_ref < $2 ORDER BY customer_ref LIMIT $3',
          [low, high, limit],
        ),
      ]);
      return { sessions: sessions.rows.map((row) => row.id), customers: customers.rows.map((row) => row.id) };
    },
  };
}
