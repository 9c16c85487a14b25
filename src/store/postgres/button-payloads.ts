/** Command lines behind buttons whose platform limits the payload (Telegram callback_data: 1-64 bytes). */
import type pg from 'pg';
import type { Store } from '../types.js';

type ButtonMethods = Pick<Store, 'saveButtonPayload' | 'loadButtonPayload' | 'pruneButtonPayloads'>;

export function postgresButtonPayloads(pool: pg.Pool): ButtonMethods {
  return {
    async saveButtonPayload({ key, commandLine, expiresAt }) {
      await pool.query(
        `INSERT INTO button_payloads (key, command_line, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET command_line = excluded.command_line, expires_at = excluded.expires_at`,
        [key, commandLine, expiresAt],
      );
    },
    async loadButtonPayload(key, now) {
      const { rows } = await pool.query<{ command_line: string }>(
        'SELECT command_line FROM button_payloads WHERE key = $1 AND expires_at > $2',
        [key, now],
      );
      return rows[0]?.command_line ?? null;
    },
    async pruneButtonPayloads(now) {
      const { rowCount } = await pool.query('DELETE FROM button_payloads WHERE expires_at <= $1', [now]);
      return rowCount ?? 0;
    },
  };
}
