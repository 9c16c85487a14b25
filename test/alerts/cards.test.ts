/**
 * Alert cards that live, in Slack (issue 17; DESIGN.md, "Alert cards and the
 * review queue"): one card per verification per channel, edited in place
 * (chat.update) by every later change, which also adds one reply in the
 * card's thread (thread_ts); DECLINED cards as work items taken and resolved
 * from their buttons and the resolve modal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { waitFor } from '../support/wait-for.js';
import { buttonsOf, shown, startCardScene, type CardScene, type Person } from './helpers/card-scene.js';
import { sessionIds } from './helpers/harness.js';

const C1 = 'C0CARDS1';
const C2 = 'C0CARDS2';
/** The buttons that move a card's review item. */
const reviewButtons = (call: FakeSlackCall) => buttonsOf(call).filter((line) => /^\/kyc (take|resolve|reopen) /.test(line));

const olga: Person = { userId: 'U0OLGA', userName: 'olga' };
const bob: Person = { userId: 'U0BOB', userName: 'bob' };

describe('review actions from a channel that is not allowed', () => {
  let scene: CardScene;
  beforeEach(async () => {
    scene = await startCardScene({ allowedChannels: [C1] });
    await scene.alerts.sweepOnce();
  });
  afterEach(() => scene.close());

  it('refuses Take and a resolve modal from there and changes nothing', async () => {
    await scene.h.subscribe({ platform: 'slack', chatId: C1 });
    const [id] = scene.waitingStripe();
    scene.h.sandbox.control.setStripeStatus(id!, 'requires_input', 'document_expired');
    await scene.alerts.sweepOnce();
    await scene.deliverAll();

    await scene.click(C2, olga, `/kyc take ${id}`);
    expect(JSON.stringify(scene.fake.responses().at(-1)!.body)).toContain(`KYC Desk is not enabled in this channel (\`${C2}\`)`);
    const ack = await scene.submit({
      view: { callback_id: 'kd_form', private_metadata: JSON.stringify({ channel: C2 }) },
      userId: olga.userId,
      values: { choice: { value: { type: 'radio_buttons', selected_option: { value: `/kyc resolve ${id} false_alarm` } } } },
    });
    expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'errors' });
    const [item] = await scene.h.store.getReviewItems([{ provider: 'stripe', objectId: id! }]);
    expect(item).toMatchObject({ status: 'open', version: 1 });
    await scene.deliverAll();
    expect(scene.fake.calls('chat.update')).toEqual([]);
  });
});

