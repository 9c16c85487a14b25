/**
 * Interactions on the views KYC Desk builds: a button in the App Home or in
 * the Look up modal (action_ids `kd_view:...`, render.ts), and the modal's
 * submission. Each is taken only when the view was made for the person Slack
 * says acts on it (view-metadata.ts); the line then runs as that person, as
 * if typed in the allowed channel they belong to (membership.ts, checked
 * again every time), through the same RunCommand as everything else, so
 * masking, the lookup rate limit and the audit log apply. A view made for
 * someone else, or altered, runs nothing and is audited as a refusal, as a
 * command outside the allowed channels is; when Slack cannot say which
 * channels the person is in just now, the modal says to try again and
 * nothing is refused.
 *
 * A Home button opens the modal with the click's trigger (valid for 3
 * seconds) showing the line running, then puts the answer in it
 * (views.update); a button in the modal, or a submission, replaces the
 * modal's answer the same way. An answer's file goes to the person's direct
 * message with the app: a view holds no files.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import type { Reply } from '../../domain/reply.js';
import { pick } from '../../present/i18n/pick.js';
import { callerFromSlack, type SlackOrigin } from './access.js';
import { slackErrorReason } from './client.js';
import type { SurfaceDeps } from './home.js';
import { LOOKUP_VALUE } from './home-view.js';
import { commandName } from './listeners.js';
import { inputBlockId, LINE_MAX, lookupView, submittedLine, type LookupContent } from './lookup-view.js';
import { LINK_OPTION_VALUE, slackViewActionRole } from './render.js';
import { slackSurfaceStrings } from './surface-strings.js';
import { readViewMetadata, writeViewMetadata, type ViewOwner } from './view-metadata.js';

type Who = Omit<SlackOrigin, 'channelId'>;

export function viewButtonListener(deps: SurfaceDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = action.type === 'button' ? action.value : action.type === 'overflow' ? action.selected_option.value : undefined;
    const who: Who = { userId: body.user.id, userName: body.user.username ?? body.user.name, teamId: body.team?.id ?? body.user.team_id };
    const owner = readViewMetadata(deps.metadataKey, body.view?.private_metadata, body.user.id);
    if (!body.view || !owner) return refuseView(deps, (value ?? '').slice(0, LINE_MAX), who, body.view?.type ?? 'none');
    const role = slackViewActionRole(action.action_id);
    if (!value || role === null || role === 'link' || value === LINK_OPTION_VALUE || value.length > LINE_MAX) return;
    if (body.view.type !== 'home') return runInView(deps, client, body.view.id, value, owner, who);
    const line = value === LOOKUP_VALUE ? '' : value;
    try {
      const opened = await client.views.open({ trigger_id: body.trigger_id, view: modal(deps, owner, { line, ...(line ? { answer: 'running' } : {}) }) });
      if (line && opened.view?.id) await runInView(deps, client, opened.view.id, line, owner, who);
    } catch (error) {
      deps.log.warn({ reason: slackErrorReason(error) }, 'slack views.open failed for a Home button');
    }
  };
}

export function lookupSubmissionListener(deps: SurfaceDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const s = pick(slackSurfaceStrings, deps.locale);
    const who: Who = { userId: body.user.id, userName: body.user.name, teamId: body.team?.id ?? undefined };
    const line = submittedLine(view.state.values);
    const owner = readViewMetadata(deps.metadataKey, view.private_metadata, body.user.id);
    if (!owner) {
      refuseView(deps, line.slice(0, LINE_MAX), who, 'modal');
      return ack({ response_action: 'errors', errors: { [inputBlockId(view)]: s.viewNotYours } });
    }
    if (!line) return ack({ response_action: 'errors', errors: { [inputBlockId(view)]: s.lookupEmpty } });
    // The input's max_length is the browser's word only: a request may carry any length.
    if (line.length > LINE_MAX) return ack({ response_action: 'errors', errors: { [inputBlockId(view)]: s.lookupTooLong(LINE_MAX) } });
    await ack({ response_action: 'update', view: modal(deps, owner, { line, answer: 'running' }) });
    await runInView(deps, client, view.id, line, owner, who);
  };
}

function modal(deps: SurfaceDeps, owner: ViewOwner, content: LookupContent) {
  return lookupView(content, deps.locale, writeViewMetadata(deps.metadataKey, owner)) as webApi.ViewsOpenArguments['view'];
}

/** An interaction on a view not made for this person, or altered: nothing runs, and the audit log has it as a refusal. */
function refuseView(deps: SurfaceDeps, line: string, who: Who, view: string): void {
  deps.onRefused?.(line, callerFromSlack(who, deps.policy, deps.locale));
  deps.log.warn({ view }, 'slack view interaction refused: the view was not made for this user');
}

/** Runs the line as the person, in the channel they act in, and shows the answer in the modal `viewId`. */
async function runInView(deps: SurfaceDeps, client: webApi.WebClient, viewId: string, line: string, owner: ViewOwner, who: Who): Promise<void> {
  const access = await deps.membership.accessChannel(owner.user, owner.dm);
  const channel = access.kind === 'member' ? access.channel : undefined;
  const caller = callerFromSlack({ ...who, ...(channel ? { channelId: channel } : {}) }, deps.policy, deps.locale);
  const s = pick(slackSurfaceStrings, deps.locale);
  let answer: Reply;
  if (access.kind === 'outside') {
    deps.onRefused?.(line, caller);
    answer = { kind: 'refused', title: '', notes: [{ tone: 'warning', text: s.homeRefused }] };
  } else if (access.kind === 'unknown') {
    // Slack did not say which channels they are in: nothing ran, and nothing was refused.
    answer = { kind: 'error', title: '', notes: [{ tone: 'warning', text: s.tryAgain }] };
  } else {
    answer = await withFile(deps, await deps.runCommand(line, caller), who.userId);
  }
  try {
    await client.views.update({ view_id: viewId, view: modal(deps, owner, { line, answer, ...(channel ? { channel } : {}) }) });
  } catch (error) {
    // The person may have closed the modal meanwhile (not_found): nothing to show it in.
    deps.log.info({ reason: slackErrorReason(error) }, 'slack views.update of the Look up modal failed');
  }
  deps.log.info({ command: commandName(line), kind: answer.kind, mode: 'view' }, 'slack answer');
}

/** A view holds no file: it goes to the person's direct message, and the answer says where it went. */
async function withFile(deps: SurfaceDeps, reply: Reply, userId: string): Promise<Reply> {
  if (!reply.attachment) return reply;
  const s = pick(slackSurfaceStrings, deps.locale);
  let note = s.fileSent;
  try {
    if (!deps.uploadFile) throw new Error('no file uploads configured');
    await deps.uploadFile({ userId }, reply.attachment);
  } catch (error) {
    deps.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'slack file upload from a view failed');
    note = s.fileFailed;
  }
  return { ...reply, notes: [...(reply.notes ?? []), { tone: 'info', text: note }] };
}
