/**
 * Button clicks. Every button the renderer makes carries the command line it
 * runs in `value` and its role in `action_id` (views/slack.ts): paging
 * replaces the message it sits on, detail and watch buttons answer anew,
 * share posts a masked copy, and URL buttons only need their ack (Slack
 * sends an interaction for those too and warns the user when it is not acked).
 */
import type { BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { slackActionRole } from '../../views/slack.js';
import { answerPrivately, shareInChannel, type AnswerDeps } from './answer.js';
import type { SlackOrigin } from './caller-from-slack.js';

export function buttonListener(deps: AnswerDeps) {
  return async ({ action, body, ack, respond }: SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    await ack();
    if (action.type !== 'button' || !action.value) return;
    const role = slackActionRole(action.action_id);
    if (role === null || role === 'link') return;
    const origin: SlackOrigin = {
      userId: body.user.id,
      channelId: body.channel?.id,
      teamId: body.team?.id ?? body.user.team_id,
    };
    if (role === 'share') return shareInChannel(deps, action.value, origin, respond);
    await answerPrivately(deps, action.value, origin, respond, role === 'page' ? 'replace' : 'new');
  };
}
