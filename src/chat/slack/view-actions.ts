/**
 * Interactions on the views KYC Desk builds: a button in the App Home or in
 * the Look up modal (action_ids `kd_view:...`, render.ts), and the modal's
 * submission. Each is taken only when the view was made for the person Slack
 * says acts on it (view-metadata.ts); the line then runs as that person, as
 * if typed in the allowed channel they belong to (membership.ts, checked
 * again every time), through the same RunCommand as everything else, so
 * masking, the lookup rate limit and the audit log apply.
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
import { inputBlockId, lookupView, submittedLine, type LookupContent } from './lookup-view.js';
import { LINK_OPTION_VALUE, slackViewActionRole } from './render.js';
import { slackSurfaceStrings } from './surface-strings.js';
import { readViewMetadata, writeViewMetadata, type ViewOwner } from './view-metadata.js';

type Who = Omit<SlackOrigin, 'channelId'>;

export function viewButtonListener(deps: SurfaceDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const owner = readViewMetadata(deps.metadataKey, body.view?.private_metadata, body.user.id);
    if (!body.view || !owner) {
      deps.log.warn({ view: body.view?.type ?? 'none' }, 'slack view interaction refused: the view was not made for this user');
      return;
    }
    const value = action.type === 'button' ? action.value : action.type === 'overflow' ? action.selected_option.value : undefined;
    const role = slackViewActionRole(action.action_id);
    if (!value || role === null || role === 'link' || value === LINK_OPTION_VALUE) return;
    const who: Who = { userId: body.user.id, userName: body.user.username ?? body.user.name, teamId: body.team?.id ?? body.user.team_id };
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
    const owner = readViewMetadata(deps.metadataKey, view.private_metadata, body.user.id);
    if (!owner) {
      deps.log.warn('slack Look up submission refused: the view was not made for this user');
      return ack({ response_action: 'errors', errors: { [inputBlockId(view)]: s.viewNotYours } });
    }
    const line = submittedLine(view.state.values);
    if (!line) return ack({ response_action: 'errors', errors: { [inputBlockId(view)]: s.lookupEmpty } });
    await ack({ response_action: 'update', view: modal(deps, owner, { line, answer: 'running' }) });
    const who: Who = { userId: body.user.id, userName: body.user.name, teamId: body.team?.id ?? undefined };
    await runInView(deps, client, view.id, line, owner, who);
  };
}

function modal(deps: SurfaceDeps, owner: ViewOwner, content: LookupContent) {
  return lookupView(content, deps.locale, writeViewMetadata(deps.metadataKey, owner)) as webApi.ViewsOpenArguments['view'];
}

/** Runs the line as the person, in the channel they act in, and shows the answer in the modal `viewId`. */
async function runInView(deps: SurfaceDeps, client: webApi.WebClient, viewId: string, line: string, owner: ViewOwner, who: Who): Promise<void> {
  const channel = await deps.membership.accessChannel(owner.user, owner.dm);
  const caller = callerFromSlack({ ...who, ...(channel ? { channelId: channel } : {}) }, deps.policy, deps.locale);
  let answer: Reply;
  if (channel === null) {
    deps.onRefused?.(line, caller);
    answer = { kind: 'refused', title: '', notes: [{ tone: 'warning', text: pick(slackSurfaceStrings, deps.locale).homeRefused }] };
  } else {
    answer = await withFile(deps, await deps.runCommand(line, caller), who.userId);
  }
  try {
    await client.views.update({ view_id: viewId, view: modal(deps, owner, { line, answer, ...(channel ? { channel } : {}) }) });
  } catch (error) {
    // The person may have closed the modal meanwhile (not_found): nothing to show it in.
    deps.log.info({ reason: slackErrorReason(error) }, 'slack views.update of the Look up modal failed');
  }
  deps.log.info({ command: line.split(/\s+/)[0]?.slice(0, 20), kind: answer.kind, mode: 'view' }, 'slack answer');
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
