/**
 * One sweeper among replicas: a session-level advisory lock held on a
 * connection of its own. PostgreSQL releases a session lock when its
 * session ends, so a replica that dies (or loses its connection) hands
 * leadership over without waiting for any lease
 * (postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
 * Each tryLeadership by the holder checks the connection still answers;
 * if it does not, the lock is gone with it and the holder is no leader.
 */
import pg from 'pg';
import type { Store } from '../types.js';
import { LOCK } from './transaction.js';

export interface PostgresLeadership extends Pick<Store, 'tryLeadership' | 'releaseLeadership'> {
  close(): Promise<void>;
}

export function postgresLeadership(config: pg.ClientConfig, onConnectionError: (error: Error) => void): PostgresLeadership {
  let client: pg.Client | null = null;
  let holder: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  // One call at a time: pg_try_advisory_lock stacks within a session, so two overlapping tries could lock twice.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const forget = (dead: pg.Client) => {
    if (client !== dead) return;
    client = null;
    holder = null;
    dead.end().catch(() => undefined);
  };

  const connect = async (): Promise<pg.Client> => {
    const fresh = new pg.Client(config);
    fresh.on('error', (error) => {
      onConnectionError(error);
      forget(fresh);
    });
    fresh.on('end', () => forget(fresh));
    await fresh.connect();
    client = fresh;
    return fresh;
  };

  const attempt = async (who: string): Promise<boolean> => {
    const session = client ?? (await connect());
    if (holder === who) {
      await session.query('SELECT 1');
      return true;
    }
    const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
      LOCK.namespace,
      LOCK.sweeper,
    ]);
    if (rows[0]?.locked) holder = who;
    return holder === who;
  };

  return {
    tryLeadership(who) {
      return serial(async () => {
        if (holder !== null && holder !== who) return false;
        const session = client;
        try {
          return await attempt(who);
        } catch (error) {
          // The session (and any lock it held) is gone; one more try on a new connection.
          if (!session) throw error;
          forget(session);
          return attempt(who);
        }
      });
    },
    releaseLeadership(who) {
      return serial(async () => {
        if (holder !== who || !client) return;
        holder = null;
        const session = client;
        await session.query('SELECT pg_advisory_unlock($1, $2)', [LOCK.namespace, LOCK.sweeper]).catch(() => forget(session));
      });
    },
    close() {
      return serial(async () => {
        const session = client;
        client = null;
        holder = null;
        await session?.end();
      });
    },
  };
}
