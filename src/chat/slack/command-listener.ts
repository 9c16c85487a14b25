/**
 * Slash commands: ack at once (Slack allows 3 seconds, and a provider may be
 * slower), then answer through response_url.
 */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerPrivately, type AnswerDeps } from './answer.js';

export function commandListener(deps: AnswerDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();
    const line = `${command.command} ${command.text ?? ''}`.trim();
    const origin = { userId: command.user_id, channelId: command.channel_id, teamId: command.team_id };
    await answerPrivately(deps, line, origin, respond, 'new');
  };
}
