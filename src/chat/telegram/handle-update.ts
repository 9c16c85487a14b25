/**
 * Which updates the bot answers, and what it does with them: the four
 * commands (with or without @ThisBot), /start and /help, presses on its
 * inline buttons, and forwarded messages (a card for each id in them, as
 * Slack's message shortcut gives); everything else (plain chat, other bots'
 * commands) passes by untouched. /start in a private chat shows the
 * overview Slack's App Home shows (commands/overview.ts); in a group, the
 * usage. grammY's command filter does the Telegram part: it matches
 * `/kyc` and `/kyc@ThisBot` and skips `/kyc@OtherBot` (commands addressed to
 * another bot in a group), using the bot_command entity Telegram attaches.
 * The rest is apart from grammY: check the chat, build the caller, run the
 * command line, deliver the reply. A refused chat gets the refusal and
 * nothing runs.
 */
import { GrammyError, type Bot, type Context } from 'grammy';
import type { Chat, User } from 'grammy/types';
import { findLookups, noLookupsReply, withMoreNote } from '../../commands/find-lookups.js';
import type { BuildOverview } from '../../commands/overview.js';
import type { RecordRefusal, RunCommand } from '../../commands/types.js';
import { COMMAND_NAMES, type CommandName } from '../../domain/commands.js';
import type { Caller, Locale } from '../../domain/chat.js';
import type { Reply } from '../../domain/reply.js';
import type { Logger } from '../../log.js';
import { pick } from '../../present/i18n/pick.js';
import { callerFromUpdate, refusalReply, type Access, type CallerSettings } from './access.js';
import { resolveCallbackData } from './keyboard.js';
import { telegramStrings } from './strings.js';
import { deliverAnswer, noteLine } from './note-replies.js';
import { fileTarget, sendFile } from './send-file.js';
import { deliverReply, type DeliveryDeps, type DeliveryTarget } from './telegram-sender.js';

/** /help is the convention; /start is what Telegram sends when someone opens the bot (the overview in a private chat). */
const HELP_LINE = '/kyc help';
const START_LINE = '/start';
const FORWARDED_LINE = '(forwarded message)';

/** The line the dispatcher parses: `/kyc approved`, without any @BotName suffix. */
function commandLine(command: CommandName, args: string): string {
  const rest = args.trim();
  return rest ? `/${command} ${rest}` : `/${command}`;
}

export interface UpdateDeps {
  runCommand: RunCommand;
  onRefused?: RecordRefusal;
  access: Access;
  callerSettings: CallerSettings;
  delivery: DeliveryDeps;
  logger: Logger;
  /** The overview /start shows in a private chat, and the chats whose subscriptions it lists (TELEGRAM_ALLOWED_CHATS). */
  overview?: { build: BuildOverview; chats: readonly string[] };
}

export interface CommandInput {
  chat: Chat;
  user?: User;
  line: string;
  threadId?: number;
}

async function answerCommand(deps: UpdateDeps, input: CommandInput): Promise<void> {
  const admitted = await admit(deps, input);
  if (admitted) await answerLine(deps, admitted, input.line);
}

/** The caller and where answers go, when the chat may see data; else the refusal (once in a while) and null. */
async function admit(deps: UpdateDeps, input: CommandInput): Promise<{ caller: Caller; target: DeliveryTarget } | null> {
  const caller = callerFromUpdate(input.chat, input.user, deps.callerSettings);
  const target = { chatId: input.chat.id, ...(input.threadId !== undefined ? { threadId: input.threadId } : {}) };
  if (deps.access.isAllowed(caller.chatId)) return { caller, target };
  deps.onRefused?.(input.line, caller);
  deps.logger.info({ chatId: caller.chatId }, 'telegram: refused a chat that is not in TELEGRAM_ALLOWED_CHATS');
  if (deps.access.takeRefusal(caller.chatId, deps.delivery.now())) {
    await deliverReply(deps.delivery, target, refusalReply(caller.chatId, caller.locale), caller.locale);
  }
  return null;
}

async function answerLine(deps: UpdateDeps, { caller, target }: { caller: Caller; target: DeliveryTarget }, line: string, decorate = (reply: Reply) => reply): Promise<void> {
  const reply = decorate(await runSafely(deps, line, caller));
  await deliverAnswer(deps.delivery, target, reply, caller.locale);
  await sendAttachment(deps, reply, target, caller);
}

/** /start in a private chat: the overview, one message per section (each with its own numbered buttons). */
async function answerStart(deps: UpdateDeps, input: CommandInput): Promise<void> {
  if (input.chat.type !== 'private' || !deps.overview) return answerCommand(deps, { ...input, line: HELP_LINE });
  const admitted = await admit(deps, input);
  if (!admitted) return;
  let sections: Reply[];
  try {
    sections = await deps.overview.build(admitted.caller, { chats: deps.overview.chats });
  } catch (error) {
    // The store could not be read: the person hears so, the log says what failed (never any data).
    deps.logger.error({ errorName: error instanceof Error ? error.name : typeof error }, 'telegram: the /start overview failed');
    sections = [failedReply(admitted.caller.locale)];
  }
  for (const section of sections) await deliverReply(deps.delivery, admitted.target, section, admitted.caller.locale);
}

