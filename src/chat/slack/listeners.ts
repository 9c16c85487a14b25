/**
 * Slash commands and button clicks: run the command line for the person who
 * asked and answer them. A slash command's answer ready within
 * SLACK_LIMITS.answerInAckWithinMs is the ack's body, which Slack shows at once (one
 * exchange instead of an ack and a POST to response_url); a slower one, and
 * every click's, goes through response_url after an empty ack (Slack allows
 * 3 seconds, and a provider may be slower). Answers are ephemeral (they may
 * hold personal data); only a share posts to the channel, and then only what
 * a viewer may see.
 *
 * Every button the renderer makes carries the command line it runs in `value`
 * (a row's menu, in the picked option's `value`) and its role in `action_id`
 * (render.ts): paging replaces the message it sits on, detail and watch
 * buttons answer anew, share posts a masked copy, and URL buttons only need
 * their ack (Slack sends an interaction for those too and warns the user when
 * it is not acked). An answer that asks for input first (Reply.form: Resolve
 * on an alert card) opens a modal instead (form-modal.ts).
 */
import type {
  AckFn,
  AllMiddlewareArgs,
  BlockAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
} from '@slack/bolt';
import type { RecordRefusal, RunCommand } from '../../commands/types.js';
import type { Locale } from '../../domain/chat.js';
import type { Logger } from '../../log.js';
import { pick } from '../../present/i18n/pick.js';
import { asViewer, callerFromSlack, isChannelAllowed, type SlackAccessPolicy, type SlackOrigin } from './access.js';
import { forAskerOnly, type Reply } from '../../domain/reply.js';
import { openForm } from './form-modal.js';
import { SLACK_LIMITS } from './limits.js';
import { LINK_OPTION_VALUE, renderSlack, slackActionRole } from './render.js';
import { slackStrings } from './strings.js';
import type { UploadFile } from './upload-file.js';

export interface AnswerDeps {
  runCommand: RunCommand;
  policy: SlackAccessPolicy;
  locale: Locale;
  log: Logger;
  onRefused?: RecordRefusal;
  /** Shares a reply's file into the channel (upload-file.ts); without it a file is left out and the answer says so. */
  uploadFile?: UploadFile;
}

export function commandListener(deps: AnswerDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs): Promise<void> => {
    const line = `${command.command} ${command.text ?? ''}`.trim();
    const origin = { userId: command.user_id, userName: command.user_name, channelId: command.channel_id, teamId: command.team_id };
    const answer = answerThroughAck(ack, respond, SLACK_LIMITS.answerInAckWithinMs);
    try {
      await answerPrivately(deps, line, origin, answer.respond, 'new');
    } finally {
      await answer.done();
    }
  };
}

/**
 * A respond whose first message is the ack's body, unless `withinMs` passes
 * first: then an empty ack goes out, and every message through response_url.
 * done() acks (empty) if nothing has, so Slack never waits in vain.
 */
function answerThroughAck(ack: AckFn<string | RespondArguments>, respond: Respond, withinMs: number): { respond: Respond; done: () => Promise<void> } {
  let acked: Promise<void> | null = null;
  const ackEmpty = () => (acked ??= ack());
  const timer = setTimeout(() => void ackEmpty().catch(() => {}), withinMs);
  return {
    respond: async (message) => {
      if (acked) return respond(message);
      clearTimeout(timer);
      // An immediate response is a new message; replace_original means nothing to it.
      const { replace_original: _replace, ...body } = message;
      await (acked = ack(body));
    },
    done: async () => {
      clearTimeout(timer);
      await ackEmpty();
    },
  };
}

