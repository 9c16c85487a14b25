/**
 * `sweep`: the Love&Pay alert sweep over 100,000 sessions (issue 8), for the
 * built app (issue 20): the emulator runs in a process of its own
 * (sandbox-process.ts), and the sweep in another, built as `npm run build`
 * builds the app and run under plain node (sweep-child.ts), so its memory is
 * the bot's and not tsx's compiler's. Figures, in sweep-child.ts:
 * steadyRequests, freshApprovals / freshRequests, fullReconcileMs against
 * parseFetchMs (reconcileParseRatio) and peakRssMb beside rssAtStartMb.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildBenchEntry } from './build-entry.js';
import { REPO_ROOT } from './child.js';
import { startRemoteSandbox } from './remote-sandbox.js';
import { progress } from './stats.js';
import { SWEEP_SESSIONS } from './sweep-sessions.js';

export interface SweepFigures {
  sessions: number;
  steadyRequests: number;
  freshApprovals: number;
  freshRequests: number;
  fullReconcileMs: number;
  /** The floor of the reconciliation: the same pages fetched and JSON.parse-d, nothing else. */
  parseFetchMs: number;
  reconcileParseRatio: number;
  peakRssMb: number;
  /** The floor of the peak: the built process's RSS before it did anything. */
  rssAtStartMb: number;
  details: Record<string, unknown>;
}

export async function benchSweep(): Promise<SweepFigures> {
  progress(`sweep: seeding ${SWEEP_SESSIONS.toLocaleString('en')} Love&Pay sessions in a separate process; building the measuring process`);
  const [sandbox, built] = await Promise.all([
    startRemoteSandbox({ sessions: SWEEP_SESSIONS, now: Date.parse('2025-03-01T12:00:00Z') }),
    buildBenchEntry('sweep-child.ts'),
  ]);
  try {
    // For the figures' analysis: BENCH_CPU_PROF=<dir>, a CPU profile of the measuring process (node --cpu-prof);
    // BENCH_NODE_FLAGS, more node flags for it (--trace-gc: what it prints is passed on to stderr).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
    const flags = process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...profile, ...flags, built, JSON.stringify({ urls: sandbox.urls, credentials: sandbox.credentials })], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    for await (const line of lines) {
      if (!line.startsWith('{')) {
        process.stderr.write(`${line}\n`);
        continue;
      }
      const result = JSON.parse(line) as SweepFigures | { error: string };
      if ('error' in result) throw new Error(`the sweep process failed: ${result.error}`);
      await exited;
      return result;
    }
    throw new Error(`the sweep process exited (${await exited}) without figures`);
  } finally {
    await sandbox.close();
  }
}
