/**
 * Lookups faster than the provider (issue 20), end to end against the
 * emulators: the next page read in the background answers the click on
 * Next, identical lookups at once make one request, cached answers are
 * rendered for each caller with that caller's masking, and a transition the
 * alerts observe drops what was kept. Requests are counted at the emulator.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlerts, type Alerts } from '../../src/alerts/index.js';
import { createPrefetcher, rowsToReadAhead, type Prefetcher } from '../../src/commands/prefetch.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Reply } from '../../src/domain/reply.js';
import { AnswerCache } from '../../src/providers/answer-cache.js';
import { createProviders, type Providers } from '../../src/providers/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { admin, providerSettings, SEED_NOW, viewer } from '../support/command-harness.js';

let sandbox: Sandbox;
let alertProviders: Providers;
beforeAll(async () => {
  sandbox = await startSandbox({ customers: 40, now: SEED_NOW });
  alertProviders = createProviders(providerSettings(sandbox));
});
afterAll(async () => {
  await alertProviders.close();
  await sandbox.close();
});

/** A prefetcher the test runs by hand, so what each click costs is counted apart from what is read ahead. */
function handPrefetcher(providers?: Providers) {
  const waiting: Array<{ line: string; fetch: () => Promise<unknown> }> = [];
  const prefetch: Prefetcher = { start: (line, fetch) => void waiting.push({ line, fetch }), idle: async () => {}, ...(providers ? { providers } : {}) };
  return {
    prefetch,
    lines: () => waiting.map((each) => each.line),
    async runAll() {
      for (const each of waiting.splice(0)) await each.fetch();
    },
  };
}

let now = SEED_NOW;
let cache: AnswerCache;
let lookups: Providers;
let readingAhead: Providers;
let store: Store;
let ahead: ReturnType<typeof handPrefetcher>;
let runCommand: RunCommand;
beforeEach(async () => {
  now = Date.now();
  cache = new AnswerCache({ now: () => now });
  lookups = createProviders({ ...providerSettings(sandbox), coalesce: true, cache });
  readingAhead = createProviders({ ...providerSettings(sandbox), coalesce: true, cache, readAhead: true });
  store = await openStore('file::memory:');
  ahead = handPrefetcher(readingAhead);
  runCommand = createRunCommand({ providers: lookups, settings: { timeZone: 'Europe/Moscow', sandbox: true }, index: store, prefetch: ahead.prefetch });
});
afterEach(async () => {
  await lookups.close();
  await readingAhead.close();
  await store.close();
});

const requests = () => sandbox.control.requestCount('loveandpay');
/** Love&Pay requests the step makes, counted at the emulator. */
async function counted<T>(step: () => Promise<T>): Promise<{ value: T; requests: number }> {
  sandbox.control.resetRequestCount();
  const value = await step();
  return { value, requests: requests() };
}
const titles = (reply: Reply) => (reply.items ?? []).map((item) => item.title);
const approved = () => sandbox.data.sessions.filter((session) => session.status === 'APPROVED');

