/**
 * What the alert watcher needs from configuration, and what it reports back
 * to metrics.
 */
import type { DeliveryReport, SweepReport, WebhookIntake } from '../alerts/index.js';
import type { Config } from '../config/load-config.js';
import type { ChatRef } from '../domain/chat.js';
import type { MetricsRecorder } from '../observability/metrics.js';
import type { Sandbox } from '../sandbox/index.js';
import type { WebhookProvider } from '../store/types.js';

/** ALERT_SLACK_CHANNELS and ALERT_TELEGRAM_CHATS as chats, plus `extraChats` (the console's). */
export function staticAlertChats(config: Config, extraChats: ChatRef[]): ChatRef[] {
  return [
    ...config.ALERT_SLACK_CHANNELS.map((chatId) => ({ platform: 'slack' as const, chatId })),
    ...config.ALERT_TELEGRAM_CHATS.map((chatId) => ({ platform: 'telegram' as const, chatId })),
    ...extraChats,
  ];
}

export function recordSweep(report: SweepReport, metrics: MetricsRecorder): void {
  if (!report.leader) return;
  const durationMs = report.finishedAt.getTime() - report.startedAt.getTime();
  for (const result of report.results) {
    metrics.recordSweep({ source: result.source, durationMs, ok: true, at: report.finishedAt });
    metrics.recordAlerts('queued', result.queued);
  }
  for (const failure of report.failures) metrics.recordSweep({ source: failure.source, durationMs, ok: false });
}

export function recordDelivery(report: DeliveryReport, metrics: MetricsRecorder): void {
  metrics.recordAlerts('sent', report.sent, 'all');
  metrics.recordAlerts('retried', report.retried, 'all');
  metrics.recordAlerts('failed', report.failed, 'all');
}

/**
 * LOVEANDPAY_WEBHOOK_SECRET and STRIPE_WEBHOOK_SECRET; in sandbox mode the
 * emulators' own secrets stand in for unset ones, so the demo's webhooks are
 * taken. A provider absent from the result has no receiver (404).
 */
export function webhookSecrets(config: Config, sandbox: Sandbox | null): Partial<Record<WebhookProvider, string>> {
  const loveandpay = config.LOVEANDPAY_WEBHOOK_SECRET ?? sandbox?.webhooks.secrets.loveandpay;
  const stripe = config.STRIPE_WEBHOOK_SECRET ?? sandbox?.webhooks.secrets.stripe;
  return { ...(loveandpay && { loveandpay }), ...(stripe && { stripe }) };
}

export function recordWebhook(intake: WebhookIntake, metrics: MetricsRecorder): void {
  metrics.recordWebhook(intake.provider, intake.result, intake.result === 'rejected' ? intake.reason : undefined);
}
