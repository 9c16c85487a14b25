/**
 * GET /healthz, /readyz and /metrics for this app: readiness asks the store,
 * each chat platform, and the last successful sweep of whichever replica
 * leads (alerts keep it in the store, so followers stay ready). /readyz also
 * shows when each configured webhook last came, without failing on it.
 */
import type { Alerts } from '../alerts/index.js';
import type { ChatFrontEnd, Route } from '../domain/front-end.js';
import { cronIntervalMs } from '../observability/cron-interval.js';
import { createHealthRoutes } from '../observability/health-routes.js';
import type { Metrics } from '../observability/metrics.js';
import { createReadinessCheck } from '../observability/readiness.js';
import type { Store } from '../store/types.js';

export interface ProbeDeps {
  store: Store;
  metrics: Metrics;
  frontEnds: readonly ChatFrontEnd[];
  alerts: Alerts;
  cron: string;
  timeZone: string;
  draining: () => boolean;
}

export function createProbes({ store, metrics, frontEnds, alerts, cron, timeZone, draining }: ProbeDeps): Route[] {
  const readiness = createReadinessCheck({
    pingStore: () => store.ping(),
    chats: Object.fromEntries(frontEnds.map((frontEnd) => [frontEnd.platform, () => frontEnd.isConnected()])),
    sweep: {
      lastSuccessAt: async () => {
        // Readiness waits on sweeps only where alerts are configured (DESIGN.md, /readyz).
        if (!(await alertsConfigured(store))) return new Date();
        return alerts.lastSuccessfulSweepOfAnyReplicaAt();
      },
      intervalMs: cronIntervalMs(cron, timeZone),
    },
    pausedDelivery: () => alerts.pausedPlatforms(),
    draining,
    info: () => webhookInfo(alerts),
  });
  return createHealthRoutes({ readiness, metrics });
}

/** `{webhooks: {stripe: {lastReceivedAt}}}` for each provider whose webhook secret is set; nothing without any. */
function webhookInfo(alerts: Alerts): Record<string, unknown> {
  const status = alerts.webhookStatus();
  if (status.length === 0) return {};
  return {
    webhooks: Object.fromEntries(status.map(({ provider, lastReceivedAt }) => [provider, { lastReceivedAt: lastReceivedAt?.toISOString() ?? null }])),
  };
}

/** Someone expects alerts: a subscription (static ones included) or a watched Bank 131 check. */
async function alertsConfigured(store: Store): Promise<boolean> {
  const [subscriptions, watches] = await Promise.all([store.listSubscriptions(), store.listWatches()]);
  return subscriptions.some((subscription) => subscription.disabledReason === null) || watches.length > 0;
}
