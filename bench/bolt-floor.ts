/**
 * The floor of `commands.floorRatio`: a bare Bolt app on the same kind of
 * server as the bot (Bolt's HTTPReceiver mounted on startHttpServer), in the
 * same process, under the same load from slack-load-process.ts. Its one
 * listener acks a slash command and answers a fixed line (with the command's
 * text, which the Slack side checks) through response_url: no access rules,
 * no provider, no rendering, no audit.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { startHttpServer } from '../src/chat/http-server.js';

export interface BoltFloor {
  eventsUrl: string;
  close(): Promise<void>;
}

/**
 * `answerInAck`: the same app answering in its ack's body, as the bot does
 * (chat/slack/listeners.ts): not issue 20's floor, but shown beside it, since
 * Bolt's respond (a POST to response_url) is most of the floor's cost.
 */
export async function startBoltFloor(signingSecret: string, { answerInAck = false } = {}): Promise<BoltFloor> {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', processBeforeResponse: false, logLevel: LogLevel.ERROR });
  const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-floor' }), convoStore: false, logLevel: LogLevel.ERROR });
  app.command('/kyc', async ({ ack, respond, command }) => {
    const answer = { response_type: 'ephemeral' as const, text: `KYC session ${command.text}` };
    if (answerInAck) return ack(answer);
    await ack();
    await respond(answer);
  });
  const server = await startHttpServer(
    [{ method: 'POST', path: '/slack/events', handle: (request, response) => receiver.requestListener(request, response) }],
    0,
    '127.0.0.1',
  );
  return { eventsUrl: `${server.url}/slack/events`, close: () => server.close() };
}
