/** The audit log: who looked up what, where and when (DESIGN.md, "Data protection"). */
import type Database from 'better-sqlite3';
import { toAuditEntry, type AuditRow } from '../rows.js';
import type { Store } from '../types.js';

export function sqliteAudit(db: Database.Database): Pick<Store, 'appendAudit' | 'latestAudit'> {
  const append = db.prepare(
    `INSERT INTO audit_log (at, platform, workspace_id, chat_id, user_id, command, result) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const latest = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?');
  return {
    async appendAudit(entry) {
      append.run(entry.at.getTime(), entry.platform, entry.workspaceId, entry.chatId, entry.userId, entry.command, entry.result);
    },
    async latestAudit(limit, since) {
      return latest.all(since?.getTime() ?? Number.MIN_SAFE_INTEGER, Math.max(0, Math.floor(limit))).map(toAuditEntry);
    },
  };
}
