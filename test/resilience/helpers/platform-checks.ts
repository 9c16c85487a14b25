/**
 * What a rendered reply must satisfy before it may be sent, as lists of
 * problems (empty = fine) so a property test can report every broken rule of
 * one counterexample at once. Limits come from the adapters' limits.ts
 * (src/chat/slack, src/chat/telegram); the markup rules from the platforms'
 * formatting docs, cited where used.
 */
import { renderText } from '../../../src/chat/console/render.js';
import { SLACK_LIMITS } from '../../../src/chat/slack/limits.js';
import { renderSlack, type SlackButton, type SlackMessage } from '../../../src/chat/slack/render.js';
import { TELEGRAM_LIMITS } from '../../../src/chat/telegram/limits.js';
import { renderTelegram, type TelegramMessage } from '../../../src/chat/telegram/render.js';
import type { Locale } from '../../../src/domain/chat.js';
import type { Reply } from '../../../src/domain/reply.js';

// --- Slack -------------------------------------------------------------------

/** Every Slack limit the renderer promises to keep. */
export function slackLimitProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  const text = (where: string, value: string, limit: number) => {
    // Slack rejects empty text objects ("minimum length is 1", text object reference).
    if (value.length === 0) problems.push(`${where} is empty`);
    if (value.length > limit) problems.push(`${where} has ${value.length} characters (limit ${limit})`);
  };
  const button = (where: string, b: SlackButton) => {
    text(`${where} text`, b.text.text, SLACK_LIMITS.buttonText);
    if (b.action_id.length > SLACK_LIMITS.actionId) problems.push(`${where} action_id too long`);
    if (b.value !== undefined && b.value.length > SLACK_LIMITS.buttonValue) problems.push(`${where} value too long`);
    if (b.url !== undefined && b.url.length > SLACK_LIMITS.buttonUrl) problems.push(`${where} url too long`);
  };
  text('text fallback', message.text, SLACK_LIMITS.messageText);
  if (message.blocks.length > SLACK_LIMITS.blocksPerMessage) problems.push(`${message.blocks.length} blocks`);
  // The renderer's own measure (chat/slack/limits.ts, blocksTotalCharacters): the blocks' JSON, block by block.
  const total = message.blocks.reduce((sum, block) => sum + JSON.stringify(block).length, 0);
  if (total > SLACK_LIMITS.blocksTotalCharacters) problems.push(`blocks hold ${total} characters of JSON`);
  message.blocks.forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    switch (block.type) {
      case 'header':
        text(where, block.text.text, SLACK_LIMITS.headerText);
        break;
      case 'section':
        if (!block.text && !block.fields?.length) problems.push(`${where} has neither text nor fields`);
        if (block.text) text(where, block.text.text, SLACK_LIMITS.sectionText);
        if ((block.fields?.length ?? 0) > SLACK_LIMITS.sectionFields) problems.push(`${where} has too many fields`);
        block.fields?.forEach((field, j) => text(`${where} field ${j}`, field.text, SLACK_LIMITS.fieldText));
        if (block.accessory?.type === 'overflow') {
          const { options } = block.accessory;
          if (options.length === 0 || options.length > SLACK_LIMITS.overflowOptions) problems.push(`${where} menu has ${options.length} options`);
          options.forEach((option, j) => {
            text(`${where} option ${j} text`, option.text.text, SLACK_LIMITS.optionText);
            text(`${where} option ${j} value`, option.value, SLACK_LIMITS.optionValue);
          });
        } else if (block.accessory) button(`${where} accessory`, block.accessory);
        break;
      case 'context':
        if (block.elements.length === 0 || block.elements.length > SLACK_LIMITS.contextElements) {
          problems.push(`${where} has ${block.elements.length} elements`);
        }
        block.elements.forEach((element, j) => text(`${where} element ${j}`, element.text, SLACK_LIMITS.textObject));
        break;
      case 'actions':
        if (block.elements.length === 0 || block.elements.length > SLACK_LIMITS.actionsElements) {
          problems.push(`${where} has ${block.elements.length} buttons`);
        }
        block.elements.forEach((b, j) => button(`${where} button ${j}`, b));
        break;
    }
  });
  return problems;
}

/** Every string Slack parses as mrkdwn: the fallback text, section texts and fields, context elements. */
export function slackMrkdwnTexts(message: SlackMessage): string[] {
  return [
    message.text,
    ...message.blocks.flatMap((block) => {
      if (block.type === 'section') return [...(block.text ? [block.text.text] : []), ...(block.fields ?? []).map((f) => f.text)];
      if (block.type === 'context') return block.elements.map((element) => element.text);
      return [];
    }),
  ];
}

/**
 * A link the renderer itself makes: `<http(s)://url|label>` with `<`, `>`,
 * `|` and `&` already escaped inside (chat/slack/render.ts safeUrl).
 */
const RENDERER_LINK = /<https?:\/\/[^\s<>|]+\|[^<>]*>/g;

/**
 * Slack reads `<...>` in mrkdwn as a mention, a channel link, a special
 * command (`<!channel>`) or a link (docs.slack.dev/messaging/formatting-message-text,
 * "Escaping text": only &, < and > are control characters). Outside the
 * renderer's own links no raw `<` or `>` may remain. Plain-text objects
 * (header, button labels) are not parsed for markup, so they are not checked.
 */
export function slackMarkupProblems(message: SlackMessage): string[] {
  return slackMrkdwnTexts(message).flatMap((text, i) => {
    const rest = text.replace(RENDERER_LINK, '');
    return /[<>]/.test(rest) ? [`mrkdwn text ${i} holds unescaped markup: ${JSON.stringify(rest.slice(0, 120))}`] : [];
  });
}

