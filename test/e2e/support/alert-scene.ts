/**
 * What the child-process alert tests share: the provider emulators in the
 * test process (they outlive the app's restarts), a fake Slack behind a gate,
 * a SQLite file that survives restarts, and the environment that points a
 * live-mode app (SANDBOX=false) at all of them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/index.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { waitFor } from '../../support/wait-for.js';
import { startChildApp, type ChildApp } from './child-app.js';
import { startSlackGate, type SlackGate } from './slack-gate.js';

export interface AlertScene {
  sandbox: Sandbox;
  slack: FakeSlack;
  gate: SlackGate;
  databaseFile: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** `name` tells the temp directory and the bot token apart; `channels` get every alert (ALERT_SLACK_CHANNELS). */
export async function startAlertScene(name: string, sandboxOptions: SandboxOptions, channels: string[]): Promise<AlertScene> {
  const sandbox = await startSandbox(sandboxOptions);
  const slack = await startFakeSlack();
  const gate = await startSlackGate(slack);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kyc-desk-${name}-`));
  const databaseFile = path.join(dir, 'app.sqlite');
  return {
    sandbox,
    slack,
    gate,
    databaseFile,
    env: {
      ...sandbox.env,
      SANDBOX: 'false',
      DATABASE_URL: `file:${databaseFile}`,
      SLACK_BOT_TOKEN: `xoxb-e2e-${name}-test`,
      SLACK_SIGNING_SECRET: `e2e-${name}-signing-secret`,
      SLACK_API_URL: gate.apiUrl,
      ALERT_SLACK_CHANNELS: channels.join(','),
      ALERT_CRON: '* * * * * *',
    },
    close: async () => {
      await gate.close();
      await slack.close();
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app, started and past its silent baseline sweeps (transitions before them would not be announced). */
export async function startPastBaseline(env: Record<string, string>): Promise<ChildApp> {
  const app = await startChildApp(env);
  await waitFor(() => app.logged('alert baseline recorded').length >= 2, { timeoutMs: 20_000, message: 'the baseline sweeps' });
  return app;
}
