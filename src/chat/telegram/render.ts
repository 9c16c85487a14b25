/**
 * Reply -> Telegram messages: HTML text cut into chunks that fit one message,
 * and an inline keyboard described without grammY (the chat layer turns
 * command buttons into callback_data). Pure: no network, no store.
 *
 * Telegram HTML (core.telegram.org/bots/api#html-style) knows <b>, <i>,
 * <code>, <a href> and only the entities &lt; &gt; &amp; &quot;; every
 * provider string goes through escapeHtml, so `<b>x</b>` in a name shows
 * literally.
 */
import type { Locale } from '../../domain/chat.js';
import type { Outcome } from '../../domain/outcome.js';
import type { Action, Badge, Field, ListItem, Reply } from '../../domain/reply.js';
import { nativeShown, outcomeWord } from '../../present/badge.js';
import { pick } from '../../present/i18n/pick.js';
import { fieldLinkActions } from '../../present/reply-actions.js';
import { TELEGRAM_LIMITS } from './limits.js';
import { splitTelegramHtml } from './split-html.js';
import { telegramStrings } from './strings.js';

/** A url button, or a button that runs a command line (`edit`: replace the message it sits on). */
export type TelegramButton = { text: string; url: string } | { text: string; command: string; edit: boolean };

export interface TelegramMessage {
  /** One or more HTML texts, each within TELEGRAM_LIMITS.messageText; send in order. */
  chunks: string[];
  /** Rows of buttons, for the last chunk. */
  keyboard: TelegramButton[][];
}