export function buttonListener(deps: AnswerDeps) {
  return async ({ action, body, ack, respond, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const line = action.type === 'button' ? action.value : action.type === 'overflow' ? action.selected_option.value : undefined;
    if (!line || line === LINK_OPTION_VALUE) return;
    const role = slackActionRole(action.action_id);
    if (role === null || role === 'link') return;
    const origin: SlackOrigin = {
      userId: body.user.id,
      userName: body.user.username ?? body.user.name,
      channelId: body.channel?.id,
      teamId: body.team?.id ?? body.user.team_id,
    };
    if (role === 'share') return shareInChannel(deps, line, origin, respond);
    // A reply that asks for input first (Resolve) opens a modal with the click's trigger.
    const form = (reply: Reply) =>
      reply.form ? openForm(client, body.trigger_id, reply.form, { channel: origin.channelId, team: origin.teamId }, deps) : Promise.resolve(false);
    await answerPrivately(deps, line, origin, respond, role === 'page' ? 'replace' : 'new', form);
  };
}

/** Answers the person: Bolt's respond (response_url), or the ack first (answerThroughAck). */
export type Respond = (message: RespondArguments) => Promise<unknown>;

/** `new` posts another ephemeral message; `replace` swaps the message the button sits on (paging). */
export type AnswerMode = 'new' | 'replace';

/** Runs the line for the person and answers them alone (also the message shortcut's cards, message-shortcut.ts). */
export async function answerPrivately(
  deps: AnswerDeps,
  line: string,
  origin: SlackOrigin,
  respond: Respond,
  mode: AnswerMode,
  asForm: (reply: Reply) => Promise<boolean> = async () => false,
): Promise<void> {
  if (!isChannelAllowed(deps.policy, origin.channelId)) return refuse(deps, line, origin, respond);
  const started = Date.now();
  const reply = await deps.runCommand(line, callerFromSlack(origin, deps.policy, deps.locale));
  if (await asForm(reply)) return;
  // An answer for the whole chat (stats: no personal data whoever asks) is posted in the channel, with nothing to share.
  const inChannel = reply.audience === 'chat';
  const message = renderSlack(reply, { locale: deps.locale, ...(inChannel ? {} : { shareCommand: line }) });
  await deliver(deps, respond, { response_type: inChannel ? 'in_channel' : 'ephemeral', replace_original: mode === 'replace', ...message });
  if (reply.attachment) await sendFile(deps, reply, origin, respond);
  // The command name only: the rest of a line may be a phone number or an email.
  deps.log.info({ command: commandName(line), kind: reply.kind, mode, ms: Date.now() - started }, 'slack answer');
}

/** Re-runs the line as a viewer (masked) and posts that copy to the channel, naming who shared it. */
async function shareInChannel(deps: AnswerDeps, line: string, origin: SlackOrigin, respond: Respond): Promise<void> {
  if (!isChannelAllowed(deps.policy, origin.channelId)) return refuse(deps, line, origin, respond);
  const reply = await deps.runCommand(line, asViewer(callerFromSlack(origin, deps.policy, deps.locale)));
  // A viewer's reply is never unmasked; should that ever change, nothing personal reaches the channel.
  if (reply.kind !== 'ok' || reply.unmasked) {
    const text = pick(slackStrings, deps.locale).shareRefused;
    await deliver(deps, respond, { response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  const message = renderSlack(reply, { locale: deps.locale, channelCopy: { sharedBy: origin.userId } });
  await deliver(deps, respond, { response_type: 'in_channel', replace_original: false, ...message });
  deps.log.info({ command: commandName(line), kind: reply.kind, mode: 'share' }, 'slack answer');
}

export async function refuse(deps: AnswerDeps, line: string, origin: SlackOrigin, respond: Respond): Promise<void> {
  deps.onRefused?.(line, callerFromSlack(origin, deps.policy, deps.locale));
  const text = pick(slackStrings, deps.locale).channelRefused(origin.channelId ?? '?');
  await deliver(deps, respond, { response_type: 'ephemeral', replace_original: false, text });
  deps.log.info({ channel: origin.channelId }, 'slack command refused outside the allowed channels');
}

/**
 * The answer's file: to the asker's direct message unless it is meant for the
 * whole chat (domain/reply.ts, Attachment.audience); a failure is told to the
 * person, as an answer.
 */
async function sendFile(deps: AnswerDeps, reply: Reply, origin: SlackOrigin, respond: Respond): Promise<void> {
  const t = pick(slackStrings, deps.locale);
  const attachment = reply.attachment!;
  try {
    if (!deps.uploadFile) throw new Error('no file uploads configured');
    if (forAskerOnly(attachment)) await deps.uploadFile({ userId: origin.userId }, attachment);
    else if (origin.channelId) await deps.uploadFile({ channelId: origin.channelId }, attachment);
    else throw new Error('no channel to upload into');
  } catch (error) {
    deps.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'slack file upload failed');
    await deliver(deps, respond, { response_type: 'ephemeral', replace_original: false, text: t.uploadFailed });
  }
}

/**
 * A response_url takes up to five answers within 30 minutes
 * (docs.slack.dev/interactivity/handling-user-interaction); past that the
 * person sees nothing, and the log says why.
 */
export async function deliver(deps: AnswerDeps, respond: Respond, message: RespondArguments): Promise<void> {
  try {
    await respond(message);
  } catch (error) {
    deps.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'slack response_url refused the answer');
  }
}

/** What an answer's log line names: the command only, as the rest of a line may be a phone number or an email. */
export function commandName(line: string): string {
  return line.trim().split(/\s+/)[0]?.slice(0, 20) ?? '';
}
