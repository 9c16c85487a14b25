/**
 * Signs requests the way Slack does, so tests can drive the real Bolt
 * receiver over HTTP: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` with
 * the signing secret, timestamp in Unix seconds
 * (docs.slack.dev/authentication/verifying-requests-from-slack).
 */
import { createHmac } from 'node:crypto';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface SignOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  contentType?: string;
}

export function signSlackRequest(signingSecret: string, body: string, options: SignOptions = {}): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    body,
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': `v0=${signature}`,
    },
  };
}

export interface SlashCommandFields {
  command: string;
  text?: string;
  userId?: string;
  /** The typist's Slack username (default operator). */
  userName?: string;
  channelId?: string;
  teamId?: string;
  responseUrl: string;
}

let triggers = 0;
/** Slack gives every command and interaction its own trigger id, so no two requests carry the same body. */
function nextTriggerId(): string {
  triggers += 1;
  return `1.2.${triggers}`;
}

/** A slash command as Slack posts it: form-encoded fields. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.teamId ?? 'T0001',
    team_domain: 'kyc-desk-test',
    channel_id: fields.channelId ?? 'C0001',
    channel_name: 'kyc',
    user_id: fields.userId ?? 'U0001',
    user_name: fields.userName ?? 'operator',
    command: fields.command,
    text: fields.text ?? '',
    api_app_id: 'A0001',
    response_url: fields.responseUrl,
    trigger_id: nextTriggerId(),
  }).toString();
}

export interface ButtonClickFields {
  actionId: string;
  value?: string;
  userId?: string;
  /** The clicker's Slack username (default operator). */
  userName?: string;
  channelId?: string;
  teamId?: string;
  responseUrl: string;
  /** True when the button sits on an ephemeral answer. */
  ephemeral?: boolean;
  /** A pick from a row's overflow menu instead of a button click: `value` is the picked option's. */
  overflow?: boolean;
}

/** What every interaction payload carries: its type, the app, the trigger, the team and who acted. */
function interaction(type: string, fields: { userId?: string; userName?: string; teamId?: string }) {
  const teamId = fields.teamId ?? 'T0001';
  const name = fields.userName ?? 'operator';
  return {
    type,
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: nextTriggerId(),
    team: { id: teamId, domain: 'kyc-desk-test' },
    user: { id: fields.userId ?? 'U0001', username: name, name, team_id: teamId },
  };
}

/** A block_actions interaction as Slack posts it: `payload=` with the JSON form-encoded. */
export function buttonClickBody(fields: ButtonClickFields): string {
  const payload = {
    ...interaction('block_actions', fields),
    channel: { id: fields.channelId ?? 'C0001', name: 'kyc' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: fields.channelId ?? 'C0001', is_ephemeral: fields.ephemeral ?? true },
    response_url: fields.responseUrl,
    actions: [
      fields.overflow
        ? {
            type: 'overflow',
            action_id: fields.actionId,
            block_id: 'b1',
            selected_option: { text: { type: 'plain_text', text: 'option', emoji: true }, value: fields.value },
            action_ts: '1700000000.000200',
          }
        : {
            type: 'button',
            action_id: fields.actionId,
            block_id: 'b1',
            text: { type: 'plain_text', text: 'button', emoji: true },
            ...(fields.value !== undefined ? { value: fields.value } : {}),
            action_ts: '1700000000.000200',
          },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface ViewSubmissionFields {
  /** The view as the app opened it (views.open's `view`): its callback_id and private_metadata come back. */
  view: Record<string, unknown>;
  /** block_id -> action_id -> the element's state, as Slack sends `view.state.values`. */
  values: Record<string, Record<string, unknown>>;
  userId?: string;
  userName?: string;
  teamId?: string;
}

/** A view_submission interaction as Slack posts it when someone submits a modal: `payload=` with the JSON form-encoded. */
export function viewSubmissionBody(fields: ViewSubmissionFields): string {
  const payload = {
    ...interaction('view_submission', fields),
    view: { id: 'V0001', team_id: fields.teamId ?? 'T0001', type: 'modal', ...fields.view, state: { values: fields.values }, hash: 'h1' },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * An Events API request as Slack posts it (JSON, `type: event_callback`,
 * docs.slack.dev/apis/events-api): sign it with contentType 'application/json'.
 */
export function eventCallbackBody(event: Record<string, unknown>, fields: { teamId?: string; eventId?: string } = {}): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: fields.teamId ?? 'T0001',
    api_app_id: 'A0001',
    event: { event_ts: '1700000000.000300', ...event },
    type: 'event_callback',
    event_id: fields.eventId ?? `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: fields.teamId ?? 'T0001', user_id: 'UBOT0001', is_bot: true }],
  });
}

export interface MessageShortcutFields {
  callbackId: string;
  /** The message's text, as Slack keeps it (links as <url|label>). */
  text: string;
  attachments?: Array<Record<string, unknown>>;
  userId?: string;
  userName?: string;
  channelId?: string;
  teamId?: string;
  responseUrl: string;
}

/** A message shortcut (`message_action`) as Slack posts it: `payload=` with the JSON form-encoded. */
export function messageShortcutBody(fields: MessageShortcutFields): string {
  const payload = {
    ...interaction('message_action', fields),
    callback_id: fields.callbackId,
    message_ts: '1700000000.000400',
    action_ts: '1700000000.000500',
    response_url: fields.responseUrl,
    channel: { id: fields.channelId ?? 'C0001', name: 'kyc' },
    message: { type: 'message', user: 'U0SOMEONE', ts: '1700000000.000400', text: fields.text, ...(fields.attachments ? { attachments: fields.attachments } : {}) },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface ViewClickFields {
  /** The view the button sits in, as the app published or opened it (its type, callback_id and private_metadata come back). */
  view: Record<string, unknown>;
  viewId?: string;
  actionId: string;
  value?: string;
  userId?: string;
  userName?: string;
  teamId?: string;
}

/** A block_actions interaction on a button in a view (App Home or modal): no channel and no response_url, the view instead. */
export function viewClickBody(fields: ViewClickFields): string {
  const viewId = fields.viewId ?? 'V0HOME';
  const payload = {
    ...interaction('block_actions', fields),
    container: { type: 'view', view_id: viewId },
    view: { id: viewId, team_id: fields.teamId ?? 'T0001', hash: 'h1', state: { values: {} }, ...fields.view },
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'button', emoji: true },
        ...(fields.value !== undefined ? { value: fields.value } : {}),
        action_ts: '1700000000.000600',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
