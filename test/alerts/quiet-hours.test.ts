/**
 * Noise control per subscription (issue 17): `/kyc subscribe ...
 * quiet:22:00-08:00` holds the chat's alerts during those hours in
 * TZ_DISPLAY and posts them as one digest when they end. The alerts' clock
 * is injected, so the night passes at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caller, shown, startCardScene, type CardScene } from './helpers/card-scene.js';
import { sessionIds } from './helpers/harness.js';

const QUIET = 'C0QUIET1';
const AWAKE = 'C0AWAKE1';
/** 23:00 in Moscow (UTC+3, TZ_DISPLAY here), inside 22:00-08:00. */
const NIGHT = Date.parse('2025-03-03T20:00:00Z');
const MORNING = Date.parse('2025-03-04T05:00:00Z');

describe('quiet hours', () => {
  let scene: CardScene;
  let now = NIGHT;
  beforeEach(async () => {
    now = NIGHT;
    scene = await startCardScene({ alerts: { now: () => new Date(now) } });
  });
  afterEach(() => scene.close());

  it('holds a quiet subscription’s alerts and posts them as one digest when the hours end, while another chat gets them at once', async () => {
    const who = { userId: 'U0ADMIN', userName: 'admin' };
    const subscribed = await scene.runCommand('/kyc subscribe loveandpay quiet:22:00-08:00', caller(who, QUIET));
    expect(subscribed.notes?.map((note) => note.text)).toContain('quiet 22:00–08:00 (Europe/Moscow)');
    await scene.runCommand('/kyc subscribe loveandpay', caller(who, AWAKE));
    await scene.alerts.sweepOnce();
    const approved = sessionIds(scene.h.sandbox, 'IN_PROGRESS').slice(0, 3);
    for (const id of approved) scene.h.sandbox.control.setSessionStatus(id, 'APPROVED');

    await scene.alerts.sweepOnce();
    await scene.deliverAll();
    expect(scene.fake.topLevelMessages(AWAKE)).toHaveLength(3);
    expect(scene.fake.postedMessages(QUIET)).toEqual([]);

    now = MORNING - 60_000;
    await scene.deliverAll();
    expect(scene.fake.postedMessages(QUIET)).toEqual([]);

    now = MORNING;
    await scene.deliverAll();
    const [digest, ...more] = scene.fake.postedMessages(QUIET);
    expect(more).toEqual([]);
    expect(String(digest!.params.text)).toContain('3 KYC alerts');
    for (const id of approved) expect(shown(digest!)).toContain(`/kyc ${id}`);
  });
});
