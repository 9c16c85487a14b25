/**
 * Notes by reply (Reply.noteCommand): an answer that takes a note (a resolved
 * review item) says so under it, and a text reply to that message runs the
 * answer's command line with the reply's text appended, as whoever replied.
 * Telegram has no forms; a reply is how people answer a message there. The
 * message's command line is kept in the button payload store (shared by
 * replicas), for as long as a button's.
 */
import type { Reply } from '../../domain/reply.js';
import type { Locale } from '../../domain/chat.js';
import { pick } from '../../present/i18n/pick.js';
import { BUTTON_PAYLOAD_TTL_MS } from './keyboard.js';
import { telegramStrings } from './strings.js';
import { deliverReply, type DeliveryDeps, type DeliveryTarget } from './telegram-sender.js';

const promptKey = (chatId: string | number, messageId: number): string => `note:${chatId}:${messageId}`;

/** Delivers an answer; one that takes a note says how, and its message will take a reply as the note. */
export async function deliverAnswer(deps: DeliveryDeps, target: DeliveryTarget, reply: Reply, locale: Locale): Promise<void> {
  if (!reply.noteCommand) {
    await deliverReply(deps, target, reply, locale);
    return;
  }
  const hint = { tone: 'info' as const, text: pick(telegramStrings, locale).replyForNote };
  const messageId = await deliverReply(deps, target, { ...reply, notes: [...(reply.notes ?? []), hint] }, locale);
  await deps.buttons.saveButtonPayload({
    key: promptKey(target.chatId, messageId),
    commandLine: reply.noteCommand,
    expiresAt: new Date(deps.now().getTime() + BUTTON_PAYLOAD_TTL_MS),
  });
}

/** The command line a text reply to the bot's message runs, or null when that message takes no note. */
export async function noteLine(deps: DeliveryDeps, chatId: string | number, repliedTo: number, text: string): Promise<string | null> {
  const command = await deps.buttons.loadButtonPayload(promptKey(chatId, repliedTo), deps.now());
  const note = text.trim();
  return command && note ? `${command} ${note}` : null;
}
