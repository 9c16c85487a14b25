/** Bank 131 checks a chat asked to hear about (`/check <id> watch`). */
import type pg from 'pg';
import type { Platform } from '../../domain/chat.js';
import type { Store } from '../types.js';

interface Row {
  check_id: string;
  platform: Platform;
  chat_id: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
}

export function postgresWatches(pool: pg.Pool): Pick<Store, 'addWatch' | 'listWatches' | 'removeWatch'> {
  return {
    async addWatch({ checkId, chat, createdBy, now, expiresAt }) {
      // Watching again extends the watch; who asked first and when stay.
      await pool.query(
        `INSERT INTO watches (check_id, platform, chat_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (check_id, platform, chat_id) DO UPDATE SET expires_at = excluded.expires_at`,
        [checkId, chat.platform, chat.chatId, createdBy, now, expiresAt],
      );
    },
    async listWatches() {
      const { rows } = await pool.query<Row>('SELECT * FROM watches ORDER BY created_at, check_id, platform, chat_id');
      return rows.map((row) => ({
        checkId: row.check_id,
        chat: { platform: row.platform, chatId: row.chat_id },
        createdBy: row.created_by,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }));
    },
    async removeWatch(checkId, chat) {
      if (chat) {
        await pool.query('DELETE FROM watches WHERE check_id = $1 AND platform = $2 AND chat_id = $3', [checkId, chat.platform, chat.chatId]);
      } else {
        await pool.query('DELETE FROM watches WHERE check_id = $1', [checkId]);
      }
    },
  };
}
