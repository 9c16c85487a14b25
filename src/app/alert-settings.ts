/**
 * What the alert watcher needs from configuration, and what it reports back
 * to metrics and the store.
 */
import { sweepSucceeded, type DeliveryReport, type SweepReport } from '../alerts/index.js';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../log.js';
import type { MetricsRecorder } from '../observability/metrics.js';
import type { Store } from '../store/types.js';
import type { ChatRef } from '../domain/chat.js';

/** Where the leader writes its last successful sweep, so every replica's /readyz can read it. */
export const LAST_SWEEP_CURSOR = 'alerts.last_successful_sweep';

/** ALERT_SLACK_CHANNELS and ALERT_TELEGRAM_CHATS as chats, plus `extraChats` (the console's). */
export function staticAlertChats(config: Config, extraChats: ChatRef[]): ChatRef[] {
  return [
    ...config.ALERT_SLACK_CHANNELS.map((chatId) => ({ platform: 'slack' as const, chatId })),
    ...config.ALERT_TELEGRAM_CHATS.map((chatId) => ({ platform: 'telegram' as const, chatId })),
    ...extraChats,
  ];
}

export function recordSweep(report: SweepReport, metrics: MetricsRecorder, store: Pick<Store, 'setCursor'>, logger: Logger): void {
  if (!report.leader) return;
  const durationMs = report.finishedAt.getTime() - report.startedAt.getTime();
  for (const result of report.results) {
    metrics.recordSweep({ source: result.source, durationMs, ok: true, at: report.finishedAt });
    metrics.recordAlerts('queued', result.queued);
  }
  for (const failure of report.failures) metrics.recordSweep({ source: failure.source, durationMs, ok: false });
  if (sweepSucceeded(report)) {
    store
      .setCursor(LAST_SWEEP_CURSOR, report.finishedAt.toISOString())
      .catch((error: unknown) => logger.warn({ err: error }, 'could not store the last sweep time'));
  }
}

export function recordDelivery(report: DeliveryReport, metrics: MetricsRecorder): void {
  metrics.recordAlerts('sent', report.sent, 'all');
  metrics.recordAlerts('retried', report.retried, 'all');
  metrics.recordAlerts('failed', report.failed, 'all');
}
