/**
 * What the bot does with a command message or a button press, apart from
 * grammY: check the chat, build the caller, run the command line, deliver
 * the reply. A refused chat gets the refusal and nothing runs.
 */
import type { Chat, User } from 'grammy/types';
import type { RecordRefusal, RunCommand } from '../../commands/types.js';
import type { Caller } from '../../domain/caller.js';
import type { Reply } from '../../domain/reply.js';
import type { Logger } from '../../log.js';
import { pick } from '../../present/i18n/pick.js';
import { refusalReply, type Access } from './access.js';
import { resolveCallbackData } from './callback-data.js';
import { callerFromUpdate, type CallerSettings } from './caller-from-update.js';
import { telegramStrings } from './strings.js';
import { deliverReply, type DeliveryDeps } from './telegram-sender.js';

export interface UpdateDeps {
  runCommand: RunCommand;
  onRefused?: RecordRefusal;
  access: Access;
  callerSettings: CallerSettings;
  delivery: DeliveryDeps;
  logger: Logger;
}

export interface CommandInput {
  chat: Chat;
  user?: User;
  line: string;
  threadId?: number;
}

export async function answerCommand(deps: UpdateDeps, input: CommandInput): Promise<void> {
  const caller = callerFromUpdate(input.chat, input.user, deps.callerSettings);
  const target = { chatId: input.chat.id, ...(input.threadId !== undefined ? { threadId: input.threadId } : {}) };
  if (!deps.access.isAllowed(caller.chatId)) {
    deps.onRefused?.(input.line, caller);
    deps.logger.info({ chatId: caller.chatId }, 'telegram: refused a chat that is not in TELEGRAM_ALLOWED_CHATS');
    if (deps.access.takeRefusal(caller.chatId, deps.delivery.now())) {
      await deliverReply(deps.delivery, target, refusalReply(caller.chatId, caller.locale), caller.locale);
    }
    return;
  }
  const reply = await runSafely(deps, input.line, caller);
  await deliverReply(deps.delivery, target, reply, caller.locale);
}

export interface ButtonInput {
  data: string;
  /** Absent for buttons on inline-mode messages, which this bot never sends. */
  chat?: Chat;
  user: User;
  messageId?: number;
  threadId?: number;
  /** answerCallbackQuery: stops the button's spinner; a text shows as an alert. */
  answer(text?: string): Promise<void>;
}

export async function answerButton(deps: UpdateDeps, input: ButtonInput): Promise<void> {
  if (!input.chat) return input.answer();
  const caller = callerFromUpdate(input.chat, input.user, deps.callerSettings);
  const t = pick(telegramStrings, caller.locale);
  if (!deps.access.isAllowed(caller.chatId)) {
    deps.onRefused?.('/button', caller);
    return input.answer(t.buttonRefused);
  }
  const resolved = await resolveCallbackData(input.data, deps.delivery.buttons, deps.delivery.now());
  if (resolved === 'expired') return input.answer(t.buttonExpired);
  if (resolved === 'unknown') return input.answer(t.buttonUnknown);
  // Answer first: the spinner stops at once, whatever the providers take.
  await input.answer();
  const reply = await runSafely(deps, resolved.command, caller);
  const target = {
    chatId: input.chat.id,
    ...(input.threadId !== undefined ? { threadId: input.threadId } : {}),
    ...(resolved.edit && input.messageId !== undefined ? { editMessageId: input.messageId } : {}),
  };
  await deliverReply(deps.delivery, target, reply, caller.locale);
}

/** The dispatcher promises never to throw; should it break that promise, the user still hears something. */
async function runSafely(deps: UpdateDeps, line: string, caller: Caller): Promise<Reply> {
  try {
    return await deps.runCommand(line, caller);
  } catch (error) {
    // Only the error's class: a message may quote what the user typed (a phone, an email).
    deps.logger.error({ errorName: error instanceof Error ? error.name : typeof error }, 'telegram: command failed');
    const t = pick(telegramStrings, caller.locale);
    return { kind: 'error', title: t.failedTitle, notes: [{ tone: 'error', text: t.failedText }] };
  }
}
