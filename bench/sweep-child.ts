/**
 * The sweep benchmark's measuring process (sweep.ts builds it with
 * build-entry.ts and runs it under plain node, as the built app runs): the
 * Love&Pay alert sweep over 100,000 sessions (issue 8) against the emulator
 * process sweep.ts started, with a SQLite store in a temporary file, as the
 * app runs them. Prints one JSON line: the figures, or {error}.
 *
 * - steadyRequests: upstream requests of one sweep when nothing changed.
 * - freshApprovals / freshRequests: 100 new open sessions arrive at the top,
 *   the 50 newest open sessions are approved, then one sweep: outcomes it
 *   found, and requests it made.
 * - fullReconcileMs vs parseFetchMs: a full reconciliation pass against
 *   fetching and JSON.parse-ing the same pages (raw-walk.ts), alternated,
 *   medians of the runs; reconcileParseRatio is the median of each pass's
 *   ratio to the raw walk beside it: what any client of the API must do at
 *   least. The
 *   passes share the recorded ids the alerts keep (known-final-ids.ts), as
 *   the app's hourly walks do; a pass that reads them from the store, as a
 *   process's first walk does, is in details as coldReconcileMs.
 * - peakRssMb: this process's peak RSS while the lists are walked: the
 *   baseline (the first sweep is a silent reconciliation) and the passes;
 *   beside it the process's RSS before any work (its floor).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAlerts } from '../src/alerts/index.js';
import { KnownFinalIds } from '../src/alerts/known-final-ids.js';
import { FINAL_STATUSES } from '../src/alerts/loveandpay-event.js';
import { reconcileLoveAndPay } from '../src/alerts/reconcile-loveandpay.js';
import type { SweepResult } from '../src/alerts/sweep-result.js';
import { createProviders } from '../src/providers/index.js';
import { Agent } from 'undici';
import { openStore } from '../src/store/index.js';
import { newestOpenSessions } from './open-sessions.js';
import { rawWalk } from './raw-walk.js';
import { connectRemoteSandbox, type SandboxAddress } from './remote-sandbox.js';
import { ownCpuMs } from './cpu-time.js';
import { collectGarbage, peakMemoryDuring, toMb, type MemoryPeak } from './rss-sampler.js';
import { median, progress, round } from './stats.js';
import type { SweepFigures } from './sweep.js';
import { SWEEP_SESSIONS } from './sweep-sessions.js';

const FRESH = 50;
/** Open sessions added at the top before each fresh-approval run. */
const ARRIVALS = 100;
const STEADY_RUNS = 3;
const FRESH_RUNS = 3;
const RECONCILE_RUNS = 5;
/** reconcile-loveandpay.ts's default page concurrency; both walks are given it explicitly so they match. */
const RECONCILE_CONCURRENCY = 4;