describe('the next page, read ahead', () => {
  it('answers Next from the page read in the background while the first was shown, without asking Love&Pay', async () => {
    const first = await runCommand('/kyc approved', viewer());
    // The next page, then the rows shown (one prefetch, named by its first row).
    expect(ahead.lines()).toEqual(['/kyc approved page:2', `/kyc ${approved()[0]!.id}`]);
    await ahead.runAll();

    const next = await counted(() => runCommand('/kyc approved page:2', viewer()));
    expect(next.requests).toBe(0);
    expect(titles(next.value)).toEqual(approved().slice(10, 20).map((session) => session.id.slice(0, 8)));
    // One page read ahead per page shown: now page 3, and the rows of page 2.
    expect(ahead.lines()).toEqual(['/kyc approved page:3', `/kyc ${approved()[10]!.id}`]);

    const back = await counted(() => runCommand('/kyc approved', viewer()));
    expect(back.requests).toBe(0);
    expect(back.value).toEqual(first);
  });

  it('writes nothing to the index on the click: the read-ahead recorded the page shown, and a short id of it resolves', async () => {
    const writes: string[][] = [];
    const counting = Object.assign(Object.create(store) as Store, {
      recordVerifications: (records: Parameters<Store['recordVerifications']>[0], at: Date) => {
        writes.push(records.map((record) => record.objectId));
        return store.recordVerifications(records, at);
      },
      getVerifications: store.getVerifications.bind(store),
      findIdsByPrefix: store.findIdsByPrefix.bind(store),
      verificationsOf: store.verificationsOf.bind(store),
    });
    const run = createRunCommand({ providers: lookups, settings: { timeZone: 'Europe/Moscow', sandbox: true }, index: counting, prefetch: ahead.prefetch });
    await run('/kyc approved', viewer());
    await ahead.runAll();
    const recorded = writes.flat();
    writes.length = 0;
    const pageTwo = approved().slice(10, 20);
    for (const session of pageTwo) expect(recorded).toContain(session.id);
    await run('/kyc approved page:2', viewer());
    expect(writes).toEqual([]);
    const short = await run(`/kyc ${pageTwo[0]!.id.slice(0, 8)}`, viewer());
    expect(short).toMatchObject({ kind: 'ok', title: expect.stringContaining(pageTwo[0]!.id.slice(0, 8)) });
  });

  it('reads nothing from the index on the click either, and shows the same decision times a fresh read would', async () => {
    const reads: string[][] = [];
    const counting = Object.assign(Object.create(store) as Store, {
      recordVerifications: store.recordVerifications.bind(store),
      getVerifications: (provider: Parameters<Store['getVerifications']>[0], ids: string[]) => {
        reads.push(ids);
        return store.getVerifications(provider, ids);
      },
      findIdsByPrefix: store.findIdsByPrefix.bind(store),
      verificationsOf: store.verificationsOf.bind(store),
    });
    const settings = { timeZone: 'Europe/Moscow', sandbox: true };
    const run = createRunCommand({ providers: lookups, settings, index: counting, prefetch: ahead.prefetch });
    // A page with a declined session: its decision time comes from the index (Love&Pay gives none).
    const page = Math.floor(sandbox.data.sessions.findIndex((session) => session.status === 'DECLINED') / 10) + 1;
    await run(`/kyc page:${Math.max(1, page - 1)}`, viewer());
    await ahead.runAll();
    reads.length = 0;
    const click = await run(`/kyc page:${page}`, viewer());
    expect(reads).toEqual([]);
    // Another dispatcher on the same kept answers works it out afresh: the same rows, and it did need the index.
    const fresh = await createRunCommand({ providers: lookups, settings, index: counting })(`/kyc page:${page}`, viewer());
    expect(reads.flat().length).toBeGreaterThan(0);
    expect(click.items).toEqual(fresh.items);
  });

  it('shows on the click the page the read-ahead rendered, only while every age in it still reads the same', async () => {
    let clock = SEED_NOW + 30_000;
    const settings = { timeZone: 'Europe/Moscow', sandbox: true };
    const run = createRunCommand({ providers: lookups, settings, index: store, prefetch: ahead.prefetch, now: () => new Date(clock) });
    // Without the read-ahead's render: the page as a click with nothing kept would show it.
    const fresh = () => createRunCommand({ providers: lookups, settings, index: store, now: () => new Date(clock) })('/kyc approved page:2', viewer());
    await run('/kyc approved', viewer());
    await ahead.runAll();

    const click = await run('/kyc approved page:2', viewer());
    expect(click).toEqual(await fresh());
    // The same render, not a copy: a second click within the same second renders nothing either.
    clock += 500;
    expect((await run('/kyc approved page:2', viewer())).items).toBe(click.items);
    // Later the newest ages read differently: rendered afresh, as a click with nothing kept would show it.
    const texts = (reply: Reply) => (reply.items ?? []).map((item) => item.text);
    for (const later of [60_000, 3_600_000, 3 * 86_400_000]) {
      clock += later;
      const again = await run('/kyc approved page:2', viewer());
      expect(again).toEqual(await fresh());
    }
    expect(texts(await run('/kyc approved page:2', viewer()))).not.toEqual(texts(click));
    // A clock set back is outside what the last render read the same over: rendered afresh too.
    clock = SEED_NOW + 30_500;
    expect(await run('/kyc approved page:2', viewer())).toEqual(await fresh());
  });

  it("keeps an admin's read-ahead render for that admin alone, unmasked and said to be", async () => {
    await runCommand('/kyc', admin());
    await ahead.runAll();
    const withPhone = sandbox.data.sessions.slice(10, 20).find((session) => session.customerPhone)!;
    const forAdmin = await counted(() => runCommand('/kyc page:2', admin()));
    expect(forAdmin.requests).toBe(0);
    expect(JSON.stringify(forAdmin.value)).toContain(withPhone.customerPhone);
    expect(forAdmin.value.unmasked).toBe(true);
    const forViewer = await runCommand('/kyc page:2', viewer());
    expect(JSON.stringify(forViewer)).not.toContain(withPhone.customerPhone);
    expect(forViewer.unmasked).toBeUndefined();
  });

  it('asks Love&Pay again once the kept pages are older than a minute', async () => {
    await runCommand('/kyc approved', viewer());
    await ahead.runAll();
    now += 60_001;
    const next = await counted(() => runCommand('/kyc approved page:2', viewer()));
    expect(next.requests).toBeGreaterThan(0);
    expect(titles(next.value)).toEqual(approved().slice(10, 20).map((session) => session.id.slice(0, 8)));
  });

  it('opens a session an admin saw in a list from what was read ahead within the minute, masked for a viewer, and asks Love&Pay again after it', async () => {
    await runCommand('/kyc approved', admin());
    await ahead.runAll();
    const first = approved()[0]!;
    const withPhone = approved()
      .slice(0, 10)
      .find((session) => session.customerPhone)!;
    now += 59_000;
    const opened = await counted(() => runCommand(`/kyc ${withPhone.id}`, viewer()));
    expect(opened.requests).toBe(0);
    expect(opened.value).toMatchObject({ kind: 'ok', title: expect.stringContaining(withPhone.id.slice(0, 8)) });
    expect(JSON.stringify(opened.value)).not.toContain(withPhone.customerPhone);
    expect(opened.value.unmasked).toBeUndefined();
    now += 1_001;
    const later = await counted(() => runCommand(`/kyc ${first.id}`, viewer()));
    expect(later.requests).toBe(1);
  });

  it('keeps a session opened on its own for seconds only, not the minute of a row read ahead', async () => {
    const session = approved()[0]!;
    await runCommand(`/kyc ${session.id}`, viewer());
    now += 4_000;
    expect((await counted(() => runCommand(`/kyc ${session.id}`, viewer()))).requests).toBe(0);
    now += 1_001;
    expect((await counted(() => runCommand(`/kyc ${session.id}`, viewer()))).requests).toBe(1);
  });

  it('reads ahead only the rows that open one object, never a watch or a review action a row carries', () => {
    const uuid = approved()[0]!.id;
    const reply: Reply = {
      kind: 'ok',
      title: 'rows',
      items: [
        { title: 'a', command: `/kyc ${uuid}` },
        { title: 'b', command: '/check 7 watch' },
        { title: 'c', command: `/kyc take ${uuid}` },
        { title: 'd', command: '/kyc unsubscribe' },
        { title: 'e', command: '/check 7' },
        { title: 'f', command: 'vs_123 is not a command' },
      ],
    };
    expect(rowsToReadAhead(reply).map((row) => row.line)).toEqual([`/kyc ${uuid}`, '/check 7']);
  });

  it('reads ahead with the real prefetcher at most a few pages at once, and a failure only costs the read-ahead', async () => {
    const prefetcher = createPrefetcher({ maxInFlight: 2 });
    const started: string[] = [];
    const never = new Promise<never>(() => {});
    for (const line of ['a', 'b', 'c']) prefetcher.start(line, () => (started.push(line), never));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b']);
    const failing = createPrefetcher();
    failing.start('x', async () => {
      throw new Error('provider down');
    });
    await failing.idle();
  });
});

