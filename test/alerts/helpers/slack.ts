/** The app's real Slack sender, pointed at the fake Slack Web API. */
import { createBoltLogger, createBotClient, slackClientOptions } from '../../../src/chat/slack/client.js';
import { createSlackSender } from '../../../src/chat/slack/slack-sender.js';
import type { ChatSender } from '../../../src/domain/delivery.js';
import { silentLogger } from '../../../src/log.js';
import type { FakeSlack } from '../../support/fake-slack.js';

export function realSlackSender(fake: FakeSlack): ChatSender {
  const client = createBotClient('xoxb-alerts-test', slackClientOptions(createBoltLogger(silentLogger), fake.apiUrl));
  return createSlackSender(client, 'en');
}
