/**
 * Reply -> Slack Block Kit. The renderer never calls the network and never
 * exceeds a Slack limit (limits.ts): long lists and texts are cut with
 * an honest "… and 37 more", and the `text` fallback (notifications, screen
 * readers) is always set. Provider text is escaped for mrkdwn so a customer
 * named `<!channel>` cannot ping anyone.
 */
import type { Locale } from '../../domain/chat.js';
import type { Outcome } from '../../domain/outcome.js';
import type { Action, Badge, Field, ListItem, Note, Reply } from '../../domain/reply.js';
import { badgeWords, nativeShown, outcomeWord } from '../../present/badge.js';
import { pick } from '../../present/i18n/pick.js';
import { replyActions } from '../../present/reply-actions.js';
import { SLACK_LIMITS as LIMITS } from './limits.js';
import { slackStrings, type SlackStrings } from './strings.js';

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  /**
   * Always true: Slack then leaves URLs, channel names and mentions in the
   * text as typed instead of making them links (text object reference,
   * "verbatim"), so provider text cannot smuggle in a link. The links we
   * mean are written out as <url|text>, which verbatim text still honours.
   */
  verbatim: true;
}
export interface SlackButton {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
}
/** A "⋯" menu: each option carries the command line it runs in `value`, as a button does. */
export interface SlackOverflow {
  type: 'overflow';
  action_id: string;
  /** An option with a `url` opens it (overflow menus only); its value is LINK_OPTION_VALUE, which runs nothing. */
  options: Array<{ text: PlainText; value: string; url?: string }>;
}

/** The value of an overflow option that only opens its URL (an alert card's message): the listener runs nothing for it. */
export const LINK_OPTION_VALUE = 'kd:link';
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text?: Mrkdwn; fields?: Mrkdwn[]; accessory?: SlackButton | SlackOverflow }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'actions'; elements: SlackButton[] };

export interface SlackMessage {
  /** Fallback for notifications and screen readers; always set. */
  text: string;
  blocks: SlackBlock[];
}

export interface RenderSlackOptions {
  locale?: Locale;
  /** Adds a "Share in channel" button that re-runs this command line for a viewer (ephemeral answers only). */
  shareCommand?: string;
  /** Renders the copy posted to a channel: no paging, share or watch buttons, and who shared it (a Slack user id). */
  channelCopy?: { sharedBy: string };
  /**
   * Renders into a view (the App Home, a modal), whose buttons answer inside
   * the view: their action_ids start with `kd_view:` (slackViewActionRole),
   * and there is no share button (a view sits in no channel).
   */
  inView?: boolean;
  /** Blocks this render may use (default, and at most, a message's 50): a view holds several renders. */
  maxBlocks?: number;
}

/** What a clicked button asks for; `link` buttons open a URL and need only an ack. */
export type SlackActionRole = Action['role'] | 'link';

/** Every button this renderer makes has an action_id of this form, unique within its message. */
const SLACK_ACTION_ID = /^kd:(page|open|share|watch|link):\d+$/;
/** The same for buttons rendered into a view (RenderSlackOptions.inView). */
const SLACK_VIEW_ACTION_ID = /^kd_view:(page|open|watch|link):\d+$/;
/** What every action_id of a button in a view starts with; Bolt routes them apart from message buttons. */
export const VIEW_ACTION_PREFIX = 'kd_view:';

export function slackActionRole(actionId: string): SlackActionRole | null {
  const match = SLACK_ACTION_ID.exec(actionId);
  return match ? (match[1] as SlackActionRole) : null;
}

export function slackViewActionRole(actionId: string): SlackActionRole | null {
  const match = SLACK_VIEW_ACTION_ID.exec(actionId);
  return match ? (match[1] as SlackActionRole) : null;
}

const OUTCOME_EMOJI: Record<Outcome, string> = {
  APPROVED: ':white_check_mark:',
  DECLINED: ':x:',
  PENDING: ':hourglass_flowing_sand:',
  EXPIRED: ':alarm_clock:',
  UNKNOWN: ':grey_question:',
};
const NOTE_EMOJI: Record<Note['tone'], string> = { info: ':information_source:', warning: ':warning:', error: ':no_entry:' };

/** Room kept for the "… and N more" line so it always fits. */
const MORE_LINE_CHARS = 200;
/** Buttons and small print are bounded so the body always has room. */
const ACTIONS_MAX_CHARS = 3_000;
const FOOTER_MAX_CHARS = 1_500;
const FOOTER_ELEMENT_CHARS = 300;
const LABEL_CHARS = 100;
const FIELD_URL_CHARS = 1_000;
/** Slack rejects empty text objects; an empty value shows as a dash. */
const EMPTY = '—';

