/**
 * Puts a Reply into a chat: renders it, sends each chunk in order with the
 * keyboard under the last one, or edits the message a paging button sits on.
 * Used for command answers and, as the ChatSender, for alerts (which also ask
 * it whether a digest fits one message, and at what pace to send).
 */
import type { Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Locale } from '../../domain/chat.js';
import { GrammyError } from 'grammy';
import { DeliveryError, type ChatSender, type MessageRef } from '../../domain/delivery.js';
import { forAskerOnly, type Reply } from '../../domain/reply.js';
import { silentLogger, type Logger } from '../../log.js';
import { renderOnce } from '../render-once.js';
import { isBadRequest, toDeliveryError } from './api-errors.js';
import { inlineKeyboard, type ButtonStore } from './keyboard.js';
import { telegramPace } from './limits.js';
import { fitsOneMessage, renderTelegram, type TelegramMessage } from './render.js';
import { sendFile } from './send-file.js';

export interface DeliveryDeps {
  api: Api;
  buttons: ButtonStore;
  now: () => Date;
}

export interface DeliveryTarget {
  chatId: string | number;
  /** Forum topic the command came from, so the answer lands in the same topic. */
  threadId?: number;
  /** Replace this message (paging) instead of sending a new one. */
  editMessageId?: number;
  /** Send as a reply to this message (an alert card's thread): reply_parameters on the first message. */
  replyToMessageId?: number;
}

/** Telegram answers 400 "message is not modified" when an edit changes nothing (a double click on Next). */
const NOT_MODIFIED = /message is not modified/i;
const CANNOT_EDIT = /message can't be edited|message to edit not found|MESSAGE_ID_INVALID/i;
/**
 * Content Telegram would not take: a link it rejects (sandbox links point to
 * 127.0.0.1) or markup it cannot parse. Such a chunk goes again as plain text
 * without url buttons rather than not at all.
 */
const REJECTED_CONTENT = /can't parse entities|BUTTON_URL_INVALID|wrong http url|url host is empty|unsupported url protocol/i;

/** Puts a reply into the chat; resolves with the id of the message that carries its keyboard (the last). */
export async function deliverReply(deps: DeliveryDeps, target: DeliveryTarget, reply: Reply, locale: Locale): Promise<number> {
  return deliverMessage(deps, target, renderTelegram(reply, locale));
}

async function deliverMessage(deps: DeliveryDeps, target: DeliveryTarget, { chunks, keyboard }: TelegramMessage): Promise<number> {
  const markup = await inlineKeyboard(keyboard, deps.buttons, deps.now());
  const single = chunks.length === 1 ? chunks[0] : undefined;
  if (target.editMessageId !== undefined && single !== undefined) {
    try {
      await deps.api.editMessageText(target.chatId, target.editMessageId, single, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(markup ? { reply_markup: markup } : {}),
      });
      return target.editMessageId;
    } catch (error) {
      if (isBadRequest(error, NOT_MODIFIED)) return target.editMessageId;
      if (!isBadRequest(error, CANNOT_EDIT)) throw error;
      // Too old or deleted: answer with a new message instead.
    }
  }
  let sent = 0;
  for (const [index, chunk] of chunks.entries()) {
    const last = index === chunks.length - 1;
    sent = await sendChunk(deps, index === 0 ? target : { ...target, replyToMessageId: undefined }, chunk, last ? markup : undefined);
  }
  return sent;
}