/**
 * A forwarded message: a card for each id in it (commands/find-lookups.ts),
 * looked up as the person who forwarded it, five at most and the last
 * saying how many more. A message without ids is answered in a private chat
 * only: in a group, forwarding is mostly conversation.
 */
async function answerForwarded(deps: UpdateDeps, input: CommandInput): Promise<void> {
  const { lines, more } = findLookups(input.line);
  if (lines.length === 0 && input.chat.type !== 'private') return;
  // What the audit log records for a refusal: the first lookup, never the message's own text.
  const admitted = await admit(deps, { ...input, line: lines[0] ?? FORWARDED_LINE });
  if (!admitted) return;
  if (lines.length === 0) {
    await deliverReply(deps.delivery, admitted.target, noLookupsReply(admitted.caller.locale), admitted.caller.locale);
    return;
  }
  const last = lines.at(-1);
  for (const line of lines) await answerLine(deps, admitted, line, (reply) => (line === last ? withMoreNote(reply, more, admitted.caller.locale) : reply));
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

async function answerButton(deps: UpdateDeps, input: ButtonInput): Promise<void> {
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
  await deliverAnswer(deps.delivery, target, reply, caller.locale);
  await sendAttachment(deps, reply, target, caller);
}

/** The reply's file, to the asker privately unless it is meant for the chat; a refusal to write first is explained. */
async function sendAttachment(deps: UpdateDeps, reply: Reply, asked: DeliveryTarget, caller: Caller): Promise<void> {
  if (!reply.attachment) return;
  try {
    await sendFile(deps.delivery, fileTarget(reply.attachment, asked, caller.userId), reply.attachment);
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 403)) throw error;
    const t = pick(telegramStrings, caller.locale);
    await deliverReply(deps.delivery, asked, { kind: 'refused', title: t.fileNeedsPrivateChat }, caller.locale);
  }
}

/** A text reply to one of the bot's answers that takes a note (note-replies.ts); other chat passes by. */
async function answerNote(deps: UpdateDeps, input: CommandInput & { repliedTo: number }): Promise<void> {
  if (!deps.access.isAllowed(String(input.chat.id))) return;
  const line = await noteLine(deps.delivery, input.chat.id, input.repliedTo, input.line);
  if (line) await answerCommand(deps, { ...input, line });
}

/** The dispatcher promises never to throw; should it break that promise, the user still hears something. */
async function runSafely(deps: UpdateDeps, line: string, caller: Caller): Promise<Reply> {
  try {
    return await deps.runCommand(line, caller);
  } catch (error) {
    // Only the error's class: a message may quote what the user typed (a phone, an email).
    deps.logger.error({ errorName: error instanceof Error ? error.name : typeof error }, 'telegram: command failed');
    return failedReply(caller.locale);
  }
}

/** What the person hears when their answer could not be prepared (a broken dispatcher, an unreadable store). */
export function failedReply(locale: Locale): Reply {
  const t = pick(telegramStrings, locale);
  return { kind: 'error', title: t.failedTitle, notes: [{ tone: 'error', text: t.failedText }] };
}

export function registerHandlers(bot: Bot, deps: UpdateDeps): void {
  const commandFrom = (ctx: Context, line: string) => ({
    chat: ctx.chat!,
    ...optional('user', ctx.from),
    line,
    ...optional('threadId', threadOf(ctx)),
  });
  for (const name of COMMAND_NAMES) {
    bot.command(name, (ctx) => answerCommand(deps, commandFrom(ctx, commandLine(name, ctx.match))));
  }
  bot.command('help', (ctx) => answerCommand(deps, commandFrom(ctx, HELP_LINE)));
  bot.command('start', (ctx) => answerStart(deps, commandFrom(ctx, START_LINE)));
  // Before notes by reply: a forwarded message is never one.
  bot.on('message:forward_origin', async (ctx, next) => {
    const text = ctx.message.text ?? ctx.message.caption;
    if (!text) return next();
    // A link behind words ("this session") keeps its URL in an entity, not in the text.
    const hidden = (ctx.message.entities ?? ctx.message.caption_entities ?? []).flatMap((entity) => (entity.type === 'text_link' ? [entity.url] : []));
    await answerForwarded(deps, commandFrom(ctx, [text, ...hidden].join('\n')));
  });
  bot.on('message:text', async (ctx, next) => {
    const repliedTo = ctx.message.reply_to_message;
    if (!repliedTo || repliedTo.from?.id !== ctx.me.id || ctx.message.text.startsWith('/')) return next();
    await answerNote(deps, { ...commandFrom(ctx, ctx.message.text), repliedTo: repliedTo.message_id });
  });
  bot.on('callback_query:data', (ctx) =>
    answerButton(deps, {
      data: ctx.callbackQuery.data,
      ...optional('chat', ctx.chat),
      user: ctx.from,
      ...optional('messageId', ctx.callbackQuery.message?.message_id),
      ...optional('threadId', threadOf(ctx)),
      answer: async (text) => {
        try {
          await ctx.answerCallbackQuery(text ? { text, show_alert: true } : {});
        } catch {
          // A query older than Telegram's answer window cannot be answered any more; the command still runs.
        }
      },
    }),
  );
}

/** The forum topic a message sits in, so the answer lands in the same topic. */
function threadOf(ctx: Context): number | undefined {
  const message = ctx.message ?? ctx.callbackQuery?.message;
  return message && 'is_topic_message' in message && message.is_topic_message ? message.message_thread_id : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
