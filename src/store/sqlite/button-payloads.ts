/** Command lines behind buttons whose platform limits the payload (Telegram callback_data: 1-64 bytes). */
import type Database from 'better-sqlite3';
import type { Store } from '../types.js';

type ButtonMethods = Pick<Store, 'saveButtonPayload' | 'loadButtonPayload' | 'pruneButtonPayloads'>;

export function sqliteButtonPayloads(db: Database.Database): ButtonMethods {
  const save = db.prepare(
    `INSERT INTO button_payloads (key, command_line, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET command_line = excluded.command_line, expires_at = excluded.expires_at`,
  );
  const load = db.prepare<[string, number], { command_line: string }>(
    'SELECT command_line FROM button_payloads WHERE key = ? AND expires_at > ?',
  );
  const prune = db.prepare('DELETE FROM button_payloads WHERE expires_at <= ?');
  return {
    async saveButtonPayload({ key, commandLine, expiresAt }) {
      save.run(key, commandLine, expiresAt.getTime());
    },
    async loadButtonPayload(key, now) {
      return load.get(key, now.getTime())?.command_line ?? null;
    },
    async pruneButtonPayloads(now) {
      return prune.run(now.getTime()).changes;
    },
  };
}
