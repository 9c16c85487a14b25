/**
 * Which updates the bot answers: the four commands (with or without
 * @ThisBot), /start and /help, and presses on its inline buttons. Everything
 * else (plain chat, other bots' commands) passes by untouched.
 */
import type { Bot, Context } from 'grammy';
import { BOT_COMMANDS, HELP_COMMANDS, HELP_LINE, commandLine } from './command-filter.js';
import { answerButton, answerCommand, type UpdateDeps } from './handle-update.js';

export function registerHandlers(bot: Bot, deps: UpdateDeps): void {
  const commandFrom = (ctx: Context, line: string) => ({
    chat: ctx.chat!,
    ...optional('user', ctx.from),
    line,
    ...optional('threadId', threadOf(ctx)),
  });
  for (const name of BOT_COMMANDS) {
    bot.command(name, (ctx) => answerCommand(deps, commandFrom(ctx, commandLine(name, ctx.match))));
  }
  bot.command([...HELP_COMMANDS], (ctx) => answerCommand(deps, commandFrom(ctx, HELP_LINE)));
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
