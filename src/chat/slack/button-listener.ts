/**
 * Button clicks and menu picks. Every button the renderer makes carries the
 * command line it runs in `value` (a row's menu, in the picked option's
 * `value`) and its role in `action_id` (render.ts): paging
 * replaces the message it sits on, detail and watch buttons answer anew,
 * share posts a masked copy, and URL buttons only need their ack (Slack
 * sends an interaction for those too and warns the user when it is not acked).
 */
import type { BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerPrivately, shareInChannel, type AnswerDeps } from './answer.js';
import type { SlackOrigin } from './caller-from-slack.js';
import { slackActionRole } from './render.js';

export function buttonListener(deps: AnswerDeps) {
  return async ({ action, body, ack, respond }: SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    await ack();
    const line = action.type === 'button' ? action.value : action.type === 'overflow' ? action.selected_option.value : undefined;
    if (!line) return;
    const role = slackActionRole(action.action_id);
    if (role === null || role === 'link') return;
    const origin: SlackOrigin = {
      userId: body.user.id,
      channelId: body.channel?.id,
      teamId: body.team?.id ?? body.user.team_id,
    };
    if (role === 'share') return shareInChannel(deps, line, origin, respond);
    await answerPrivately(deps, line, origin, respond, role === 'page' ? 'replace' : 'new');
  };
}