const OUTCOME_MARK: Record<Outcome, string> = {
  APPROVED: '✅',
  DECLINED: '❌',
  PENDING: '⏳',
  EXPIRED: '⌛',
  UNKNOWN: '❔',
};
const NOTE_MARK = { info: 'ℹ️', warning: '⚠️', error: '⛔' } as const;
const ITEM_BUTTONS_PER_ROW = 5;
const BUTTONS_PER_ROW = 2;
/** Button texts have no documented limit, but long ones are cut off on phones anyway. */
const BUTTON_TEXT_MAX = 40;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const escapeAttribute = (text: string): string => escapeHtml(text).replace(/"/g, '&quot;');

/**
 * Link-shaped text (a URL, `www.…`, a bare domain such as `evil.example`):
 * Telegram's clients make such text clickable on their own, so provider text
 * could smuggle in a link nobody chose. Inside <code> it stays plain, visible
 * and copyable. Email addresses are left as they are (masked ones have no
 * link to follow, and a mailto link opens nothing by itself).
 */
const LINK_SHAPED = /(?<![\p{L}\p{N}@.\-])(?:[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+|www\.[^\s"'<>]+|(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?::\d+)?(?:\/[^\s"'<>]*)?)(?![\p{L}\p{N}@])/giu;

/** Escaped for Telegram HTML, with anything a client would turn into a link kept inert. */
function inertHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(LINK_SHAPED)) {
    out += escapeHtml(text.slice(last, match.index)) + `<code>${escapeHtml(match[0])}</code>`;
    last = match.index + match[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** Only web links become links: anything else (javascript:, relative paths) is shown as text. */
const isWebUrl = (url: string): boolean => /^https?:\/\/[^\s]+$/i.test(url);

/** Room kept at the end of the last message for the "rest is cut" line. */
const CUT_NOTE_ROOM = 300;

export function renderTelegram(reply: Reply, locale: Locale): TelegramMessage {
  const html = renderHtml(reply, locale);
  const keyboard = renderKeyboard(reply);
  const chunks = splitTelegramHtml(html, TELEGRAM_LIMITS.messageText);
  if (chunks.length <= TELEGRAM_LIMITS.messagesPerReply) return { chunks, keyboard };
  const kept = splitTelegramHtml(html, TELEGRAM_LIMITS.messageText - CUT_NOTE_ROOM).slice(0, TELEGRAM_LIMITS.messagesPerReply);
  kept[kept.length - 1] += `\n\n<i>${escapeHtml(pick(telegramStrings, locale).cut)}</i>`;
  return { chunks: kept, keyboard };
}

/** True when one message shows the whole reply, with a button for every item. */
export function fitsOneMessage(reply: Reply, message: TelegramMessage): boolean {
  const buttons = message.keyboard.flat().filter((button) => 'command' in button).length;
  return message.chunks.length === 1 && buttons >= (reply.items?.length ?? 0);
}

function renderHtml(reply: Reply, locale: Locale): string {
  const t = pick(telegramStrings, locale);
  const sections: string[][] = [];
  const title = reply.title.trim() || t.fallbackTitle;
  sections.push([bold(title), ...(reply.badge ? [badge(reply.badge, locale)] : [])]);
  if (reply.fields?.length) sections.push(reply.fields.map(field));
  if (reply.items?.length) {
    // Numbers match the item buttons; a list without buttons (help) gets bullets.
    const numbered = reply.items.some((item) => item.command);
    sections.push(
      reply.items.map((item, index) => {
        const mark = numbered ? `${index + 1}.` : '•';
        const head = `${mark} ${bold(item.title)}${item.badge ? ` · ${badge(item.badge, locale)}` : ''}`;
        const text = item.text ? lines(item.text, (line) => `    ${inertHtml(line)}`) : '';
        return text ? `${head}\n${text}` : head;
      }),
    );
  }
  if (reply.notes?.length) {
    sections.push(reply.notes.map((note) => `${NOTE_MARK[note.tone]} ${lines(note.text, inertHtml)}`));
  }
  const footer = [...(reply.footer ?? []), ...(reply.unmasked ? [t.unmaskedNotice] : [])];
  if (footer.length) sections.push(footer.map((line) => lines(line, (part) => `<i>${inertHtml(part)}</i>`)));
  return sections.map((section) => section.join('\n')).join('\n\n');
}

/** Wraps each line on its own, so no tag spans a line break and chunks can be cut between lines. */
function lines(text: string, wrap: (line: string) => string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line.trim() ? wrap(line) : ''))
    .join('\n');
}

const bold = (text: string): string => lines(text, (line) => `<b>${inertHtml(line)}</b>`);
const code = (text: string): string => lines(text, (line) => `<code>${escapeHtml(line)}</code>`);

/** The outcome in the reader's language, and the provider's status only when it adds something (present/badge.ts). */
function badge(value: Badge, locale: Locale): string {
  const native = nativeShown(value);
  const shown = native ? ` (${code(native)})` : '';
  return `${OUTCOME_MARK[value.outcome]} <b>${escapeHtml(outcomeWord(value.outcome, locale))}</b>${shown}`;
}

/**
 * Longer URLs are not linked: a split message reopens the <a href> tag in
 * every chunk, so a 5,000-character URL would leave room for almost no text.
 * Slack's renderer draws the same line (chat/slack/render.ts, FIELD_URL_CHARS).
 */
const LINK_URL_CHARS = 1_000;

function field({ label, value, mono, link }: Field): string {
  let shown = mono ? code(value) : inertHtml(value);
  if (link && 'url' in link && isWebUrl(link.url) && link.url.length <= LINK_URL_CHARS) {
    shown = lines(value, (line) => `<a href="${escapeAttribute(link.url)}">${escapeHtml(line)}</a>`);
  }
  return `${inertHtml(label)}: ${shown}`;
}

function renderKeyboard(reply: Reply): TelegramButton[][] {
  const items = reply.items ?? [];
  // Rows that link to their customer or invoice get a keyboard row each: "1", "1 · Customer", "1 · Invoice".
  const linked = items.some((item) => item.links?.length);
  const itemRows = linked
    ? items.flatMap((item, index) => {
        const row = itemButtons(item, index);
        return row.length ? [row] : [];
      })
    : rowsOf(items.flatMap((item, index) => itemButtons(item, index)), ITEM_BUTTONS_PER_ROW);
  const actions = reply.actions ?? [];
  const fieldLinks = fieldLinkActions(reply).flatMap(actionButton);
  const paging = actions.filter((action) => action.role === 'page').flatMap(actionButton);
  const others = actions.filter((action) => action.role !== 'page').flatMap(actionButton);
  const rows = [
    ...itemRows,
    ...rowsOf(paging, TELEGRAM_LIMITS.inlineKeyboardRowButtons),
    ...rowsOf([...fieldLinks, ...others], BUTTONS_PER_ROW),
  ];
  return capButtons(rows, TELEGRAM_LIMITS.inlineKeyboardButtons);
}

function itemButtons(item: ListItem, index: number): TelegramButton[] {
  const number = String(index + 1);
  return [
    ...(item.command ? [{ text: number, command: item.command, edit: false }] : []),
    ...(item.links ?? []).flatMap((link): TelegramButton[] => {
      const text = buttonText(`${number} · ${link.label}`);
      if ('command' in link) return [{ text, command: link.command, edit: false }];
      return isWebUrl(link.url) ? [{ text, url: link.url }] : [];
    }),
  ];
}

function actionButton(action: Action): TelegramButton[] {
  const text = buttonText(action.label);
  if (action.url !== undefined) return isWebUrl(action.url) ? [{ text, url: action.url }] : [];
  if (action.command !== undefined) return [{ text, command: action.command, edit: action.role === 'page' }];
  return [];
}

function buttonText(label: string): string {
  const flat = label.replace(/\s+/g, ' ').trim() || '…';
  return flat.length > BUTTON_TEXT_MAX ? `${flat.slice(0, BUTTON_TEXT_MAX - 1)}…` : flat;
}

function rowsOf<T>(buttons: T[], perRow: number): T[][] {
  const rows: T[][] = [];
  for (let start = 0; start < buttons.length; start += perRow) rows.push(buttons.slice(start, start + perRow));
  return rows;
}

function capButtons(rows: TelegramButton[][], max: number): TelegramButton[][] {
  let left = max;
  const kept: TelegramButton[][] = [];
  for (const row of rows) {
    if (left <= 0) break;
    const part = row.slice(0, left);
    left -= part.length;
    kept.push(part);
  }
  return kept;
}
