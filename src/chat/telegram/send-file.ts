/**
 * A reply's file (domain/reply.ts, Attachment) into a Telegram chat:
 * sendDocument, or sendPhoto for images, which Telegram shows inline
 * (core.telegram.org/bots/api#senddocument, #sendphoto). grammY posts the
 * bytes as multipart/form-data. The caption is plain text, cut to the Bot
 * API's 1024 characters.
 */
import { InputFile } from 'grammy';
import { attachmentBytes, forAskerOnly, isImage, type Attachment } from '../../domain/reply.js';
import type { DeliveryDeps, DeliveryTarget } from './telegram-sender.js';

/**
 * Where a reply's file goes: the chat (and topic) it was asked in when it is
 * meant for the chat, else the asker's private chat with the bot, whose id is
 * the user's id (core.telegram.org/bots/api#chat). A user who never pressed
 * Start cannot be written to first: Telegram answers 403.
 */
export function fileTarget(attachment: Attachment, asked: DeliveryTarget, userId: string): DeliveryTarget {
  return forAskerOnly(attachment) ? { chatId: userId } : asked;
}

/** core.telegram.org/bots/api#senddocument: "caption ... 0-1024 characters". */
const CAPTION_MAX = 1024;

export async function sendFile(deps: Pick<DeliveryDeps, 'api'>, target: DeliveryTarget, attachment: Attachment): Promise<void> {
  const file = new InputFile(attachmentBytes(attachment), attachment.filename);
  const options = {
    caption: attachment.title.slice(0, CAPTION_MAX),
    ...(target.threadId !== undefined ? { message_thread_id: target.threadId } : {}),
  };
  if (isImage(attachment)) await deps.api.sendPhoto(target.chatId, file, options);
  else await deps.api.sendDocument(target.chatId, file, options);
}
