/**
 * One sweeper among processes sharing a SQLite file: a lease row. The holder
 * renews it on every tryLeadership; when it stops renewing (crashed, hung),
 * another process takes over once the lease has run out.
 */
import type Database from 'better-sqlite3';
import type { Store } from '../types.js';

const LEASE = 'sweeper';

export function sqliteLeadership(db: Database.Database): Pick<Store, 'tryLeadership' | 'releaseLeadership'> {
  const current = db.prepare<[string], { holder: string; expires_at: number }>(
    'SELECT holder, expires_at FROM leadership WHERE name = ?',
  );
  const take = db.prepare(
    `INSERT INTO leadership (name, holder, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
  );
  const release = db.prepare('DELETE FROM leadership WHERE name = ? AND holder = ?');
  const tryTake = db.transaction((holder: string, now: number, leaseMs: number) => {
    const lease = current.get(LEASE);
    if (lease && lease.holder !== holder && lease.expires_at > now) return false;
    take.run(LEASE, holder, now + leaseMs);
    return true;
  });
  return {
    async tryLeadership(holder, now, leaseMs) {
      return tryTake.immediate(holder, now.getTime(), leaseMs);
    },
    async releaseLeadership(holder) {
      release.run(LEASE, holder);
    },
  };
}
