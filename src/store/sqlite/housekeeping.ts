/** Replay memory for signed requests, and the daily prune of what is no longer kept. */
import type Database from 'better-sqlite3';
import type { Store } from '../types.js';

export function sqliteHousekeeping(db: Database.Database): Pick<Store, 'rememberRequest' | 'prune'> {
  // Inserts, or takes over an expired row; an unexpired row with the same key changes nothing (a replay).
  const remember = db.prepare(
    `INSERT INTO seen_requests (key, expires_at) VALUES (@key, @expires)
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at <= @now`,
  );
  const pruneOutbox = db.prepare("DELETE FROM outbox WHERE status IN ('sent', 'failed') AND finished_at < ?");
  const pruneSeen = db.prepare('DELETE FROM seen_requests WHERE expires_at <= ?');
  const pruneButtons = db.prepare('DELETE FROM button_payloads WHERE expires_at <= ?');
  const pruneAudit = db.prepare('DELETE FROM audit_log WHERE at < ?');
  const prune = db.transaction((now: number, finishedBefore: number, auditBefore: number) => ({
    outbox: pruneOutbox.run(finishedBefore).changes,
    seenRequests: pruneSeen.run(now).changes,
    buttonPayloads: pruneButtons.run(now).changes,
    audit: pruneAudit.run(auditBefore).changes,
  }));
  return {
    async rememberRequest({ key, now, expiresAt }) {
      return remember.run({ key, expires: expiresAt.getTime(), now: now.getTime() }).changes > 0;
    },
    async prune({ now, finishedBefore, auditBefore }) {
      return prune.immediate(now.getTime(), finishedBefore.getTime(), auditBefore.getTime());
    },
  };
}
