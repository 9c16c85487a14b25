/**
 * `npm start` as a newcomer runs it: no configuration, so sandbox mode with
 * the console chat. Runs the built app as a child process with piped input.
 */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app/create-app.js';
import { builtApp } from '../support/built-app.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built app (dist/main.js) with `input` piped to stdin and a clean environment plus `env`. */
function runMain(input: string, env: Record<string, string> = {}, args: string[] = []): Promise<Run> {
  const app = builtApp('main', args);
  return new Promise((resolve, reject) => {
    const child = spawn(app.command, app.args, {
      cwd: app.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KYC_DESK_IGNORE_DOTENV: '1', PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm start with no configuration', () => {
  it('answers every piped command line from the sandbox and exits 0 at the end of input', async () => {
    const run = await runMain('/kyc approved\n/check 7\n/kyc stripe\n/receipt nonsense\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sandbox mode');
    expect(run.stdout).toContain('Love&Pay KYC sessions: approved');
    // Counts say their window (issue 15).
    expect(run.stdout).toMatch(/By status, all time: approved \d+/);
    expect(run.stdout).toContain('Bank 131 check 7');
    expect(run.stdout).toContain('Stripe');
    expect(run.stdout).toContain('/receipt');
    expect(run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(run.stderr).toBe('');
  }, 60_000);

  it('answers in Russian when LOCALE=ru', async () => {
    const run = await runMain('/check 7\n', { LOCALE: 'ru' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('режим песочницы');
    // Numbers are not run together with the bank's name (issue 15): «Проверка Банка 131 № 7».
    expect(run.stdout).toContain('Проверка Банка 131 № 7');
  }, 60_000);
});

describe('npm start -- --check-config', () => {
  it('prints the effective configuration with secrets masked and exits 0', async () => {
    const token = 'xoxb-1111111111-2222222222-AbCdEfGhIjKlMnOp';
    const run = await runMain('', { SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef' }, ['--check-config']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SANDBOX=true');
    expect(run.stdout).toContain('SLACK_BOT_TOKEN=xoxb-');
    expect(run.stdout).not.toContain(token);
    expect(run.stdout).not.toContain('abcdef0123456789abcdef');
  }, 60_000);

  it('names each invalid variable on one line and exits 1 without echoing values', async () => {
    const run = await runMain('', { PORT: 'eighty', TZ_DISPLAY: 'Mars/Olympus' }, ['--check-config']);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual(['PORT', 'TZ_DISPLAY']);
    expect(run.stderr).not.toContain('eighty');
  }, 60_000);
});

describe('npm start with a bad configuration', () => {
  it('stops with one line naming the variable, before starting anything', async () => {
    const run = await runMain('/kyc\n', { STRIPE_SECRET_KEY: 'sk_test_x', SLACK_BOT_TOKEN: 'xoxb-lonely-token' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
    expect(run.stdout).toBe('');
  }, 60_000);
});

describe('the sandbox demo in the console', () => {
  let app: App | undefined;
  afterAll(async () => {
    await app?.stop();
  });

  it('shows an alert in the console when the demo clock moves a session to a final status', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    app = await startApp({
      env: { KYC_DESK_IGNORE_DOTENV: '1', PORT: '0', ALERT_CRON: '* * * * * *', LOG_LEVEL: 'silent' },
      host: '127.0.0.1',
      input,
      output,
    });
    await waitFor(() => app!.alerts.lastSuccessfulSweepAt(), { timeoutMs: 10_000, message: 'the baseline sweep' });
    const moved = app.sandbox!.control.demoTick().filter((transition) => ['APPROVED', 'DECLINED'].includes(transition.to));
    expect(moved.length).toBeGreaterThan(0);
    const first = moved[0]!;
    await waitFor(() => shown.includes(first.to) && shown.includes(first.id.slice(0, 8)), {
      timeoutMs: 10_000,
      message: 'the alert in the console',
    });
    input.end();
    await app.consoleDone;
  }, 30_000);
});

describe('a stop that comes as soon as the app is ready', () => {
  it('exits 0 on a SIGTERM sent the moment /readyz first answers 200', async () => {
    const port = await freePort();
    const app = builtApp('main');
    const child = spawn(app.command, app.args, {
      cwd: app.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KYC_DESK_IGNORE_DOTENV: '1', PORT: String(port), HOST: '127.0.0.1' },
      // The console chat's input stays open, so only the signal can stop the app.
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // An orchestrator sends SIGTERM as soon as the probe passes: main.ts must already listen for it then.
    await waitFor(
      async () => {
        const status = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => null);
        return status === 200;
      },
      { timeoutMs: 20_000, intervalMs: 5, message: '/readyz 200' },
    );
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  }, 30_000);
});

describe('readiness while one provider is down', () => {
  let app: App | undefined;
  afterAll(async () => {
    await app?.stop();
  });

  it('stays ready while Stripe fails every sweep and Love&Pay and Bank 131 still answer', async () => {
    app = await startApp({
      env: { KYC_DESK_IGNORE_DOTENV: '1', PORT: '0', ALERT_CRON: '* * * * * *', LOG_LEVEL: 'silent' },
      host: '127.0.0.1',
      input: new PassThrough(),
      output: new PassThrough(),
    });
    await waitFor(() => app!.alerts.lastSuccessfulSweepAt(), { timeoutMs: 10_000, message: 'the baseline sweep' });
    app.sandbox!.control.failRate('stripe', 1, 500);
    // Four failed Stripe sweeps a second apart: more than the three intervals readiness allows a dead loop.
    await waitFor(
      async () => {
        const metrics = await (await fetch(`${app!.url}/metrics`)).text();
        const failed = /kyc_desk_sweep_duration_seconds_count\{source="stripe",result="error"\} (\d+)/.exec(metrics);
        return Number(failed?.[1] ?? 0) >= 4;
      },
      { timeoutMs: 20_000, intervalMs: 200, message: 'four failed Stripe sweeps' },
    );
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
  }, 40_000);
});
