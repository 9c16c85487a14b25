/**
 * Records kept only for a while, and the daily prune of what is no longer
 * kept: replay memory for signed requests, and the command lines behind
 * buttons whose platform limits the payload (Telegram callback_data: 1-64 bytes).
 */
import type Database from 'better-sqlite3';
import type { Store } from '../types.js';

type HousekeepingMethods = Pick<Store, 'rememberRequest' | 'saveButtonPayload' | 'loadButtonPayload' | 'prune'>;

export function sqliteHousekeeping(db: Database.Database): HousekeepingMethods {
  // Inserts, or takes over an expired row; an unexpired row with the same key changes nothing (a replay).
  const remember = db.prepare(
    `INSERT INTO seen_requests (key, expires_at) VALUES (@key, @expires)
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at <= @now`,
  );
  const saveButton = db.prepare(
    `INSERT INTO button_payloads (key, command_line, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET command_line = excluded.command_line, expires_at = excluded.expires_at`,
  );
  const loadButton = db.prepare<[string, number], { command_line: string }>(
    'SELECT command_line FROM button_payloads WHERE key = ? AND expires_at > ?',
  );
  const pruneOutbox = db.prepare("DELETE FROM outbox WHERE status IN ('sent', 'failed') AND finished_at < ?");
  const pruneSeen = db.prepare('DELETE FROM seen_requests WHERE expires_at <= ?');
  const pruneButtons = db.prepare('DELETE FROM button_payloads WHERE expires_at <= ?');
  const pruneAudit = db.prepare('DELETE FROM audit_log WHERE at < ?');
  const pruneWebhooks = db.prepare("DELETE FROM webhook_events WHERE status = 'finished' AND finished_at < ?");
  const pruneUnswept = db.prepare('DELETE FROM unswept_outcomes WHERE recorded_at < ?');
  const prune = db.transaction((now: number, finishedBefore: number, auditBefore: number) => {
    // No sweep counted it in all that time, so it is in no final list any more (the reconciliation walks them all).
    pruneUnswept.run(finishedBefore);
    return {
      outbox: pruneOutbox.run(finishedBefore).changes,
      seenRequests: pruneSeen.run(now).changes,
      buttonPayloads: pruneButtons.run(now).changes,
      audit: pruneAudit.run(auditBefore).changes,
      webhookEvents: pruneWebhooks.run(finishedBefore).changes,
    };
  });
  return {
    async rememberRequest({ key, now, expiresAt }) {
      return remember.run({ key, expires: expiresAt.getTime(), now: now.getTime() }).changes > 0;
    },
    async saveButtonPayload({ key, commandLine, expiresAt }) {
      saveButton.run(key, commandLine, expiresAt.getTime());
    },
    async loadButtonPayload(key, now) {
      return loadButton.get(key, now.getTime())?.command_line ?? null;
    },
    async prune({ now, finishedBefore, auditBefore }) {
      return prune.immediate(now.getTime(), finishedBefore.getTime(), auditBefore.getTime());
    },
  };
}
