import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SweepReport } from '../../src/alerts/index.js';
import { InvalidCronError } from '../../src/alerts/watcher.js';
import { waitFor } from '../support/wait-for.js';
import { startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

describe('the sweep schedule', () => {
  let h: AlertsHarness;
  beforeEach(async () => {
    h = await startAlertsHarness();
  });
  afterEach(() => h.close());

  it('sweeps on a cron expression with a seconds field, never starting one while the last still runs', async () => {
    // Every Love&Pay answer takes 1.2 s, so each sweep outlasts the one-second tick.
    h.sandbox.control.setLatency('loveandpay', 1_200);
    const reports: SweepReport[] = [];
    const alerts = h.newAlerts({ cron: '* * * * * *', onSweep: (report) => reports.push(report) });

    await alerts.start();
    await waitFor(() => reports.length >= 3, { timeoutMs: 15_000, message: 'three scheduled sweeps' });
    await alerts.stop();

    expect(reports.every((report) => report.leader && report.failures.length === 0)).toBe(true);
    for (let i = 1; i < reports.length; i += 1) {
      const previous = reports[i - 1]!;
      const current = reports[i]!;
      expect(current.startedAt.getTime()).toBeGreaterThanOrEqual(previous.finishedAt.getTime());
      // A tick that came while the previous sweep ran was skipped, not queued behind it.
      expect(current.startedAt.getTime() - previous.startedAt.getTime()).toBeGreaterThanOrEqual(1_500);
    }
    expect(alerts.lastSuccessfulSweepAt()?.getTime()).toBe(reports.at(-1)!.finishedAt.getTime());
  }, 30_000);

  it('refuses an expression node-cron cannot read, naming ALERT_CRON', async () => {
    const alerts = h.newAlerts({ cron: 'every minute' });
    await expect(alerts.start()).rejects.toThrow(InvalidCronError);
    await expect(alerts.start()).rejects.toThrow(/^ALERT_CRON: /);
  });
});
