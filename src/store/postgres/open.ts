/**
 * The PostgreSQL store (pg): for several replicas on one database. Queries
 * go through a pool; leadership keeps a connection of its own (see
 * leadership.ts).
 */
import pg from 'pg';
import { silentLogger, type Logger } from '../../log.js';
import type { Store } from '../types.js';
import { postgresAudit } from './audit.js';
import { postgresCards } from './cards.js';
import { postgresHousekeeping } from './housekeeping.js';
import { postgresLeadership } from './leadership.js';
import { migratePostgres } from './migrations.js';
import { postgresObservations } from './observations.js';
import { postgresOutbox } from './outbox.js';
import { postgresStats } from './stats.js';
import { postgresSubscriptions } from './subscriptions.js';
import { postgresVerifications } from './verifications.js';
import { postgresWatches } from './watches.js';
import { postgresWebhooks } from './webhooks.js';

export interface PostgresStoreOptions {
  logger?: Logger;
  /** Most connections the pool opens (the leadership connection comes on top). Default 10. */
  poolSize?: number;
}

/** A leader whose connection hangs must notice before another replica's sweeps overlap for long. */
const LEADER_QUERY_TIMEOUT_MS = 10_000;

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const logger = options.logger ?? silentLogger;
  // TCP keepalive lets a dead peer surface as an error instead of a silent hang.
  const connection: pg.ClientConfig = { connectionString: url, keepAlive: true, application_name: 'kyc-desk' };
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  // Without a listener an idle connection's error (server restart, network) would crash the process;
  // the pool drops that connection and opens a new one when next needed.
  pool.on('error', (error) => logger.warn({ error: error.message }, 'PostgreSQL: an idle pooled connection failed'));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const leadership = postgresLeadership({ ...connection, query_timeout: LEADER_QUERY_TIMEOUT_MS }, (error) =>
    logger.warn({ error: error.message }, 'PostgreSQL: the leadership connection failed; leadership is released'),
  );
  const { close: closeWebhooks, ...webhooks } = postgresWebhooks(pool, connection, logger);
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgres',
    async ping() {
      await pool.query('SELECT 1');
    },
    close() {
      closed ??= Promise.all([leadership.close(), closeWebhooks()])
        .then(() => undefined)
        .finally(() => pool.end());
      return closed;
    },
    ...postgresObservations(pool),
    ...postgresOutbox(pool),
    ...postgresSubscriptions(pool),
    ...postgresWatches(pool),
    ...postgresCards(pool),
    ...postgresVerifications(pool),
    ...postgresStats(pool),
    ...postgresAudit(pool),
    ...postgresHousekeeping(pool),
    ...webhooks,
    tryLeadership: leadership.tryLeadership,
    releaseLeadership: leadership.releaseLeadership,
  };
}
