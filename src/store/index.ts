/**
 * Opens the store DATABASE_URL names: SQLite for file:, PostgreSQL for
 * postgres:// and postgresql://. Each implementation is imported only when
 * chosen, so a PostgreSQL deployment never loads the native SQLite module.
 */
import type { Logger } from '../log.js';
import type { Store } from './types.js';

export type * from './types.js';

export interface OpenStoreOptions {
  /** Where the PostgreSQL store reports lost connections; silent by default. */
  logger?: Logger;
}

export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (databaseUrl.startsWith('file:')) {
    const { openSqliteStore } = await import('./sqlite/open.js');
    return openSqliteStore(databaseUrl);
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { openPostgresStore } = await import('./postgres/open.js');
    return openPostgresStore(databaseUrl, { logger: options.logger });
  }
  // The URL itself is not repeated: it may carry a password.
  throw new Error('DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)');
}