export function renderSlack(reply: Reply, options: RenderSlackOptions = {}): SlackMessage {
  const t = pick(slackStrings, options.locale ?? 'en');
  const nextId = counter(options.inView ? VIEW_ACTION_PREFIX : 'kd:');
  const budget = new Budget(Math.min(options.maxBlocks ?? LIMITS.blocksPerMessage, LIMITS.blocksPerMessage), LIMITS.blocksTotalCharacters);

  const head: SlackBlock[] = [
    { type: 'header', text: plain(reply.title.trim() || t.fallbackTitle, LIMITS.headerText) },
  ];
  const locale = options.locale ?? 'en';
  if (reply.badge) head.push({ type: 'section', text: mrkdwn(badgeText(reply.badge, t, true, locale)) });
  head.forEach((block) => budget.take(block));

  const tail = [actionsBlock(reply, options, t, nextId), footerBlock(reply, options, t)].filter(
    (block): block is SlackBlock => block !== null,
  );
  tail.forEach((block) => budget.take(block));

  const body: SlackBlock[] = [];
  const units = [...fieldUnits(reply.fields ?? [], t), ...noteUnits(reply.notes ?? [], t), ...itemUnits(reply.items ?? [], t, nextId, locale)];
  let index = 0;
  for (; index < units.length; index += 1) {
    const unit = units[index]!;
    const isLast = index === units.length - 1;
    if (!budget.tryTake(unit.block, isLast ? 0 : 1, isLast ? 0 : MORE_LINE_CHARS)) break;
    body.push(unit.block);
  }
  const remaining = units.slice(index).reduce((sum, unit) => sum + unit.count, 0);
  if (remaining > 0) body.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(t.andMore(remaining)))] });

  return { text: fallbackText(reply, t, locale), blocks: [...head, ...body, ...tail] };
}

/**
 * True when the message shows every item of the reply: the renderer gives
 * each item it shows a section with its button or menu, and cuts the rest
 * off with "… and N more".
 */
export function fitsOneMessage(reply: Reply, message: SlackMessage): boolean {
  const shown = message.blocks.filter((block) => block.type === 'section' && block.accessory !== undefined).length;
  return shown === (reply.items?.length ?? 0);
}

/** Escapes the three characters Slack reserves for markup (docs.slack.dev/messaging/formatting-message-text, "Escaping text"). */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes `raw` and cuts it so the escaped result, with an honest "… and N
 * more characters", stays within `limit`. The cut happens on the raw text, so
 * an entity like `&amp;` is never split.
 */
export function escapeAndCut(raw: string, limit: number, t: SlackStrings): string {
  const escaped = escapeMrkdwn(raw);
  if (escaped.length <= limit) return escaped;
  // The longest suffix (the count can only shrink) is reserved up front.
  const room = limit - ` ${t.cutCharacters(raw.length)}`.length;
  if (room <= 0) return '…';
  // The longest raw prefix whose escaped form fits: escaping only grows text, so the length is monotonic.
  let low = 0;
  let high = Math.min(raw.length, room);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (escapeMrkdwn(raw.slice(0, middle)).length <= room) low = middle;
    else high = middle - 1;
  }
  const kept = trimSurrogate(raw.slice(0, low));
  return `${escapeMrkdwn(kept)} ${t.cutCharacters(raw.length - kept.length)}`;
}

/** The outcome in the reader's language, and the provider's status only when it adds something (present/badge.ts). */
function badgeText(badge: Badge, t: SlackStrings, bold: boolean, locale: Locale): string {
  const word = outcomeWord(badge.outcome, locale);
  const outcome = bold ? `*${word}*` : word;
  const native = nativeShown(badge);
  return `${OUTCOME_EMOJI[badge.outcome]} ${outcome}${native ? ` · ${code(native, LABEL_CHARS, t)}` : ''}`;
}

interface Unit {
  block: SlackBlock;
  /** How many fields, notes or list items the block shows, for the "… and N more" count. */
  count: number;
}

function fieldUnits(fields: Field[], t: SlackStrings): Unit[] {
  const units: Unit[] = [];
  for (let start = 0; start < fields.length; start += LIMITS.sectionFields) {
    const chunk = fields.slice(start, start + LIMITS.sectionFields);
    units.push({ block: { type: 'section', fields: chunk.map((field) => mrkdwn(fieldText(field, t))) }, count: chunk.length });
  }
  return units;
}

