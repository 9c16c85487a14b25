import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { SLACK_CHANNEL, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

describe('alerts running on their own', () => {
  let h: AlertsHarness;
  const open = () => h.sandbox.data.sessions.filter((s) => s.status === 'IN_PROGRESS' || s.status === 'NOT_STARTED');

  beforeEach(async () => {
    h = await startAlertsHarness();
    await h.subscribe(SLACK_CHANNEL);
  });
  afterEach(() => h.close());

  it('posts a transition found by a scheduled sweep without being asked to deliver', async () => {
    const alerts = h.newAlerts({ cron: '* * * * * *' });
    await alerts.start();
    await waitFor(() => alerts.lastSuccessfulSweepAt(), { timeoutMs: 5_000, message: 'the baseline sweep' });
    const session = open()[0]!;
    h.sandbox.control.setSessionStatus(session.id, 'APPROVED');

    const [message] = await waitFor(() => (h.slack.messages.length > 0 ? h.slack.messages : null), {
      timeoutMs: 5_000,
      message: 'the alert posted',
    });
    await alerts.stop();

    expect(message!.reply.title).toBe(`APPROVED · Love&Pay session ${session.id.slice(0, 8)}`);
  });

  it('stops within its bound while pacing, handing unsent alerts back for the next start', async () => {
    const alerts = h.newAlerts({ cron: '0 0 1 1 *' });
    await alerts.sweepOnce();
    const [first, second] = open();
    h.sandbox.control.setSessionStatus(first!.id, 'APPROVED');
    h.sandbox.control.setSessionStatus(second!.id, 'APPROVED');
    await alerts.sweepOnce();
    await alerts.start();
    // Two alerts to one channel go a second apart: stop while the second waits its turn.
    await waitFor(() => h.slack.messages.length === 1, { timeoutMs: 5_000 });
    const stopping = Date.now();
    await alerts.stop();

    expect(Date.now() - stopping).toBeLessThan(900);
    expect(h.slack.messages).toHaveLength(1);
    expect(await h.store.outboxDepth()).toBe(1);

    const restarted = h.newAlerts();
    const report = await restarted.deliverOnce();
    expect(report).toMatchObject({ claimed: 1, sent: 1 });
    expect(h.slack.messages.map((m) => m.reply.title)).toEqual([
      `APPROVED · Love&Pay session ${second!.id.slice(0, 8)}`,
      `APPROVED · Love&Pay session ${first!.id.slice(0, 8)}`,
    ]);
  });
});
