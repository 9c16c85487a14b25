/**
 * `startupMs`: from spawning the app (`node --import tsx src/main.ts`) in
 * sandbox mode to GET /readyz answering 200. The app's stdin stays open (the
 * console chat exits at end of input); after readiness it gets SIGTERM and
 * must exit. Median of a few runs.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './child.js';
import { median, progress, round } from './stats.js';

const RUNS = 3;
const READY_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 20_000;
const MAIN = path.join(REPO_ROOT, 'src', 'main.ts');
/** Configuration that would take the app out of sandbox mode or away from the console chat (DESIGN.md, "Configuration"). */
const CLEARED = /^(LOVEANDPAY_|BANK131_|STRIPE_|SLACK_|TELEGRAM_|ALERT_|SANDBOX|DATABASE_URL$|PORT$|HOST$)/;

export interface StartupFigures {
  /** null when src/main.ts does not exist. */
  startupMs: number | null;
  details: Record<string, unknown>;
}

export async function benchStartup(): Promise<StartupFigures> {
  if (!fs.existsSync(MAIN)) return { startupMs: null, details: { missing: 'src/main.ts does not exist' } };
  progress(`startup: ${RUNS} runs of src/main.ts in sandbox mode until /readyz answers 200`);
  const runs: Array<{ readyMs: number; exitMs: number; exitCode: number | null }> = [];
  for (let run = 0; run < RUNS; run += 1) runs.push(await startOnce());
  return {
    startupMs: round(median(runs.map((r) => r.readyMs)), 0),
    details: {
      runsMs: runs.map((r) => round(r.readyMs, 0)),
      sigtermExitMs: runs.map((r) => round(r.exitMs, 0)),
      exitCodes: runs.map((r) => r.exitCode),
    },
  };
}

async function startOnce(): Promise<{ readyMs: number; exitMs: number; exitCode: number | null }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !CLEARED.test(key)));
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', KYC_DESK_IGNORE_DOTENV: '1', LOG_LEVEL: 'silent', DATABASE_URL: 'file::memory:' });
  const started = performance.now();
  const app = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
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
  return { readyMs, exitMs: performance.now() - stopping, exitCode };
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
