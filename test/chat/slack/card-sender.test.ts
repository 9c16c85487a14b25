/**
 * What the Slack sender offers alert cards (issue 17): the posted message's
 * channel and ts, chat.update in place, replies in its thread (thread_ts),
 * its permalink, a card that is gone reported as such, and a look into the
 * card's thread for a tagged reply after a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoltLogger, createBotClient, slackClientOptions } from '../../../src/chat/slack/client.js';
import { createSlackSender, type SlackSender } from '../../../src/chat/slack/slack-sender.js';
import type { Reply } from '../../../src/domain/reply.js';
import { DeliveryError } from '../../../src/domain/delivery.js';
import { silentLogger } from '../../../src/log.js';
import { slackError, startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

const CHANNEL = 'C0CARDS1';
const card = (state: string): Reply => ({ kind: 'ok', title: 'DECLINED · Bank 131 check 7', notes: [{ tone: 'info', text: state }] });
const minuteAgo = () => new Date(Date.now() - 60_000);

let fake: FakeSlack;
let sender: SlackSender;
beforeAll(async () => {
  fake = await startFakeSlack();
  sender = createSlackSender(createBotClient('xoxb-cards', slackClientOptions(createBoltLogger(silentLogger), fake.apiUrl)), 'en');
});
afterAll(() => fake.close());

describe('the Slack sender and alert cards', () => {
  it('edits a card in place, replies in its thread, and links it', async () => {
    const posted = await sender.send(CHANNEL, card('Open: nobody reviews it yet.'));
    const [post] = fake.topLevelMessages(CHANNEL);
    expect(posted).toEqual({ chatId: CHANNEL, messageId: fake.tsOf(post!) });
    await sender.edit(posted, card('Reviewing: @olga since 14:05'));
    await sender.send(CHANNEL, { kind: 'ok', title: 'Taken by @olga at 14:05' }, { replyTo: posted, deliveryKey: 'reply-1' });

    const [edit] = fake.updates(CHANNEL, posted.messageId);
    expect(JSON.stringify(edit!.params.blocks)).toContain('Reviewing: @olga since 14:05');
    expect(fake.threadReplies(CHANNEL, posted.messageId)).toHaveLength(1);
    expect(await sender.permalink(posted)).toBe(`https://kyc-desk-test.slack.com/archives/${CHANNEL}/p${posted.messageId.replace('.', '')}`);
    // A reply in a thread is found in the thread, not in the channel's history.
    expect(await sender.findDelivered(CHANNEL, 'reply-1', minuteAgo(), posted)).toMatchObject({ chatId: CHANNEL });
    expect(await sender.findDelivered(CHANNEL, 'reply-1', minuteAgo())).toBeNull();
  });

  it('says a deleted card is gone, and a failing channel is the chat’s', async () => {
    const posted = await sender.send(CHANNEL, card('Open'));
    fake.deleteMessage(CHANNEL, posted.messageId);
    const gone = await sender.edit(posted, card('Reviewing')).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(DeliveryError);
    expect(gone).toMatchObject({ scope: 'message', reason: 'message_not_found' });
    fake.script('chat.update', slackError('channel_not_found'));
    expect(await sender.edit(posted, card('Reviewing')).catch((error: unknown) => error)).toMatchObject({ scope: 'chat' });
  });
});