async function sendChunk(
  deps: DeliveryDeps,
  target: DeliveryTarget,
  html: string,
  markup: InlineKeyboardMarkup | undefined,
): Promise<number> {
  const common = {
    link_preview_options: { is_disabled: true },
    ...(target.threadId !== undefined ? { message_thread_id: target.threadId } : {}),
    // Sent even when the card is gone (core.telegram.org/bots/api#replyparameters): the change still reaches the chat.
    ...(target.replyToMessageId !== undefined
      ? { reply_parameters: { message_id: target.replyToMessageId, allow_sending_without_reply: true } }
      : {}),
  };
  try {
    const sent = await deps.api.sendMessage(target.chatId, html, { ...common, parse_mode: 'HTML', ...(markup ? { reply_markup: markup } : {}) });
    return sent.message_id;
  } catch (error) {
    if (!isBadRequest(error, REJECTED_CONTENT)) throw error;
    const plainMarkup = withoutUrlButtons(markup);
    const sent = await deps.api.sendMessage(target.chatId, plainText(html), { ...common, ...(plainMarkup ? { reply_markup: plainMarkup } : {}) });
    return sent.message_id;
  }
}

/** An alert card in place: one message (alert cards fit one); an edit that changes nothing is no failure. */
async function editCard(deps: DeliveryDeps, message: MessageRef, { chunks, keyboard }: TelegramMessage): Promise<void> {
  const markup = await inlineKeyboard(keyboard, deps.buttons, deps.now());
  try {
    await deps.api.editMessageText(message.chatId, Number(message.messageId), chunks[0] ?? '', {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      // Without reply_markup the keyboard would go: a resolved card keeps its Open and Reopen buttons.
      reply_markup: markup ?? { inline_keyboard: [] },
    });
  } catch (error) {
    if (!isBadRequest(error, NOT_MODIFIED)) throw error;
  }
}

function withoutUrlButtons(markup: InlineKeyboardMarkup | undefined): InlineKeyboardMarkup | undefined {
  const rows = (markup?.inline_keyboard ?? [])
    .map((row) => row.filter((button) => !('url' in button)))
    .filter((row) => row.length > 0);
  return rows.length ? { inline_keyboard: rows } : undefined;
}

/** HTML -> the text a reader would see, for sending without parse_mode. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * A link that opens a message: only supergroups and channels have one
 * (t.me/c/<id>/<message_id>, where <id> is the chat id without its -100
 * prefix, core.telegram.org/api/links#message-links); private chats and
 * basic groups have none.
 */
export function messageLink(message: MessageRef): string | null {
  const match = /^-100([0-9]+)$/.exec(message.chatId);
  return match ? `https://t.me/c/${match[1]}/${message.messageId}` : null;
}

/**
 * The ChatSender alerts use. Alerts have no user, so the configured locale (or English) applies.
 * A reply's file for the whole chat (a daily summary's chart) follows its message, as sendPhoto or
 * sendDocument; a failed file is logged and the message stays delivered: sending again would repeat it.
 */
export function createTelegramSender(deps: DeliveryDeps, locale: Locale, log: Logger = silentLogger): ChatSender {
  const render = renderOnce((reply) => renderTelegram(reply, locale));
  return {
    platform: 'telegram',
    fits: (reply) => fitsOneMessage(reply, render(reply)),
    pace: telegramPace,
    async send(chatId, reply, options) {
      try {
        const replyTo = options?.replyTo ? { replyToMessageId: Number(options.replyTo.messageId) } : {};
        const messageId = await deliverMessage(deps, { chatId, ...replyTo }, render(reply));
        if (reply.attachment && !forAskerOnly(reply.attachment)) {
          await sendFile(deps, { chatId }, reply.attachment).catch((error: unknown) => {
            const reason = toDeliveryError(error).reason;
            log.warn({ chatId, reason }, 'telegram: the file after a message could not be sent');
            options?.onFileFailed?.(reason);
          });
        }
        return { chatId, messageId: String(messageId) };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async edit(message, reply) {
      try {
        await editCard(deps, message, render(reply));
      } catch (error) {
        if (isBadRequest(error, CANNOT_EDIT)) {
          throw new DeliveryError('Telegram cannot edit the card', 'message', error instanceof GrammyError ? error.description : 'cannot edit');
        }
        throw toDeliveryError(error);
      }
    },
    permalink: async (message) => messageLink(message),
    async checkAuth() {
      try {
        await deps.api.getMe();
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}