describe('alert cards in Slack', () => {
  let scene: CardScene;
  beforeEach(async () => {
    scene = await startCardScene();
    await scene.alerts.sweepOnce();
  });
  afterEach(() => scene.close());

  const decline = (id: string) => scene.h.sandbox.control.setStripeStatus(id, 'requires_input', 'document_expired');
  const approve = (id: string) => scene.h.sandbox.control.setStripeStatus(id, 'verified');
  const sweepAndDeliver = async () => {
    await scene.alerts.sweepOnce();
    await scene.deliverAll();
  };

  it('posts one card for a Stripe session declined then approved, edits it to APPROVED and adds one reply in its thread', async () => {
    await scene.h.subscribe({ platform: 'slack', chatId: C1 });
    const [id] = scene.waitingStripe();
    decline(id!);
    await sweepAndDeliver();
    const [card] = scene.fake.topLevelMessages(C1);
    expect(shown(card!)).toContain(`DECLINED · Stripe Identity session ${id}`);
    expect(buttonsOf(card!)).toContain(`/kyc ${id}`);
    expect(reviewButtons(card!)).toEqual([`/kyc take ${id}`, `/kyc resolve ${id}`]);

    approve(id!);
    await sweepAndDeliver();

    const ts = scene.fake.tsOf(card!);
    const edits = scene.fake.updates(C1, ts);
    expect(edits).toHaveLength(1);
    expect(shown(edits[0]!)).toContain(`APPROVED · Stripe Identity session ${id}`);
    expect(shown(edits[0]!)).toContain('Closed: approved later.');
    expect(reviewButtons(edits[0]!)).toEqual([]);
    const replies = scene.fake.threadReplies(C1, ts);
    expect(replies).toHaveLength(1);
    expect(shown(replies[0]!)).toMatch(/APPROVED \(verified\) at \d\d:\d\d/);
    // Nothing else: the card and its one reply.
    expect(scene.fake.postedMessages(C1)).toHaveLength(2);
    expect(scene.fake.calls('chat.update')).toHaveLength(1);
  });

  it('shows Take by one person and Resolve by another on both channels’ cards, drops the item from the queue, and audits both', async () => {
    await scene.h.subscribe({ platform: 'slack', chatId: C1 }, { providers: ['stripe'] });
    await scene.h.subscribe({ platform: 'slack', chatId: C2 }, { providers: ['stripe'] });
    const [id] = scene.waitingStripe();
    decline(id!);
    await sweepAndDeliver();
    const cards = [C1, C2].map((channel) => ({ channel, ts: scene.fake.tsOf(scene.fake.topLevelMessages(channel)[0]!) }));
    const queued = await scene.command(C2, bob, '/kyc queue');
    expect(JSON.stringify(queued)).toContain(`Stripe Identity session ${id}`);
    expect(JSON.stringify(queued)).toContain('open');

    expect(await scene.click(C1, olga, `/kyc take ${id}`)).toBe(200);
    expect(JSON.stringify(scene.fake.responses().at(-1)!.body)).toContain(`You are reviewing Stripe Identity session ${id}`);
    await scene.deliverAll();
    for (const { channel, ts } of cards) {
      const [edit] = scene.fake.updates(channel, ts);
      expect(shown(edit!)).toMatch(/Reviewing: @olga since \d\d:\d\d/);
      expect(reviewButtons(edit!)).toEqual([`/kyc resolve ${id}`, `/kyc reopen ${id}`]);
      expect(shown(scene.fake.threadReplies(channel, ts)[0]!)).toMatch(/Taken by @olga at \d\d:\d\d/);
    }
    expect(JSON.stringify(await scene.command(C2, bob, '/kyc queue'))).toContain('reviewing: @olga');

    // Resolve opens a modal with the reasons; submitting it resolves with the note.
    await scene.click(C2, bob, `/kyc resolve ${id}`);
    const [view] = scene.fake.views();
    const options = ((view!.blocks as Array<{ element?: { options?: Array<{ value: string }> } }>)[0]!.element!.options ?? []).map((o) => o.value);
    expect(options).toEqual([
      `/kyc resolve ${id} customer_contacted`,
      `/kyc resolve ${id} retry_requested`,
      `/kyc resolve ${id} fraud_suspected`,
      `/kyc resolve ${id} false_alarm`,
    ]);
    const ack = await scene.submit({
      view: view!,
      userId: bob.userId,
      userName: bob.userName,
      values: {
        choice: { value: { type: 'radio_buttons', selected_option: { value: `/kyc resolve ${id} retry_requested` } } },
        note: { value: { type: 'plain_text_input', value: 'asked her to retry with a valid passport' } },
      },
    });
    expect(ack.status).toBe(200);
    await scene.deliverAll();
    for (const { channel, ts } of cards) {
      const edits = scene.fake.updates(channel, ts);
      expect(edits).toHaveLength(2);
      expect(shown(edits[1]!)).toContain('Resolved by @bob: retry requested');
      expect(shown(edits[1]!)).toContain('Note: asked her to retry with a valid passport');
      expect(reviewButtons(edits[1]!)).toEqual([`/kyc reopen ${id}`]);
      expect(scene.fake.threadReplies(channel, ts)).toHaveLength(2);
    }
    expect(JSON.stringify(await scene.command(C1, olga, '/kyc queue'))).toContain('No open declines');

    const audit = await waitFor(async () => {
      const entries = await scene.h.store.latestAudit(50);
      const review = entries.filter((entry) => /^\/kyc (take|resolve) /.test(entry.command));
      return review.length >= 3 ? review : null;
    });
    expect(audit.map((entry) => `${entry.userId} ${entry.chatId} ${entry.command} ${entry.result}`).reverse()).toEqual([
      `U0OLGA ${C1} /kyc take ${id} ok`,
      // The click on Resolve, which opened the modal.
      `U0BOB ${C2} /kyc resolve ${id} ok`,
      // The note is free text about a person: the audit log keeps only that there was one.
      `U0BOB ${C2} /kyc resolve ${id} retry_requested … ok`,
    ]);
  });

  it('links a verification’s card from a digest, and edits the card without a thread reply', async () => {
    await scene.h.subscribe({ platform: 'slack', chatId: C1 });
    const [id] = scene.waitingStripe();
    decline(id!);
    await sweepAndDeliver();
    const [card] = scene.fake.topLevelMessages(C1);
    approve(id!);
    for (const session of sessionIds(scene.h.sandbox, 'IN_PROGRESS').slice(0, 6)) scene.h.sandbox.control.setSessionStatus(session, 'APPROVED');
    await sweepAndDeliver();

    const [, digest, ...more] = scene.fake.topLevelMessages(C1);
    expect(more).toEqual([]);
    expect(String(digest!.params.text)).toContain('7 KYC alerts');
    const permalink = `https://kyc-desk-test.slack.com/archives/${C1}/p${scene.fake.tsOf(card!).replace('.', '')}`;
    expect(shown(digest!)).toContain(permalink);
    expect(scene.fake.updates(C1, scene.fake.tsOf(card!))).toHaveLength(1);
    expect(scene.fake.threadReplies(C1, scene.fake.tsOf(card!))).toEqual([]);
  });

  it('edits the same card after a restart between the decline and the approval', async () => {
    await scene.h.subscribe({ platform: 'slack', chatId: C1 });
    const [id] = scene.waitingStripe();
    decline(id!);
    await sweepAndDeliver();
    await scene.alerts.stop();

    const restarted = scene.newAlerts({ store: await scene.h.reopenStore() });
    approve(id!);
    await restarted.sweepOnce();
    await scene.deliverAll(restarted);

    const [card] = scene.fake.topLevelMessages(C1);
    expect(scene.fake.topLevelMessages(C1)).toHaveLength(1);
    expect(scene.fake.updates(C1, scene.fake.tsOf(card!))).toHaveLength(1);
    expect(scene.fake.threadReplies(C1, scene.fake.tsOf(card!))).toHaveLength(1);
  });

  it('does not reply twice in a card’s thread when the process died between the reply and its record', async () => {
    await scene.h.subscribe({ platform: 'slack', chatId: C1 });
    const [id] = scene.waitingStripe();
    decline(id!);
    await sweepAndDeliver();
    const store = scene.h.store;
    // Marking the reply sent never happens: as if the process was killed right after Slack took the reply.
    const dying = new Proxy(store, {
      get: (target, key) => (key === 'markSent' ? async () => Promise.reject(new Error('killed')) : Reflect.get(target, key)),
    });
    await scene.alerts.stop();
    const crashing = scene.newAlerts({ store: dying, holder: 'dying' });
    approve(id!);
    await crashing.sweepOnce();
    await expect(crashing.deliverOnce()).rejects.toThrow('killed');
    const ts = scene.fake.tsOf(scene.fake.topLevelMessages(C1)[0]!);
    expect(scene.fake.threadReplies(C1, ts)).toHaveLength(1);

    // Once the dead process's lease has run out, another takes the row, finds the reply in the thread and sends nothing.
    const later = scene.newAlerts({ holder: 'later', now: () => new Date(Date.now() + 600_000) });
    await scene.deliverAll(later);
    expect(scene.fake.threadReplies(C1, ts)).toHaveLength(1);
    expect(scene.fake.updates(C1, ts)).toHaveLength(1);
    expect(scene.fake.calls('conversations.replies')).toHaveLength(1);
    expect(await store.outboxDepth()).toBe(0);
  });

  it('posts a fresh card, once, when the card’s message was deleted', async () => {
    await scene.h.subscribe({ platform: 'slack', chatId: C1 });
    const [id] = scene.waitingStripe();
    decline(id!);
    await sweepAndDeliver();
    const [first] = scene.fake.topLevelMessages(C1);
    scene.fake.deleteMessage(C1, scene.fake.tsOf(first!));

    approve(id!);
    await sweepAndDeliver();
    const posts = scene.fake.topLevelMessages(C1);
    expect(posts).toHaveLength(2);
    expect(shown(posts[1]!)).toContain(`APPROVED · Stripe Identity session ${id}`);
    expect(scene.fake.threadReplies(C1, scene.fake.tsOf(first!))).toEqual([]);
    // The fresh card is the card now: later changes edit it, and nothing is posted again.
    await scene.alerts.sweepOnce();
    await scene.deliverAll();
    expect(scene.fake.topLevelMessages(C1)).toHaveLength(2);
    const [card] = await scene.h.store.getCards({ platform: 'slack', chatId: C1 }, [{ provider: 'stripe', objectId: id! }]);
    expect(card?.message.messageId).toBe(scene.fake.tsOf(posts[1]!));
    expect(card?.permalink).toBe(`https://kyc-desk-test.slack.com/archives/${C1}/p${scene.fake.tsOf(posts[1]!).replace('.', '')}`);
  });
});
