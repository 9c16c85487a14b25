/**
 * The "Look up in KYC Desk" message shortcut (`kd_lookup`, DESIGN.md,
 * "Slack surfaces"): the ids in the message (commands/find-lookups.ts) are
 * looked up as the person who clicked, in the channel the message is in,
 * and each card goes to them alone through the shortcut's response_url, as
 * a slash command's answer does (a Share button included). A response_url
 * takes five answers (limits.ts), which is why a message gets five cards at
 * most and the last says how many more it named. A channel outside
 * SLACK_ALLOWED_CHANNELS gets the usual refusal and nothing runs; so does
 * someone who is not in the channel: Slack offers message shortcuts on any
 * message a person can see, and anyone in the workspace can open a public
 * channel without joining it (membership.ts). Both refusals are audited
 * under the shortcut's id, never the message's text.
 */
import type { MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { findLookups, noLookupsReply, withMoreNote } from '../../commands/find-lookups.js';
import type { Reply } from '../../domain/reply.js';
import { pick } from '../../present/i18n/pick.js';
import { callerFromSlack, isChannelAllowed, type SlackOrigin } from './access.js';
import { answerPrivately, deliver, refuse, type AnswerDeps } from './listeners.js';
import { SLACK_LIMITS } from './limits.js';
import type { Membership } from './membership.js';
import { renderSlack } from './render.js';
import { slackSurfaceStrings } from './surface-strings.js';

export const LOOKUP_SHORTCUT_ID = 'kd_lookup';

export function messageShortcutListener(deps: AnswerDeps & { membership: Membership }) {
  return async ({ ack, shortcut, respond }: SlackShortcutMiddlewareArgs<MessageShortcut>): Promise<void> => {
    await ack();
    const origin: SlackOrigin = {
      userId: shortcut.user.id,
      userName: shortcut.user.username ?? shortcut.user.name,
      channelId: shortcut.channel.id,
      teamId: shortcut.team?.id ?? shortcut.user.team_id,
    };
    const s = pick(slackSurfaceStrings, deps.locale);
    const tell = (text: string) => deliver(deps, respond, { response_type: 'ephemeral', replace_original: false, text });
    // Where and who first: the message's text is not even read for a shortcut refused.
    if (!isChannelAllowed(deps.policy, origin.channelId)) return refuse(deps, LOOKUP_SHORTCUT_ID, origin, respond);
    const member = await deps.membership.isMember(origin.userId, shortcut.channel.id);
    if (member === 'unknown') return tell(s.tryAgain);
    if (!member) {
      deps.onRefused?.(LOOKUP_SHORTCUT_ID, callerFromSlack(origin, deps.policy, deps.locale));
      deps.log.info({ channel: origin.channelId }, 'slack shortcut refused: the person is not in the channel');
      return tell(s.shortcutNotMember);
    }
    const { lines, more } = findLookups(messageText(shortcut.message), SLACK_LIMITS.responseUrlAnswers);
    if (lines.length === 0) {
      await deliver(deps, respond, { response_type: 'ephemeral', replace_original: false, ...renderSlack(noLookupsReply(deps.locale), { locale: deps.locale }) });
      return;
    }
    // Started together and answered in the message's order: five lookups take as long as the slowest one. Each
    // settles on its own, so one that fails leaves no rejection unhandled and the others still answer.
    const caller = callerFromSlack(origin, deps.policy, deps.locale);
    const failed: Reply = { kind: 'error', title: '', notes: [{ tone: 'error', text: s.tryAgain }] };
    const answers = new Map(
      lines.map((line) => [
        line,
        deps.runCommand(line, caller).catch((error: unknown): Reply => {
          deps.log.error({ errorName: error instanceof Error ? error.name : typeof error }, 'slack shortcut lookup failed');
          return failed;
        }),
      ]),
    );
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
