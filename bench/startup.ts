/**
 * Start-up, the built app against the sources, side by side: from spawning
 * `node dist/main.js` (what `npm start` runs) or `node --import tsx
 * src/main.ts` (`npm run dev`) in sandbox mode to GET /readyz answering 200,
 * and the process's resident memory at that moment. The floor beside them:
 * a bare node process whose HTTP server answers /readyz 200 at once, timed
 * the same way. Runs alternate between the three, so all see the same
 * machine; medians of a few runs each. After readiness each gets SIGTERM
 * and must exit.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './child.js';
import { median, progress, round } from './stats.js';

const RUNS = 5;
const READY_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 20_000;
/** Configuration that would take the app out of sandbox mode or away from the console chat (DESIGN.md, "Configuration"). */
const CLEARED = /^(LOVEANDPAY_|BANK131_|STRIPE_|SLACK_|TELEGRAM_|ALERT_|SANDBOX|DATABASE_URL$|PORT$|HOST$)/;

/** The least any node process takes to answer /readyz: start, listen, answer. */
const FLOOR_SCRIPT = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1'); process.on('SIGTERM', () => process.exit(0));`;

const VARIANTS = {
  built: ['--enable-source-maps', path.join(REPO_ROOT, 'dist', 'main.js')],
  tsx: ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'main.ts')],
  floor: ['-e', FLOOR_SCRIPT],
} as const;
type Variant = keyof typeof VARIANTS;

interface Run {
  readyMs: number;
  rssMb: number;
  exitMs: number;
  exitCode: number | null;
}

export interface StartupFigures {
  /** The built app (npm start), median ms to /readyz 200. */
  startupMs: number;
  /** A bare node HTTP server, the same way: the floor of startupMs. */
  nodeFloorMs: number;
  /** The sources under tsx (npm run dev), the same way. */
  startupTsxMs: number;
  /** tsx / built: how many times faster the build starts. */
  startupSpeedup: number;
  /** Resident memory when /readyz first answers 200, median MB. */
  rssAtStartMb: number;
  rssAtStartTsxMb: number;
  details: Record<string, unknown>;
}

export async function benchStartup(): Promise<StartupFigures> {
  progress('startup: npm run build');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  progress(`startup: ${RUNS} runs each of dist/main.js, src/main.ts under tsx and a bare node server, alternating, until /readyz answers 200`);
  const runs: Record<Variant, Run[]> = { built: [], tsx: [], floor: [] };
  for (let run = 0; run < RUNS; run += 1) {
    for (const variant of ['built', 'tsx', 'floor'] as const) runs[variant].push(await startOnce(variant));
  }
  const ready = (variant: Variant) => median(runs[variant].map((r) => r.readyMs));
  const rss = (variant: Variant) => median(runs[variant].map((r) => r.rssMb));
  return {
    startupMs: round(ready('built'), 0),
    nodeFloorMs: round(ready('floor'), 0),
    startupTsxMs: round(ready('tsx'), 0),
    startupSpeedup: round(ready('tsx') / ready('built'), 2),
    rssAtStartMb: round(rss('built'), 0),
    rssAtStartTsxMb: round(rss('tsx'), 0),
    details: Object.fromEntries(
      (['built', 'tsx', 'floor'] as const).map((variant) => [
        variant,
        {
          readyMs: runs[variant].map((r) => round(r.readyMs, 0)),
          rssMb: runs[variant].map((r) => round(r.rssMb, 0)),
          sigtermExitMs: runs[variant].map((r) => round(r.exitMs, 0)),
          exitCodes: runs[variant].map((r) => r.exitCode),
        },
      ]),
    ),
  };
}

async function startOnce(variant: Variant): Promise<Run> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !CLEARED.test(key)));
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', KYC_DESK_IGNORE_DOTENV: '1', LOG_LEVEL: 'silent', DATABASE_URL: 'file::memory:' });
  const started = performance.now();
  const app = spawn(process.execPath, [...VARIANTS[variant]], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4_000));
  app.stdout.on('data', keep);
  app.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
  let readyMs: number;
  try {
    readyMs = (await untilReady(port, () => app.exitCode !== null)) - started;
  } catch (error) {
    app.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  }
  const rssMb = residentMb(app.pid!);
  const stopping = performance.now();
  app.kill('SIGTERM');
  const exitCode = await Promise.race([
    exited,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), EXIT_TIMEOUT_MS)),
  ]);
  if (exitCode === 'timeout') {
    app.kill('SIGKILL');
    throw new Error(`the app did not exit within ${EXIT_TIMEOUT_MS} ms of SIGTERM`);
  }
  return { readyMs, rssMb, exitMs: performance.now() - stopping, exitCode };
}

/** VmRSS of a process (Linux /proc), in MB. */
function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Polls /readyz; resolves with performance.now() of the first 200. */
async function untilReady(port: number, exited: () => boolean): Promise<number> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited()) throw new Error('the app exited before it was ready');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`/readyz did not answer 200 within ${READY_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