describe('lookups at once and one after another', () => {
  it('makes one Love&Pay request for ten people opening the same session at once', async () => {
    const session = approved()[0]!;
    const opened = await counted(() => Promise.all(Array.from({ length: 10 }, () => runCommand(`/kyc ${session.id}`, viewer()))));
    expect(opened.requests).toBe(1);
    for (const reply of opened.value) expect(reply).toMatchObject({ kind: 'ok', title: expect.stringContaining(session.id.slice(0, 8)) });
  });

  it('never shows a viewer what an admin saw: the session kept for the admin is masked for the viewer', async () => {
    const session = approved().find((each) => each.customerPhone)!;
    const forAdmin = await runCommand(`/kyc ${session.id}`, admin());
    const forViewer = await counted(() => runCommand(`/kyc ${session.id}`, viewer()));
    expect(forViewer.requests).toBe(0);
    expect(JSON.stringify(forAdmin)).toContain(session.customerPhone);
    expect(JSON.stringify(forViewer.value)).not.toContain(session.customerPhone);
    expect(JSON.stringify(forViewer.value)).toContain(`***-**-${session.customerPhone.slice(-2)}`);
    expect(forViewer.value.unmasked).toBeUndefined();
  });

  it('masks for a viewer the page read ahead for an admin', async () => {
    await runCommand('/kyc', admin());
    await ahead.runAll();
    const newest = sandbox.data.sessions.slice(10, 20);
    const next = await counted(() => runCommand('/kyc page:2', viewer()));
    expect(next.requests).toBe(0);
    const text = JSON.stringify(next.value);
    for (const session of newest.filter((each) => each.customerPhone)) expect(text).not.toContain(session.customerPhone);
    expect(next.value.unmasked).toBeUndefined();
  });
});

describe('a transition the bot observes', () => {
  let alerts: Alerts;
  let alertStore: Store;
  beforeEach(async () => {
    alertStore = await openStore('file::memory:');
    alerts = createAlerts({ store: alertStore, providers: alertProviders, senders: {}, onTransition: (provider) => cache.invalidate(provider) });
    await alerts.sweepOnce();
  });
  afterEach(async () => {
    await alerts.stop();
    await alertStore.close();
  });

  it('drops the kept answers, so the next lookup shows the change', async () => {
    const before = await runCommand('/kyc approved', viewer());
    const waiting = sandbox.data.sessions.find((session) => session.status === 'IN_PROGRESS')!;
    const session = await counted(() => runCommand(`/kyc ${waiting.id}`, viewer()));
    expect(session.value.badge).toMatchObject({ outcome: 'PENDING' });

    sandbox.control.setSessionStatus(waiting.id, 'APPROVED');
    await alerts.sweepOnce();

    const after = await counted(() => runCommand('/kyc approved', viewer()));
    expect(after.requests).toBeGreaterThan(0);
    expect(titles(after.value)[0]).toBe(waiting.id.slice(0, 8));
    expect(titles(after.value)).not.toEqual(titles(before));
    expect((await runCommand(`/kyc ${waiting.id}`, viewer())).badge).toMatchObject({ outcome: 'APPROVED' });
  });
});
