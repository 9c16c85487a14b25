/**
 * The sandbox demo has a month of history at once (issue 18: "The sandbox
 * demo has 30 days of seeded history so `/kyc stats 30d` shows a meaningful
 * chart at once"): the emulators' seeds span 30 days, the start-up sweep and
 * the first run's backfill put them in the index, and the console prints the
 * figures and where it wrote the chart.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleApp } from '../support/console-app.js';
import { decodePng } from '../support/png.js';

const DAY = 86_400_000;

describe('the demo', () => {
  let demo: ConsoleApp | undefined;
  let saved: string | undefined;
  afterEach(async () => {
    await demo?.app.stop();
    if (saved) fs.rmSync(saved, { force: true });
  });

  it('answers /kyc stats 30d at start with a month of verdicts spread over the days, and a chart written to a file', async () => {
    demo = await startConsoleApp({ customers: 60 });
    demo.input.write('/kyc stats 30d\n');
    await demo.seen('File saved: ');
    const text = demo.printed().slice(demo.printed().indexOf('KYC stats: the last 30 days'));
    const approved = Number(/^Approved: (\d+)/m.exec(text)?.[1]);
    expect(approved).toBeGreaterThan(20);
    expect(text).toMatch(/^Declined: \d+/m);
    expect(text).toMatch(/^Median time to verdict: \d+ mins?/m);
    expect(text).toContain('Top decline reasons');

    // A meaningful chart: verdicts on most days of the month, no day holding the bulk of them.
    const rows = await demo.app.store.verdictHistory({ from: new Date(Date.now() - 30 * DAY), to: new Date(), providers: [] });
    const verdicts = rows.filter((row) => row.outcome === 'APPROVED' || row.outcome === 'DECLINED');
    const perDay = new Map<number, number>();
    for (const row of verdicts) perDay.set(Math.floor(row.at / DAY), (perDay.get(Math.floor(row.at / DAY)) ?? 0) + 1);
    expect(perDay.size).toBeGreaterThanOrEqual(20);
    expect(Math.max(...perDay.values())).toBeLessThan(verdicts.length / 5);
    for (const provider of ['loveandpay', 'stripe', 'bank131']) expect(verdicts.some((row) => row.provider === provider), provider).toBe(true);

    saved = /File saved: (.+)$/m.exec(text)![1]!;
    const png = decodePng(fs.readFileSync(saved));
    expect(png.width).toBeGreaterThan(png.height);
    demo.input.end();
    await demo.app.consoleDone;
  });
});
