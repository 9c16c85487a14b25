import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { builtApp } from '../support/built-app.js';
import { waitFor } from '../support/wait-for.js';


describe('npm run sandbox', () => {
  it('prints the nine variables, webhook secrets included, serves the emulators and stops on SIGTERM', async () => {
    const app = builtApp('sandbox/cli');
    const child = spawn(app.command, app.args, {
      cwd: app.cwd,
      env: { ...process.env, SANDBOX_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    try {
      const lines = await waitFor(() => (out.split('\n').filter(Boolean).length >= 9 ? out.split('\n').filter(Boolean) : null), {
        timeoutMs: 15_000,
      });
      const env = Object.fromEntries(lines.map((line) => line.split(/=(.*)/s).slice(0, 2)));
      expect(Object.keys(env)).toEqual([
        'LOVEANDPAY_BASE_URL',
        'LOVEANDPAY_API_KEY',
        'LOVEANDPAY_SECRET_KEY',
        'BANK131_BASE_URL',
        'BANK131_PROJECT',
        'STRIPE_API_BASE',
        'STRIPE_SECRET_KEY',
        'LOVEANDPAY_WEBHOOK_SECRET',
        'STRIPE_WEBHOOK_SECRET',
      ]);
      expect(env.STRIPE_WEBHOOK_SECRET).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
      expect(env.LOVEANDPAY_WEBHOOK_SECRET).toMatch(/^lpwh_test_[A-Za-z0-9]{32}$/);
      expect(env.LOVEANDPAY_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/);
      expect(env.BANK131_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\.1$/);
      const health = await fetch(`${env.STRIPE_API_BASE}/_sandbox/health`).then((r) => r.json());
      expect(health).toEqual({ ok: true, provider: 'stripe' });
      const check = await fetch(`${env.BANK131_BASE_URL}/check/1`, { headers: { 'X-PARTNER-PROJECT': env.BANK131_PROJECT! } });
      expect(check.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