function fieldText(field: Field, t: SlackStrings): string {
  const label = field.label.trim() ? `*${escapeAndCut(field.label, LABEL_CHARS, t)}*\n` : '';
  const room = LIMITS.fieldText - label.length;
  const value = field.value.trim() ? field.value : EMPTY;
  const url = field.link && 'url' in field.link ? safeUrl(field.link.url, FIELD_URL_CHARS) : null;
  if (url) return `${label}<${url}|${escapeAndCut(value, room - url.length - 3, t)}>`;
  if (field.mono) return `${label}${code(value, room - 2, t)}`;
  return `${label}${escapeAndCut(value, room, t)}`;
}

function noteUnits(notes: Note[], t: SlackStrings): Unit[] {
  return notes.filter((note) => note.text.trim()).map((note) => {
    const emoji = `${NOTE_EMOJI[note.tone]} `;
    return { block: { type: 'section', text: mrkdwn(emoji + escapeAndCut(note.text, LIMITS.sectionText - emoji.length, t)) }, count: 1 };
  });
}

function itemUnits(items: ListItem[], t: SlackStrings, nextId: NextId, locale: Locale): Unit[] {
  return items.map((item) => {
    const badge = item.badge ? `  ${badgeText(item.badge, t, false, locale)}` : '';
    const title = `*${escapeAndCut(item.title.trim() || EMPTY, 500, t)}*${badge}`;
    const text = item.text ? `\n${escapeAndCut(item.text, LIMITS.sectionText - title.length - 1, t)}` : '';
    const block: SlackBlock = { type: 'section', text: mrkdwn(title + text) };
    const accessory = item.links?.length ? itemMenu(item, t, nextId) : item.command ? commandButton(t.details, 'open', item.command, nextId) : null;
    if (accessory) block.accessory = accessory;
    return { block, count: 1 };
  });
}

/**
 * A row that links to more than its detail gets a menu (Details, Customer,
 * Invoice) instead of one button: Slack gives a section one accessory.
 * An option whose line is too long for `value` is left out.
 */
function itemMenu(item: ListItem, t: SlackStrings, nextId: NextId): SlackOverflow | null {
  const entries = [...(item.command ? [{ label: t.details, command: item.command }] : []), ...(item.links ?? [])];
  const options = entries
    .flatMap((entry) => {
      const text = plain(entry.label, LIMITS.optionText);
      if ('url' in entry) {
        const url = safeUrl(entry.url, LIMITS.buttonUrl);
        return url ? [{ text, value: LINK_OPTION_VALUE, url }] : [];
      }
      return entry.command.length <= LIMITS.optionValue ? [{ text, value: entry.command }] : [];
    })
    .slice(0, LIMITS.overflowOptions);
  return options.length ? { type: 'overflow', action_id: nextId('open'), options } : null;
}

function actionsBlock(reply: Reply, options: RenderSlackOptions, t: SlackStrings, nextId: NextId): SlackBlock | null {
  const wanted = replyActions(reply).filter((action) => !(options.inView && action.role === 'share'));
  const hasShare = wanted.some((action) => action.role === 'share');
  if (options.shareCommand && !options.channelCopy && !options.inView && reply.kind === 'ok' && !hasShare) {
    wanted.push({ label: t.share, command: options.shareCommand, role: 'share' });
  }
  const elements = new GrowingList<SlackButton>(ACTIONS_MAX_CHARS, LIMITS.actionsElements, (items) => ({ type: 'actions', elements: items }));
  for (const action of wanted) {
    if (options.channelCopy && action.role !== 'open') continue;
    const button = actionButton(action, options, nextId);
    if (button && !elements.tryPush(button)) break;
  }
  return elements.block();
}

function actionButton(action: Action, options: RenderSlackOptions, nextId: NextId): SlackButton | null {
  const url = action.url ? safeUrl(action.url, LIMITS.buttonUrl) : null;
  if (url) {
    return { type: 'button', text: plain(action.label, LIMITS.buttonText), action_id: nextId('link'), url };
  }
  const command = action.command ?? (action.role === 'share' ? options.shareCommand : undefined);
  return command ? commandButton(action.label, action.role, command, nextId) : null;
}

/** A button that carries the command line it runs; a line too long for `value` is left out rather than cut. */
function commandButton(label: string, role: Action['role'], command: string, nextId: NextId): SlackButton | null {
  if (command.length > LIMITS.buttonValue) return null;
  return { type: 'button', text: plain(label, LIMITS.buttonText), action_id: nextId(role), value: command };
}