// --- Telegram ------------------------------------------------------------------

export function telegramLimitProblems(message: TelegramMessage): string[] {
  const problems: string[] = [];
  if (message.chunks.length === 0) problems.push('no message at all');
  message.chunks.forEach((chunk, i) => {
    if (chunk.trim().length === 0) problems.push(`chunk ${i} is empty`);
    if (chunk.length > TELEGRAM_LIMITS.messageText) problems.push(`chunk ${i} has ${chunk.length} characters`);
  });
  const buttons = message.keyboard.flat().length;
  if (buttons > TELEGRAM_LIMITS.inlineKeyboardButtons) problems.push(`${buttons} buttons`);
  message.keyboard.forEach((row, i) => {
    if (row.length === 0 || row.length > TELEGRAM_LIMITS.inlineKeyboardRowButtons) problems.push(`row ${i} has ${row.length} buttons`);
  });
  return problems;
}

export interface ParsedTelegramHtml {
  problems: string[];
  /** The text a reader sees: tags gone, entities decoded. */
  visible: string;
  /** Tag names in the order they open. */
  tags: string[];
}

/** The tags this bot may produce (a subset of core.telegram.org/bots/api#html-style). */
const ALLOWED_TAGS = new Set(['b', 'i', 'code', 'pre', 'a']);
/** Telegram HTML supports only these named entities, and numeric ones (same section). */
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const TOKEN = /<(\/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>|&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);|[<>&]|[^<>&]+/g;

/**
 * A strict reading of one Telegram HTML message: only allowed tags, properly
 * nested, `a` with exactly one http(s) href, no stray `<`, `>` or `&` (the
 * docs: "All <, > and & symbols that are not a part of a tag or an HTML
 * entity must be replaced with the corresponding HTML entities").
 */
export function parseTelegramHtml(html: string): ParsedTelegramHtml {
  const problems: string[] = [];
  const tags: string[] = [];
  const open: string[] = [];
  let visible = '';
  for (const match of html.matchAll(TOKEN)) {
    const [token, closing, rawName, attributes, entity] = match;
    if (rawName !== undefined) {
      const name = rawName.toLowerCase();
      if (!ALLOWED_TAGS.has(name)) {
        problems.push(`tag <${closing}${rawName}> is not allowed`);
        continue;
      }
      if (closing) {
        if (open.at(-1) !== name) problems.push(`</${name}> closes ${open.at(-1) ?? 'nothing'}`);
        else open.pop();
        if (attributes) problems.push(`</${name}> carries attributes`);
        continue;
      }
      if (name === 'a') {
        if (!/^ href="https?:\/\/[^"<>\s]+"$/.test(attributes ?? '')) problems.push(`<a${attributes}> is not one web link`);
      } else if (attributes) {
        problems.push(`<${name}> carries attributes ${JSON.stringify(attributes)}`);
      }
      open.push(name);
      tags.push(name);
      continue;
    }
    if (entity !== undefined) {
      if (entity.startsWith('#x')) visible += String.fromCodePoint(parseInt(entity.slice(2), 16));
      else if (entity.startsWith('#')) visible += String.fromCodePoint(Number(entity.slice(1)));
      else if (ENTITIES[entity] !== undefined) visible += ENTITIES[entity];
      else problems.push(`unknown entity &${entity};`);
      continue;
    }
    if (token === '<' || token === '>' || token === '&') {
      problems.push(`stray ${JSON.stringify(token)} at ${match.index}`);
      continue;
    }
    visible += token;
  }
  if (open.length > 0) problems.push(`unclosed ${open.join(', ')}`);
  return { problems, visible, tags };
}

// --- all three renderers at once --------------------------------------------------

export interface Rendered {
  slack?: SlackMessage;
  telegram?: TelegramMessage;
  text?: string;
  /** What a Telegram reader sees, every chunk's visible text joined. */
  telegramVisible: string;
  problems: string[];
}

/**
 * Renders a reply as the Slack, Telegram and console adapters would and lists
 * everything wrong with the result: a renderer that throws, a broken limit,
 * markup that escaped its escaping.
 */
export function renderEverywhere(reply: Reply, locale: Locale, shareCommand?: string): Rendered {
  const result: Rendered = { telegramVisible: '', problems: [] };
  const attempt = <T>(name: string, render: () => T): T | undefined => {
    try {
      return render();
    } catch (error) {
      result.problems.push(`${name} renderer threw: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
  result.slack = attempt('slack', () => renderSlack(reply, { locale, shareCommand }));
  if (result.slack) {
    result.problems.push(...slackLimitProblems(result.slack).map((p) => `slack: ${p}`));
    result.problems.push(...slackMarkupProblems(result.slack).map((p) => `slack: ${p}`));
  }
  result.telegram = attempt('telegram', () => renderTelegram(reply, locale));
  if (result.telegram) {
    result.problems.push(...telegramLimitProblems(result.telegram).map((p) => `telegram: ${p}`));
    for (const [i, chunk] of result.telegram.chunks.entries()) {
      const parsed = parseTelegramHtml(chunk);
      result.problems.push(...parsed.problems.map((p) => `telegram chunk ${i}: ${p}`));
      result.telegramVisible += `${parsed.visible}\n`;
    }
  }
  result.text = attempt('text', () => renderText(reply));
  if (result.text !== undefined && typeof result.text !== 'string') result.problems.push('text renderer returned no text');
  return result;
}
