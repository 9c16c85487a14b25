/** The audit log: who looked up what, where and when (DESIGN.md, "Data protection"). */
import type pg from 'pg';
import { toAuditEntry, type AuditRow } from '../rows.js';
import type { Store } from '../types.js';

export function postgresAudit(pool: pg.Pool): Pick<Store, 'appendAudit' | 'latestAudit'> {
  return {
    async appendAudit(entry) {
      await pool.query(
        `INSERT INTO audit_log (at, platform, workspace_id, chat_id, user_id, command, result) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [entry.at, entry.platform, entry.workspaceId, entry.chatId, entry.userId, entry.command, entry.result],
      );
    },
    async latestAudit(limit, since) {
      const { rows } = await pool.query<AuditRow>(
        'SELECT * FROM audit_log WHERE $2::timestamptz IS NULL OR at >= $2 ORDER BY at DESC, id DESC LIMIT $1',
        [Math.max(0, Math.floor(limit)), since ?? null],
      );
      return rows.map(toAuditEntry);
    },
  };
}
