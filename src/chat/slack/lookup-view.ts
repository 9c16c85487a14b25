/**
 * The Look up modal (DESIGN.md, "Slack surfaces"): one input that takes any
 * command line, and under it the answer, rendered by the Slack renderer with
 * its buttons answering inside the modal. Submitting runs the line and the
 * answer replaces the modal's content (views.update); the input keeps the
 * line, so the next one is an edit away.
 */
import type { Locale } from '../../domain/chat.js';
import type { Reply } from '../../domain/reply.js';
import { pick } from '../../present/i18n/pick.js';
import { SLACK_LIMITS } from './limits.js';
import { escapeAndCut, renderSlack } from './render.js';
import { slackStrings } from './strings.js';
import { slackSurfaceStrings } from './surface-strings.js';
import { viewText, type ModalView, type ViewBlock } from './view-parts.js';

export const LOOKUP_CALLBACK_ID = 'kd_lookup_view';
/** The input's action_id; its block_id changes with every view, so an update shows the new line (Slack keeps typed state per block_id). */
const LINE_ACTION = 'line';
/** Longer than any command line, resolve note included (commands/parse-review.ts); a longer submission is refused. */
export const LINE_MAX = 1_000;

let views = 0;

export interface LookupContent {
  line: string;
  /** The answer to show, 'running' while it is being prepared, or nothing yet. */
  answer?: Reply | 'running';
  /** The channel the lines run as typed in (membership.ts), named under the input. */
  channel?: string;
}

export function lookupView(content: LookupContent, locale: Locale, metadata: string): ModalView {
  const s = pick(slackSurfaceStrings, locale);
  const t = pick(slackStrings, locale);
  const line = content.line.slice(0, LINE_MAX);
  const blocks: ViewBlock[] = [
    {
      type: 'input',
      block_id: `${LINE_ACTION}:${(views++).toString(36)}`,
      label: viewText(s.lookupLabel, 2_000),
      hint: viewText(s.lookupHint, 2_000),
      element: {
        type: 'plain_text_input',
        action_id: LINE_ACTION,
        ...(line ? { initial_value: line } : {}),
        placeholder: viewText(s.lookupPlaceholder, 150),
        max_length: LINE_MAX,
      },
    },
  ];
  // A channel's mention only for a well-formed channel id (a DM has no mention worth showing).
  if (content.channel && /^[CG][A-Z0-9]{2,20}$/.test(content.channel)) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: s.runsIn(`<#${content.channel}>`), verbatim: true }] });
  }
  if (content.answer === 'running') {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: s.running(escapeAndCut(line.replace(/`/g, "'"), 500, t)), verbatim: true }] });
  } else if (content.answer) {
    blocks.push({ type: 'divider' });
    blocks.push(...renderSlack(content.answer, { locale, inView: true, maxBlocks: SLACK_LIMITS.viewBlocks - blocks.length }).blocks);
  }
  return {
    type: 'modal',
    callback_id: LOOKUP_CALLBACK_ID,
    private_metadata: metadata,
    title: viewText(s.lookupTitle, SLACK_LIMITS.viewText),
    submit: viewText(s.lookupSubmit, SLACK_LIMITS.viewText),
    close: viewText(s.lookupClose, SLACK_LIMITS.viewText),
    blocks,
  };
}

/** The line typed into a submitted Look up modal, or '' (view_submission's `view.state.values`). */
export function submittedLine(values: Record<string, Record<string, { value?: string | null }>>): string {
  for (const [blockId, actions] of Object.entries(values)) {
    if (blockId.startsWith(`${LINE_ACTION}:`)) return actions[LINE_ACTION]?.value?.trim() ?? '';
  }
  return '';
}

/** The block_id of the input, for a view_submission's `errors`. */
export function inputBlockId(view: { blocks?: Array<{ type?: string; block_id?: string }> }): string {
  return view.blocks?.find((block) => block.type === 'input')?.block_id ?? LINE_ACTION;
}
