/**
 * The App Home as views.publish takes it: the overview's sections
 * (commands/overview.ts), each rendered by the Slack renderer with its
 * buttons answering inside the view, a divider between them, and a Look up
 * button beside the head's Open queue and Stats. A view holds at most 100
 * blocks (limits.ts): the sections share them in order, and a section that
 * gets fewer than it needs ends with the renderer's "… and N more". Someone
 * outside every allowed channel gets the explanation and nothing else.
 */
import type { Locale } from '../../domain/chat.js';
import type { Reply } from '../../domain/reply.js';
import { pick } from '../../present/i18n/pick.js';
import { SLACK_LIMITS } from './limits.js';
import { escapeAndCut, renderSlack } from './render.js';
import { slackStrings } from './strings.js';
import { slackSurfaceStrings } from './surface-strings.js';
import type { HomeView, ViewBlock } from './view-parts.js';

export const HOME_CALLBACK_ID = 'kd_home';
/** The value of the Look up button: it opens the modal and runs nothing (command lines start with '/'). */
export const LOOKUP_VALUE = 'kd:lookup';

export function homeView(sections: Reply[], locale: Locale, metadata: string): HomeView {
  const s = pick(slackSurfaceStrings, locale);
  const [head, ...rest] = sections;
  const withLookUp: Reply[] = head ? [{ ...head, actions: [{ label: s.lookUp, command: LOOKUP_VALUE, role: 'open' }, ...(head.actions ?? [])] }, ...rest] : rest;
  const blocks: ViewBlock[] = [];
  withLookUp.forEach((section, index) => {
    if (index > 0) blocks.push({ type: 'divider' });
    // What is left, shared by this section and those after it (each needs a divider too).
    const left = SLACK_LIMITS.viewBlocks - blocks.length;
    const share = Math.floor((left - (withLookUp.length - index - 1)) / (withLookUp.length - index));
    blocks.push(...renderSlack(section, { locale, inView: true, maxBlocks: share }).blocks);
  });
  return { type: 'home', callback_id: HOME_CALLBACK_ID, private_metadata: metadata, blocks };
}

export function homeRefusedView(locale: Locale, metadata: string): HomeView {
  return homeNoticeView(pick(slackSurfaceStrings, locale).homeRefused, locale, metadata);
}

/** The Home when its overview could not be read: what happened and what to do, nothing else. */
export function homeFailedView(locale: Locale, metadata: string): HomeView {
  return homeNoticeView(pick(slackSurfaceStrings, locale).homeFailed, locale, metadata);
}

function homeNoticeView(text: string, locale: Locale, metadata: string): HomeView {
  return {
    type: 'home',
    callback_id: HOME_CALLBACK_ID,
    private_metadata: metadata,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: pick(slackStrings, locale).fallbackTitle, emoji: true } },
      // Our own sentence with its `variable` in code: escaped, never taken as markup.
      { type: 'section', text: { type: 'mrkdwn', text: escapeAndCut(text, SLACK_LIMITS.sectionText, pick(slackStrings, locale)), verbatim: true } },
    ],
  };
}
