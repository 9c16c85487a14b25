/**
 * Skips the wait for a killed process's leases. A SIGKILLed app leaves the
 * sweeper lease (15 s, src/alerts/index.ts) and its outbox claims (30 s) in
 * the SQLite file; the next process takes them over once they run out
 * (src/store/sqlite/leadership.ts, outbox.ts). Ten kills would spend minutes
 * waiting, so after the process is gone the test ends its leases, exactly
 * as time passing would: the lease row goes, and its claims' leases lie in
 * the past (status, claimant and attempts stay as the dead process left them).
 *
 * The leases are not configurable; see the report for the src change that
 * would make this helper unnecessary.
 */
import Database from 'better-sqlite3';

/** Call only after the process that held the leases has exited. */
export function expireDeadLeases(databaseFile: string): { leader: number; claimed: number } {
  const db = new Database(databaseFile, { timeout: 5_000 });
  try {
    const leader = db.prepare('DELETE FROM leadership').run().changes;
    const claimed = db.prepare("UPDATE outbox SET lease_until = 0 WHERE status = 'claimed'").run().changes;
    return { leader, claimed };
  } finally {
    db.close();
  }
}
