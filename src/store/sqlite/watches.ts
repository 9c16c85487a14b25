/** Bank 131 checks a chat asked to hear about (`/check <id> watch`). */
import type Database from 'better-sqlite3';
import type { Platform } from '../../domain/chat.js';
import type { Store } from '../types.js';

interface Row {
  check_id: string;
  platform: Platform;
  chat_id: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
}

export function sqliteWatches(db: Database.Database): Pick<Store, 'addWatch' | 'listWatches' | 'removeWatch'> {
  // Watching again extends the watch; who asked first and when stay.
  const add = db.prepare(
    `INSERT INTO watches (check_id, platform, chat_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (check_id, platform, chat_id) DO UPDATE SET expires_at = excluded.expires_at`,
  );
  const list = db.prepare<[], Row>('SELECT * FROM watches ORDER BY created_at, check_id, platform, chat_id');
  const removeAll = db.prepare('DELETE FROM watches WHERE check_id = ?');
  const removeOne = db.prepare('DELETE FROM watches WHERE check_id = ? AND platform = ? AND chat_id = ?');
  return {
    async addWatch({ checkId, chat, createdBy, now, expiresAt }) {
      add.run(checkId, chat.platform, chat.chatId, createdBy, now.getTime(), expiresAt.getTime());
    },
    async listWatches() {
      return list.all().map((row) => ({
        checkId: row.check_id,
        chat: { platform: row.platform, chatId: row.chat_id },
        createdBy: row.created_by,
        createdAt: new Date(row.created_at),
        expiresAt: new Date(row.expires_at),
      }));
    },
    async removeWatch(checkId, chat) {
      if (chat) removeOne.run(checkId, chat.platform, chat.chatId);
      else removeAll.run(checkId);
    },
  };
}
