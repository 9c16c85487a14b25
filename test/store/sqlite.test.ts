import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { SQLITE_MIGRATIONS, migrateSqlite } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore, sqliteFileFromUrl } from '../../src/store/sqlite/open.js';
import type { Store } from '../../src/store/types.js';
import { describeStoreContract } from './contract.js';
import { at, observed, slack, subscribeAll } from './fixtures.js';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-sqlite-'));
let files = 0;
const tempFile = (name = `store-${++files}`) => path.join(tempRoot, name, 'kyc-desk.sqlite');
afterAll(() => fs.rmSync(tempRoot, { recursive: true, force: true }));

describeStoreContract('SQLite', {
  open: () => openSqliteStore('file::memory:'),
  async openTwo() {
    const file = tempFile();
    return [await openSqliteStore(`file:${file}`), await openSqliteStore(`file:${file}`)];
  },
});

describe('SQLite store specifics', () => {
  const opened: Store[] = [];
  const open = async (url: string) => {
    const store = await openSqliteStore(url);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('reads the DATABASE_URL forms it is given', () => {
    expect(sqliteFileFromUrl('file:./data/kyc-desk.sqlite')).toBe('./data/kyc-desk.sqlite');
    expect(sqliteFileFromUrl('file::memory:')).toBe(':memory:');
    expect(sqliteFileFromUrl('file:/var/lib/kyc/desk.sqlite')).toBe('/var/lib/kyc/desk.sqlite');
    expect(sqliteFileFromUrl('file:///var/lib/kyc/desk%20one.sqlite')).toBe('/var/lib/kyc/desk one.sqlite');
    expect(() => sqliteFileFromUrl('file:')).toThrow(/names no SQLite file/);
  });

  it('creates the directory of a new file, turns on WAL and keeps data across reopening', async () => {
    const file = tempFile('nested/deeper');
    const store = await open(`file:${file}`);
    await subscribeAll(store, slack('C1'));
    await store.commitObservations({ observations: [observed('loveandpay', 'a', 'APPROVED')], announce: true, now: at(0) });
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT version FROM schema_migrations').all()).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
    raw.close();
    const reopened = await open(`file:${file}`);
    expect(await reopened.outboxDepth()).toBe(1);
    expect(await reopened.knownObjectIds('loveandpay', 'APPROVED', ['a'])).toEqual(new Set(['a']));
  });

  it('resolves a relative file: path against the working directory', async () => {
    const cwd = process.cwd();
    process.chdir(tempRoot);
    try {
      const store = await open('file:./relative/data/kyc-desk.sqlite');
      await store.ping();
    } finally {
      process.chdir(cwd);
    }
    expect(fs.existsSync(path.join(tempRoot, 'relative/data/kyc-desk.sqlite'))).toBe(true);
  });

  it('refuses a database written by a newer build, naming both versions', async () => {
    const file = tempFile();
    await (await open(`file:${file}`)).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, 0)').run('from the future');
    raw.close();
    const latest = SQLITE_MIGRATIONS.at(-1)!.version;
    await expect(openSqliteStore(`file:${file}`)).rejects.toThrow(`schema version 999, newer than this build knows (${latest})`);
  });

  it('re-enables chats an older build disabled for a token failure, and requeues their alerts', async () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const raw = new Database(file);
    migrateSqlite(raw, SQLITE_MIGRATIONS.slice(0, 1));
    const insert = raw.prepare(
      `INSERT INTO outbox (platform, chat_id, provider, object_id, outcome, event, status, created_at, due_at, finished_at, last_error)
       VALUES ('slack', ?, 'stripe', ?, 'APPROVED', ?, 'failed', 0, 0, 1, ?)`,
    );
    const event = JSON.stringify(observed('stripe', 'x', 'APPROVED').event);
    insert.run('C-auth', 'vs_a', event, 'invalid_auth');
    insert.run('C-gone', 'vs_b', event, 'channel_not_found');
    raw.prepare("INSERT INTO disabled_chats (platform, chat_id, reason, disabled_at) VALUES ('slack', 'C-auth', 'invalid_auth', 1), ('slack', 'C-gone', 'channel_not_found', 1)").run();
    raw.close();

    const store = await open(`file:${file}`);
    expect(await store.outboxDepth()).toBe(1);
    const claimed = await store.claimOutbox({ worker: 'w', limit: 10, leaseMs: 30_000, now: new Date() });
    expect(claimed.map((entry) => entry.chat.chatId)).toEqual(['C-auth']);
    await subscribeAll(store, slack('C-other'));
    const reasons = new Database(file, { readonly: true }).prepare('SELECT chat_id, reason FROM disabled_chats').all();
    expect(reasons).toEqual([{ chat_id: 'C-gone', reason: 'channel_not_found' }]);
  });

  it('keeps leadership with a silent holder until its lease runs out', async () => {
    const file = tempFile();
    const a = await open(`file:${file}`);
    const b = await open(`file:${file}`);
    expect(await a.tryLeadership('a', at(0), 10_000)).toBe(true);
    expect(await b.tryLeadership('b', at(9_999), 10_000)).toBe(false);
    expect(await b.tryLeadership('b', at(10_000), 10_000)).toBe(true);
    expect(await a.tryLeadership('a', at(10_001), 10_000)).toBe(false);
  });

  it('is what openStore returns for a file: URL, and openStore names no URL it refuses', async () => {
    const store = await openStore('file::memory:');
    opened.push(store);
    expect(store.kind).toBe('sqlite');
    await expect(openStore('mysql://user:hunter2@db/kyc')).rejects.toThrow(/^DATABASE_URL must start with file:/);
    await expect(openStore('mysql://user:hunter2@db/kyc')).rejects.not.toThrow(/hunter2/);
  });
});
