/** The audit log: who looked up what, where and when (DESIGN.md, "Data protection"). */
import type Database from 'better-sqlite3';
import type { Platform } from '../../domain/chat.js';
import type { ResultKind } from '../../domain/reply.js';
import type { AuditEntry, Store } from '../types.js';

interface Row {
  at: number;
  platform: Platform;
  workspace_id: string | null;
  chat_id: string;
  user_id: string;
  command: string;
  result: ResultKind;
}

export function sqliteAudit(db: Database.Database): Pick<Store, 'appendAudit' | 'latestAudit'> {
  const append = db.prepare(
    `INSERT INTO audit_log (at, platform, workspace_id, chat_id, user_id, command, result) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const latest = db.prepare<[number], Row>('SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT ?');
  return {
    async appendAudit(entry) {
      append.run(entry.at.getTime(), entry.platform, entry.workspaceId, entry.chatId, entry.userId, entry.command, entry.result);
    },
    async latestAudit(limit) {
      return latest.all(Math.max(0, Math.floor(limit))).map(
        (row): AuditEntry => ({
          at: new Date(row.at),
          platform: row.platform,
          workspaceId: row.workspace_id,
          chatId: row.chat_id,
          userId: row.user_id,
          command: row.command,
          result: row.result,
        }),
      );
    },
  };
}
