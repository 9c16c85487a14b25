/**
 * One KYC Desk replica, started in this process the way main.ts starts it
 * (startApp), against live-mode providers (the shared sandbox emulators),
 * Slack in HTTP mode against the fake Slack, and the shared PostgreSQL
 * database. Its provider traffic goes through proxies of its own, so the
 * test sees which replica swept and when; its log lines are kept for a
 * failure report.
 */
import { startApp, type App } from '../../../src/app/create-app.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import type { FakeSlack } from '../../support/fake-slack.js';
import { startRecordingProxy, type ProxiedRequest, type RecordingProxy } from './recording-proxy.js';

export const ALERT_CHANNELS = ['C1', 'C2'] as const;

export interface Replica {
  name: string;
  /** Its Slack bot token: the fake Slack records it with every call, so posts show which replica made them. */
  slackToken: string;
  app: App;
  /** Every request this replica made to a provider, oldest first. */
  providerRequests(): ProxiedRequest[];
  /** Its JSON log lines. */
  logs: string[];
  /** app.stop(), once however often it is called. */
  stop(): Promise<void>;
  /** Stops the app (if still running) and its proxies. */
  close(): Promise<void>;
}

export interface ReplicaOptions {
  name: string;
  sandbox: Sandbox;
  slack: FakeSlack;
  databaseUrl: string;
  /** Variables set on top of the replica's own (e.g. a slower ALERT_CRON). */
  env?: Record<string, string>;
}

export async function startReplica({ name, sandbox, slack, databaseUrl, env: extraEnv = {} }: ReplicaOptions): Promise<Replica> {
  const proxies: RecordingProxy[] = [];
  const proxied = async (target: string) => {
    const proxy = await startRecordingProxy(new URL(target).origin);
    proxies.push(proxy);
    return proxy.base(target);
  };
  const logs: string[] = [];
  const slackToken = `xoxb-4242424242-${name}-bot-token`;
  let app: App | undefined;
  try {
    const env: NodeJS.ProcessEnv = {
      ...sandbox.env,
      LOVEANDPAY_BASE_URL: await proxied(sandbox.urls.loveandpay),
      BANK131_BASE_URL: await proxied(sandbox.urls.bank131),
      STRIPE_API_BASE: await proxied(sandbox.urls.stripe),
      SANDBOX: 'false',
      KYC_DESK_IGNORE_DOTENV: '1',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: slackToken,
      SLACK_SIGNING_SECRET: 'replicas-signing-secret-0123456789',
      SLACK_API_URL: slack.apiUrl,
      ALERT_SLACK_CHANNELS: ALERT_CHANNELS.join(','),
      ALERT_CRON: '* * * * * *',
      LOG_LEVEL: 'info',
      ...extraEnv,
    };
    app = await startApp({ env, host: '127.0.0.1', logDestination: { write: (line: string) => void logs.push(line) } });
  } catch (error) {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    throw error;
  }
  const running = app;
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= running.stop());
  return {
    name,
    slackToken,
    app: running,
    providerRequests: () => proxies.flatMap((proxy) => proxy.requests()).sort((a, b) => a.at - b.at),
    logs,
    stop,
    close: async () => {
      await stop();
      await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
    },
  };
}
