import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { LOCK } from '../../src/store/postgres/transaction.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import type { Store } from '../../src/store/types.js';
import { testPostgres } from '../support/postgres.js';
import { waitFor } from '../support/wait-for.js';
import { describeStoreContract } from './contract.js';
import { at, observed, slack, subscribeAll } from './fixtures.js';

const server = testPostgres();

describe.skipIf(server.skipReason !== null)('PostgreSQL', () => {
  let url: string;
  const admin = () => new pg.Client({ connectionString: url });

  beforeAll(async () => {
    url = await server.createDatabase();
  });
  afterAll(() => server.stop());

  /** Empties every table of the suite's database: each test starts on a fresh store. */
  async function emptyDatabase(): Promise<void> {
    const client = admin();
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
      );
      if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY`);
    } finally {
      await client.end();
    }
  }

  describeStoreContract('PostgreSQL', {
    async open() {
      await emptyDatabase();
      return openPostgresStore(url);
    },
    async openTwo() {
      await emptyDatabase();
      // Two pools, as two replicas have.
      return [await openPostgresStore(url), await openPostgresStore(url)];
    },
  });

  describe('PostgreSQL store specifics', () => {
    const opened: Store[] = [];
    const open = async (databaseUrl = url) => {
      const store = await openPostgresStore(databaseUrl);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('hands leadership over when the holder’s connection dies, and the old holder knows it lost', async () => {
      await emptyDatabase();
      const a = await open();
      const b = await open();
      expect(await a.tryLeadership('a', at(0), 10_000)).toBe(true);
      expect(await b.tryLeadership('b', at(0), 10_000)).toBe(false);
      const client = admin();
      await client.connect();
      try {
        // The server ends the session that holds the sweeper lock, as when a replica's host vanishes.
        const { rows } = await client.query<{ ended: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ended FROM pg_locks
           WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND granted`,
          [LOCK.namespace, LOCK.sweeper],
        );
        expect(rows).toEqual([{ ended: true }]);
      } finally {
        await client.end();
      }
      // No lease to wait for: the lock went with the session.
      await waitFor(() => b.tryLeadership('b', at(1), 10_000), { message: 'takeover by b' });
      expect(await a.tryLeadership('a', at(2), 10_000)).toBe(false);
      await b.releaseLeadership('b');
      expect(await a.tryLeadership('a', at(3), 10_000)).toBe(true);
    });

    it('never hands one entry to two of four replicas claiming at once', async () => {
      await emptyDatabase();
      const replicas = await Promise.all([open(), open(), open(), open()]);
      for (let i = 0; i < 100; i++) await subscribeAll(replicas[0]!, slack(`C${i}`));
      await replicas[0]!.commitObservations({
        observations: ['x', 'y'].map((id) => observed('stripe', id, 'APPROVED')),
        announce: true,
        now: at(0),
      });
      const claimedBy = new Map<number, string>();
      const work = replicas.map(async (store, n) => {
        for (;;) {
          const batch = await store.claimOutbox({ worker: `replica-${n}`, limit: 7, leaseMs: 60_000, now: at(0) });
          if (batch.length === 0) return;
          for (const entry of batch) {
            expect(claimedBy.get(entry.id), `entry ${entry.id}`).toBeUndefined();
            claimedBy.set(entry.id, `replica-${n}`);
          }
          await store.markSent(batch.map((e) => e.id), at(0));
        }
      });
      await Promise.all(work);
      expect(claimedBy.size).toBe(200);
      expect(new Set(claimedBy.values()).size).toBeGreaterThan(1);
    });

    it('gives each chat to one replica at a time while four claim at once', async () => {
      await emptyDatabase();
      const replicas = await Promise.all([open(), open(), open(), open()]);
      for (let i = 0; i < 8; i++) await subscribeAll(replicas[0]!, slack(`C${i}`));
      await replicas[0]!.commitObservations({
        observations: Array.from({ length: 25 }, (_, i) => observed('stripe', `vs_${i}`, 'APPROVED')),
        announce: true,
        now: at(0),
      });
      // Nobody marks anything sent, so every claim still holds its chat when the next one runs.
      const holders = new Map<string, Set<string>>();
      await Promise.all(
        replicas.map(async (store, n) => {
          for (;;) {
            const batch = await store.claimOutbox({ worker: `replica-${n}`, limit: 3, leaseMs: 60_000, now: at(0) });
            if (batch.length === 0) return;
            for (const entry of batch) {
              const chat = entry.chat.chatId;
              holders.set(chat, (holders.get(chat) ?? new Set()).add(`replica-${n}`));
            }
          }
        }),
      );
      expect([...holders.keys()].sort()).toEqual(['C0', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
      for (const [chat, replicaSet] of holders) expect([chat, replicaSet.size]).toEqual([chat, 1]);
      expect(await replicas[1]!.outboxDepth()).toBe(200);
    });

    it('finishes two overlapping commits made in opposite orders without a deadlock', async () => {
      await emptyDatabase();
      const [a, b] = [await open(), await open()];
      await subscribeAll(a, slack('C1'));
      const observations = Array.from({ length: 2_000 }, (_, i) => observed('stripe', `vs_${i}`, 'APPROVED'));
      // Hold both commits at their first insert, then let them go together so their row locks interleave.
      const gate = admin();
      await gate.connect();
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE observations IN SHARE MODE');
      const commits = Promise.all([
        a.commitObservations({ observations, announce: true, now: at(0) }),
        b.commitObservations({ observations: [...observations].reverse(), announce: true, now: at(0) }),
      ]);
      await waitFor(async () => {
        const { rows } = await gate.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
        );
        return rows[0]!.n === 2;
      });
      await gate.query('COMMIT');
      await gate.end();
      const [ra, rb] = await commits;
      expect(ra.newOutcomes + rb.newOutcomes).toBe(2_000);
      expect(ra.queued + rb.queued).toBe(2_000);
    });

    it('migrates once when replicas start together on an empty database', async () => {
      const fresh = await server.createDatabase();
      await Promise.all([open(fresh), open(fresh), open(fresh)]);
      const client = new pg.Client({ connectionString: fresh });
      await client.connect();
      const { rows } = await client.query('SELECT version FROM schema_migrations');
      await client.end();
      // Each migration once, every one of them: versions 1, 2, 3, ... with no gap and no repeat.
      const versions = rows.map((row: { version: number }) => row.version).sort((a: number, b: number) => a - b);
      expect(versions.length).toBeGreaterThanOrEqual(3);
      expect(versions).toEqual(versions.map((_: number, index: number) => index + 1));
    });

    it('tells every replica’s listeners when any replica queued alerts, and listens again after losing its connection', async () => {
      await emptyDatabase();
      const [sender, listener] = [await open(), await open()];
      let heard = 0;
      listener.onAlertsQueued(() => (heard += 1));
      await waitFor(async () => (await sender.notifyAlertsQueued(), heard > 0), { message: 'the other replica hearing' });
      // The server ends the LISTEN session (a restart, a network cut): a new one is opened and hears again.
      const client = admin();
      await client.connect();
      await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN kyc_desk_%' AND pid <> pg_backend_pid()");
      await client.end();
      const before = heard;
      await waitFor(async () => (await sender.notifyAlertsQueued(), heard > before), { timeoutMs: 10_000, message: 'hearing after reconnecting' });
    });

    it('is what openStore returns for postgres:// and postgresql:// URLs', async () => {
      const store = await openStore(url);
      opened.push(store);
      expect(store.kind).toBe('postgres');
      const other = await openStore(url.replace(/^postgres:/, 'postgresql:'));
      opened.push(other);
      await other.ping();
    });
  });
});
