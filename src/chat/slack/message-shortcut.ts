/**
 * The "Look up in KYC Desk" message shortcut (`kd_lookup`, DESIGN.md,
 * "Slack surfaces"): the ids in the message (commands/find-lookups.ts) are
 * looked up as the person who clicked, in the channel the message is in,
 * and each card goes to them alone through the shortcut's response_url, as
 * a slash command's answer does (a Share button included). A response_url
 * takes five answers (limits.ts), which is why a message gets five cards at
 * most and the last says how many more it named. A channel outside
 * SLACK_ALLOWED_CHANNELS gets the usual refusal and nothing runs.
 */
import type { MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { findLookups, noLookupsReply, withMoreNote } from '../../commands/find-lookups.js';
import { callerFromSlack, isChannelAllowed, type SlackOrigin } from './access.js';
import { answerPrivately, deliver, refuse, type AnswerDeps } from './listeners.js';
import { SLACK_LIMITS } from './limits.js';
import { renderSlack } from './render.js';

export const LOOKUP_SHORTCUT_ID = 'kd_lookup';

export function messageShortcutListener(deps: AnswerDeps) {
  return async ({ ack, shortcut, respond }: SlackShortcutMiddlewareArgs<MessageShortcut>): Promise<void> => {
    await ack();
    const origin: SlackOrigin = {
      userId: shortcut.user.id,
      userName: shortcut.user.username ?? shortcut.user.name,
      channelId: shortcut.channel.id,
      teamId: shortcut.team?.id ?? shortcut.user.team_id,
    };
    const { lines, more } = findLookups(messageText(shortcut.message), SLACK_LIMITS.responseUrlAnswers);
    if (!isChannelAllowed(deps.policy, origin.channelId)) return refuse(deps, lines[0] ?? LOOKUP_SHORTCUT_ID, origin, respond);
    if (lines.length === 0) {
      await deliver(deps, respond, { response_type: 'ephemeral', replace_original: false, ...renderSlack(noLookupsReply(deps.locale), { locale: deps.locale }) });
      return;
    }
    // Started together and answered in the message's order: five lookups take as long as the slowest one.
    const caller = callerFromSlack(origin, deps.policy, deps.locale);
    const answers = new Map(lines.map((line) => [line, deps.runCommand(line, caller)]));
    const last = lines.at(-1);
    const prefetched: AnswerDeps = {
      ...deps,
      runCommand: async (line) => {
        const reply = await answers.get(line)!;
        return line === last ? withMoreNote(reply, more, deps.locale) : reply;
      },
    };
    for (const line of lines) await answerPrivately(prefetched, line, origin, respond, 'new');
  };
}

/** The message's text and what its attachments say (a link unfurled into one, a bot's alert), where ids may sit. */
function messageText(message: MessageShortcut['message']): string {
  const attachments = Array.isArray(message.attachments) ? (message.attachments as Array<Record<string, unknown>>) : [];
  const parts = [message.text, ...attachments.flatMap((attachment) => [attachment.text, attachment.fallback, attachment.title_link, attachment.from_url])];
  return parts.filter((part): part is string => typeof part === 'string').join('\n');
}