function footerBlock(reply: Reply, options: RenderSlackOptions, t: SlackStrings): SlackBlock | null {
  const lines = (reply.footer ?? []).filter((line) => line.trim()).map((line) => escapeAndCut(line, FOOTER_ELEMENT_CHARS, t));
  if (reply.unmasked && !options.channelCopy) lines.push(`:lock: ${escapeMrkdwn(t.unmaskedNotice)}`);
  if (options.channelCopy) lines.push(escapeMrkdwn(t.sharedBy('@user')).replace('@user', mention(options.channelCopy.sharedBy)));
  const elements = new GrowingList<Mrkdwn>(FOOTER_MAX_CHARS, LIMITS.contextElements, (items) => ({ type: 'context', elements: items }));
  for (const line of lines) if (!elements.tryPush(mrkdwn(line))) break;
  return elements.block();
}

function fallbackText(reply: Reply, t: SlackStrings, locale: Locale): string {
  const title = reply.title.trim() || t.fallbackTitle;
  const parts = [title];
  if (reply.badge) {
    // A title that names the outcome already (an alert, a list of one status) is not followed by it again.
    const said = title.toLowerCase().includes(outcomeWord(reply.badge.outcome, locale).toLowerCase());
    const native = nativeShown(reply.badge);
    const rest = said ? native : badgeWords(reply.badge, locale);
    if (rest) parts.push(rest);
  }
  if (reply.kind !== 'ok' && reply.notes?.[0]) parts.push(reply.notes[0].text);
  return escapeAndCut(parts.join(' — '), LIMITS.messageText, t);
}

/** Inline code; backticks inside would end it early, so they become apostrophes. */
function code(value: string, limit: number, t: SlackStrings): string {
  return `\`${escapeAndCut(value.replace(/`/g, "'"), Math.max(1, limit), t)}\``;
}

/** Only http(s) links, with the characters that would break `<url|text>` escaped; too long means no link. */
function safeUrl(url: string, limit: number): string | null {
  if (!/^https?:\/\/\S+$/i.test(url)) return null;
  const safe = escapeMrkdwn(url).replace(/\|/g, '%7C');
  return safe.length <= limit ? safe : null;
}

/** A user mention only for a well-formed Slack user id; anything else is shown as escaped text. */
function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId.slice(0, 30));
}

/** Plain text on one line (headers and buttons do not wrap), cut with an ellipsis. */
function plain(raw: string, limit: number): PlainText {
  const text = raw.replace(/\s+/g, ' ').trim();
  const cut = text.length <= limit ? text : `${trimSurrogate(text.slice(0, limit - 1))}…`;
  return { type: 'plain_text', text: cut || '…', emoji: true };
}

function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text: text.slice(0, LIMITS.textObject), verbatim: true };
}

/** A cut must not leave half of a surrogate pair (an emoji) behind. */
function trimSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

/** The next action_id for a button of this role: `kd:open:3`, or `kd_view:open:3` in a view. */
type NextId = (role: SlackActionRole) => string;

function counter(prefix: string): NextId {
  let next = 0;
  return (role) => `${prefix}${role}:${next++}`;
}

function size(block: SlackBlock): number {
  return JSON.stringify(block).length;
}

/** The message's blocks and characters so far; each block is measured once. */
class Budget {
  private blocks = 0;
  private chars = 0;

  constructor(
    private readonly maxBlocks: number,
    private readonly maxChars: number,
  ) {}

  /** Counts the block in if it fits with room for `reserve*` more; false (and nothing counted) otherwise. */
  tryTake(block: SlackBlock, reserveBlocks: number, reserveChars: number): boolean {
    const chars = size(block);
    if (this.blocks + 1 + reserveBlocks > this.maxBlocks || this.chars + chars + reserveChars > this.maxChars) return false;
    this.blocks += 1;
    this.chars += chars;
    return true;
  }

  take(block: SlackBlock): void {
    this.blocks += 1;
    this.chars += size(block);
  }
}

/**
 * The elements of one actions or context block, added while the block's JSON
 * stays within `maxChars`: its length is the empty block's plus each
 * element's plus a comma between two, so each element is measured once
 * rather than the whole block again for every element.
 */
class GrowingList<T> {
  private readonly items: T[] = [];
  private chars: number;

  constructor(
    private readonly maxChars: number,
    private readonly maxItems: number,
    private readonly wrap: (items: T[]) => SlackBlock,
  ) {
    this.chars = JSON.stringify(wrap([])).length;
  }

  tryPush(item: T): boolean {
    const chars = JSON.stringify(item).length + (this.items.length > 0 ? 1 : 0);
    if (this.items.length >= this.maxItems || this.chars + chars > this.maxChars) return false;
    this.items.push(item);
    this.chars += chars;
    return true;
  }

  block(): SlackBlock | null {
    return this.items.length > 0 ? this.wrap(this.items) : null;
  }
}