async function measure(address: SandboxAddress): Promise<SweepFigures> {
  const rssAtStartMb = toMb(process.memoryUsage.rss());
  const sandbox = connectRemoteSandbox(address);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-bench-'));
  const store = await openStore(`file:${path.join(dir, 'bench.sqlite')}`);
  const credentials = {
    baseUrl: sandbox.urls.loveandpay,
    apiKey: sandbox.credentials.loveandpayApiKey,
    secretKey: sandbox.credentials.loveandpaySecretKey,
  };
  const providers = createProviders({ loveandpay: credentials });
  const client = providers.loveandpay!;
  // The same pool settings as the client's own agent (src/providers/http/transport.ts createAgent).
  const rawAgent = new Agent({ connect: { timeout: 5_000 }, keepAliveTimeout: 30_000, connections: 32 });
  // Reconciliation is called directly below, with the recorded ids the alerts keep; the scheduled one stays out of sweepOnce().
  const knownIds = new KnownFinalIds();
  const alerts = createAlerts({ store, providers: { loveandpay: client }, senders: {}, reconcileEveryMs: Infinity, knownFinalIds: knownIds });
  const loveandpay = (results: SweepResult[]) => results.find((result) => result.source === 'loveandpay')!;

  try {
    await store.subscribe({
      chat: { platform: 'slack', chatId: 'C0BENCH' },
      outcomes: [],
      providers: [],
      source: 'command',
      createdBy: 'U-bench',
      now: new Date(),
    });

    progress('sweep: baseline (first sweep walks both final lists)');
    const started = performance.now();
    const { value: baselineReport, peak: baselinePeak } = await peakMemoryDuring(() => alerts.sweepOnce());
    const baseline = loveandpay(baselineReport.results);
    const baselineMs = performance.now() - started;
    if (!baseline.baseline) throw new Error('the first sweep was not a baseline');

    const steady: number[] = [];
    for (let run = 0; run < STEADY_RUNS; run += 1) {
      await sandbox.resetRequestCount();
      const result = loveandpay((await alerts.sweepOnce()).results);
      if (result.newOutcomes !== 0) throw new Error(`a sweep with no change found ${result.newOutcomes} outcomes`);
      steady.push(await sandbox.requestCount('loveandpay'));
    }

    const freshRequests: number[] = [];
    const freshFound: number[] = [];
    for (let run = 0; run < FRESH_RUNS; run += 1) {
      // Customers arrive first, so every run's approvals are among the newest sessions
      // (not pushed down by the approvals of the runs before it).
      await sandbox.addSessions(ARRIVALS);
      await alerts.sweepOnce();
      const ids = await newestOpenSessions(client, FRESH);
      for (const id of ids) await sandbox.setSessionStatus(id, 'APPROVED');
      await sandbox.resetRequestCount();
      const result = loveandpay((await alerts.sweepOnce()).results);
      freshRequests.push(await sandbox.requestCount('loveandpay'));
      freshFound.push(result.newOutcomes);
    }
    progress(`sweep: steady ${steady.join(', ')} requests; ${FRESH} fresh approvals found ${freshFound.join(', ')} with ${freshRequests.join(', ')} requests`);

    const counts = await sandbox.sessionCounts();
    const totals = Object.fromEntries(FINAL_STATUSES.map((status) => [status, counts[status] ?? 0]));
    const full: number[] = [];
    const raw: number[] = [];
    const peaks: MemoryPeak[] = [];
    const requests = { full: [] as number[], raw: [] as number[] };
    // This process's CPU time per pass (the emulator runs in another): how much of each pass is work rather than waiting.
    const cpu = { full: [] as number[], raw: [] as number[] };
    const runRaw = async () => {
      collectGarbage();
      await sandbox.resetRequestCount();
      const at = performance.now();
      const cpuAt = ownCpuMs();
      // Sampled like the full walk, so the sampler's own cost (a /proc read every 5 ms) weighs on both sides of the ratio; its peak is not the bot's.
      const { value: made } = await peakMemoryDuring(() =>
        rawWalk({ dispatcher: rawAgent, ...credentials, totals, statuses: FINAL_STATUSES, concurrency: RECONCILE_CONCURRENCY, parse: true }),
      );
      raw.push(performance.now() - at);
      cpu.raw.push(ownCpuMs() - cpuAt);
      requests.raw.push(await sandbox.requestCount('loveandpay'));
      if (made !== requests.raw.at(-1)) throw new Error('the raw walk and the emulator disagree on the request count');
    };
    const runFull = async (kept = knownIds) => {
      collectGarbage();
      await sandbox.resetRequestCount();
      const at = performance.now();
      const cpuAt = ownCpuMs();
      const { value, peak } = await peakMemoryDuring(() =>
        reconcileLoveAndPay({ client, store, now: () => new Date(), announce: true, concurrency: RECONCILE_CONCURRENCY, knownIds: kept }),
      );
      full.push(performance.now() - at);
      cpu.full.push(ownCpuMs() - cpuAt);
      peaks.push(peak);
      requests.full.push(await sandbox.requestCount('loveandpay'));
      if (value.newOutcomes !== 0) throw new Error(`a reconciliation after the sweeps found ${value.newOutcomes} unannounced outcomes`);
    };
    // One pass of each, not counted, warms code and connections; the full one reads the recorded ids afresh, as a process's first walk does.
    await runRaw();
    await runFull(new KnownFinalIds());
    const coldMs = full[0]!;
    for (const list of [raw, full, peaks, requests.raw, requests.full, cpu.raw, cpu.full]) list.length = 0;
    collectGarbage();
    const rssBeforeMb = toMb(process.memoryUsage.rss());
    for (let run = 0; run < RECONCILE_RUNS; run += 1) {
      // Alternate the order so neither walk always runs on a warmer machine.
      if (run % 2 === 0) {
        await runRaw();
        await runFull();
      } else {
        await runFull();
        await runRaw();
      }
      progress(`sweep: reconciliation run ${run + 1}/${RECONCILE_RUNS}: full ${Math.round(full.at(-1)!)} ms, fetch and parse ${Math.round(raw.at(-1)!)} ms`);
    }
    collectGarbage();
    const liveHeapMb = toMb(process.memoryUsage().heapUsed);
    if (requests.full.some((n, i) => n !== requests.raw[i])) {
      throw new Error(`the walks made different requests: full ${requests.full.join(',')} raw ${requests.raw.join(',')}`);
    }

    const fullMs = median(full);
    const rawMs = median(raw);
    // Each full pass against the raw walk run next to it (the order alternates), as commands.floorRatio takes its
    // rounds: the machine's speed drifts between runs, and a ratio of two medians from different runs carries it.
    const pairedRatio = median(full.map((ms, run) => ms / raw[run]!));
    return {
      sessions: SWEEP_SESSIONS,
      steadyRequests: median(steady),
      freshApprovals: median(freshFound),
      freshRequests: median(freshRequests),
      fullReconcileMs: round(fullMs, 0),
      parseFetchMs: round(rawMs, 0),
      reconcileParseRatio: round(pairedRatio, 2),
      peakRssMb: round(toMb(Math.max(baselinePeak.rssBytes, ...peaks.map((p) => p.rssBytes))), 0),
      rssAtStartMb: round(rssAtStartMb, 0),
      details: {
        node: `${process.version}, built code (build-entry.ts), no tsx`,
        finalSessions: totals,
        pagesPerPass: requests.full[0],
        concurrency: RECONCILE_CONCURRENCY,
        baselineMs: round(baselineMs, 0),
        coldReconcileMs: round(coldMs, 0),
        baselineRequests: baseline.requests,
        steadyRuns: steady,
        freshRuns: { found: freshFound, requests: freshRequests },
        ratioOfMedians: round(fullMs / rawMs, 2),
        fullRunsMs: full.map((ms) => round(ms, 0)),
        fullCpuMs: cpu.full.map((ms) => round(ms, 0)),
        rawRunsMs: raw.map((ms) => round(ms, 0)),
        rawCpuMs: cpu.raw.map((ms) => round(ms, 0)),
        memoryMb: {
          baselinePeak: megabytes(baselinePeak),
          rssBeforePasses: round(rssBeforeMb, 0),
          passPeaks: peaks.map(megabytes),
          // What the heap holds once garbage is collected: the peaks above are mostly garbage not yet collected.
          liveHeapAfterPasses: round(liveHeapMb, 0),
        },
        processMaxRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
      },
    };
  } finally {
    await alerts.stop();
    await providers.close();
    await rawAgent.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const megabytes = (peak: MemoryPeak) => ({
  rss: round(toMb(peak.rssBytes), 0),
  heapUsed: round(toMb(peak.heapUsedBytes), 0),
  heapTotal: round(toMb(peak.heapTotalBytes), 0),
});


// Last, once every declaration above has run.
const address = JSON.parse(process.argv[2] ?? '{}') as SandboxAddress;
const result = await measure(address).catch((error: unknown) => ({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
