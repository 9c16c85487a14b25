/**
 * One alerts test setup: the real sandbox emulators, a real SQLite store in a
 * temporary file, provider clients pointed at the sandbox, and recording
 * senders. `newAlerts()` builds another app instance on the same database,
 * the way a restart would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAlerts, type Alerts, type AlertsOptions } from '../../../src/alerts/index.js';
import type { ChatRef } from '../../../src/domain/chat.js';
import { createProviders, type Providers } from '../../../src/providers/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/index.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { recordingSender, type RecordingSender } from './recording-sender.js';

export interface AlertsHarness {
  sandbox: Sandbox;
  store: Store;
  databaseUrl: string;
  providers: Providers;
  slack: RecordingSender;
  telegram: RecordingSender;
  alerts: Alerts;
  /** Another app instance on the same database and sandbox (a restart); the old one is left as it is. */
  newAlerts(overrides?: Partial<AlertsOptions>): Alerts;
  /** Opens a second connection to the same database file. */
  reopenStore(): Promise<Store>;
  subscribe(chat: ChatRef, filter?: { outcomes?: ('APPROVED' | 'DECLINED')[]; providers?: ('loveandpay' | 'stripe' | 'bank131')[] }): Promise<void>;
  close(): Promise<void>;
}

export async function startAlertsHarness(
  options: { sandbox?: SandboxOptions; alerts?: Partial<AlertsOptions>; taggedSlack?: boolean } = {},
): Promise<AlertsHarness> {
  const sandbox = await startSandbox({ customers: 60, ...options.sandbox });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-alerts-'));
  const databaseUrl = `file:${path.join(dir, 'store.sqlite')}`;
  const store = await openStore(databaseUrl);
  const providers = createProviders({
    loveandpay: { baseUrl: sandbox.urls.loveandpay, apiKey: sandbox.credentials.loveandpayApiKey, secretKey: sandbox.credentials.loveandpaySecretKey },
    bank131: { baseUrl: sandbox.urls.bank131, project: sandbox.credentials.bank131Project },
    stripe: { apiBase: sandbox.urls.stripe, secretKey: sandbox.credentials.stripeSecretKey },
    retry: { baseDelayMs: 5 },
  });
  const slack = recordingSender('slack', { tagged: options.taggedSlack });
  const telegram = recordingSender('telegram');
  const stores: Store[] = [store];
  const instances: Alerts[] = [];

  const newAlerts = (overrides: Partial<AlertsOptions> = {}) => {
    const alerts = createAlerts({
      store,
      providers,
      senders: { slack, telegram },
      timeZone: 'Europe/Moscow',
      ...options.alerts,
      ...overrides,
    });
    instances.push(alerts);
    return alerts;
  };

  return {
    sandbox,
    store,
    databaseUrl,
    providers,
    slack,
    telegram,
    alerts: newAlerts(),
    newAlerts,
    async reopenStore() {
      const another = await openStore(databaseUrl);
      stores.push(another);
      return another;
    },
    async subscribe(chat, filter = {}) {
      await store.subscribe({
        chat,
        outcomes: filter.outcomes ?? [],
        providers: filter.providers ?? [],
        source: 'command',
        createdBy: 'U-test',
        now: new Date(),
      });
    },
    async close() {
      for (const alerts of instances) await alerts.stop();
      await providers.close();
      await sandbox.close();
      for (const each of stores) await each.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SLACK_CHANNEL: ChatRef = { platform: 'slack', chatId: 'C0ALERTS' };
export const TELEGRAM_GROUP: ChatRef = { platform: 'telegram', chatId: '-100200300' };

/** Ids of sessions in a status, newest first, from the sandbox's live data. */
export function sessionIds(sandbox: Sandbox, status: string): string[] {
  return sandbox.data.sessions.filter((session) => session.status === status).map((session) => session.id);
}
