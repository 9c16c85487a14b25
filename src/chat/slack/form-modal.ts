/**
 * A reply that asks for a choice and a note before its command runs (Reply.form:
 * Resolve on a DECLINED card) becomes a Slack modal: views.open with the
 * click's trigger_id (valid for 3 seconds, docs.slack.dev/surfaces/modals),
 * a select of the choices and an optional note. Its submission runs the
 * chosen command line with the note appended, as the person who submitted it
 * in the channel the button sat in, through the same RunCommand (so it is
 * audited) and the same channel check as every click.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import type { Form } from '../../domain/reply.js';
import { pick } from '../../present/i18n/pick.js';
import { callerFromSlack, isChannelAllowed, type SlackOrigin } from './access.js';
import type { AnswerDeps } from './listeners.js';
import { SLACK_LIMITS } from './limits.js';
import { slackStrings } from './strings.js';
import { viewText } from './view-parts.js';

export const FORM_CALLBACK_ID = 'kd_form';

/** Where the modal was opened from: what its submission needs besides the form. */
interface FormOrigin {
  channel?: string;
  team?: string;
}

/** Modal titles and button texts (limits.ts, viewText). */
const VIEW_TEXT_MAX = SLACK_LIMITS.viewText;
/** A note is kept short: the card shows it whole (commands/parse-review.ts, MAX_NOTE_LENGTH). */
const NOTE_MAX = 300;

const plain = viewText;

export function formView(form: Form, origin: FormOrigin, deps: Pick<AnswerDeps, 'locale'>) {
  const t = pick(slackStrings, deps.locale);
  const choices = form.choices.filter((choice) => choice.command.length <= SLACK_LIMITS.optionValue);
  return {
    type: 'modal' as const,
    callback_id: FORM_CALLBACK_ID,
    private_metadata: JSON.stringify(origin),
    title: plain(t.formTitle, VIEW_TEXT_MAX),
    submit: plain(t.formSubmit, VIEW_TEXT_MAX),
    close: plain(t.formCancel, VIEW_TEXT_MAX),
    blocks: [
      {
        type: 'input',
        block_id: 'choice',
        label: plain(form.title, 2_000),
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: choices.map((choice) => ({ text: plain(choice.label, SLACK_LIMITS.optionText), value: choice.command })),
        },
      },
      ...(form.note
        ? [
            {
              type: 'input',
              block_id: 'note',
              optional: true,
              label: plain(form.note.label, 2_000),
              element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: NOTE_MAX },
            },
          ]
        : []),
    ],
  };
}

/** Opens the form as a modal; false when Slack would not (the trigger expired), so the caller answers the usual way. */
export async function openForm(client: webApi.WebClient, triggerId: string, form: Form, origin: FormOrigin, deps: AnswerDeps): Promise<boolean> {
  try {
    await client.views.open({ trigger_id: triggerId, view: formView(form, origin, deps) as webApi.ViewsOpenArguments['view'] });
    return true;
  } catch (error) {
    deps.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'slack views.open failed; answering without a modal');
    return false;
  }
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function formSubmissionListener(deps: AnswerDeps) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const origin = readOrigin(view.private_metadata);
    const values = view.state.values;
    const command = values.choice?.value?.selected_option?.value;
    const note = values.note?.value?.value?.trim();
    const who: SlackOrigin = {
      userId: body.user.id,
      ...(body.user.name ? { userName: body.user.name } : {}),
      ...(origin.channel ? { channelId: origin.channel } : {}),
      ...(origin.team ?? body.team?.id ? { teamId: origin.team ?? body.team?.id } : {}),
    };
    const t = pick(slackStrings, deps.locale);
    if (!command) return ack({ response_action: 'errors', errors: { choice: t.formPick } });
    if (!isChannelAllowed(deps.policy, who.channelId)) {
      deps.onRefused?.(command, callerFromSlack(who, deps.policy, deps.locale));
      return ack({ response_action: 'errors', errors: { choice: t.channelRefused(who.channelId ?? '?') } });
    }
    const reply = await deps.runCommand(note ? `${command} ${note}` : command, callerFromSlack(who, deps.policy, deps.locale));
    // The cards change in every chat that has them; the modal only closes, or says why nothing changed.
    if (reply.kind === 'ok') return ack();
    return ack({ response_action: 'errors', errors: { choice: reply.title.slice(0, 150) } });
  };
}

function readOrigin(metadata: string): FormOrigin {
  try {
    const parsed = JSON.parse(metadata) as FormOrigin;
    return { ...(typeof parsed.channel === 'string' ? { channel: parsed.channel } : {}), ...(typeof parsed.team === 'string' ? { team: parsed.team } : {}) };
  } catch {
    return {};
  }
}
