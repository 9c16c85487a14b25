/**
 * Transactions on one pooled connection, and the advisory lock keys that
 * transactions (and the sweeper's session) take to run one at a time across
 * replicas.
 */
import type pg from 'pg';

/**
 * Advisory lock keys, in the two-int4 key space: (namespace, purpose). The
 * namespace keeps KYC Desk's locks apart from any other application's on a
 * shared database (postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS).
 */
export const LOCK = {
  /** "KYCD" in ASCII. */
  namespace: 0x4b594344,
  /** Transaction lock: one replica migrates at a time. */
  migrate: 1,
  /** Transaction lock: outbox claims run one at a time, so the one-worker-per-chat check cannot race. */
  claim: 2,
  /** Session lock: the one replica that sweeps. */
  sweeper: 3,
  /** Transaction lock: replicas starting together apply the static chat list one at a time. */
  staticSync: 4,
  /** Keys hashed from names (hashtext) live here, apart from the fixed purposes above. */
  hashedNamespace: 0x4b594345,
} as const;

/** Runs work in one transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // A connection that cannot roll back must not go back to the pool.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
