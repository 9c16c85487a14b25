/**
 * Which messages are commands for this bot, and the command line they carry.
 * grammY's command filter does the Telegram part: it matches `/kyc` and
 * `/kyc@ThisBot` and skips `/kyc@OtherBot` (commands addressed to another
 * bot in a group), using the bot_command entity Telegram attaches.
 */
import { COMMAND_NAMES, type CommandName } from '../../commands/request.js';

export const BOT_COMMANDS: readonly CommandName[] = COMMAND_NAMES;

/** /start is what Telegram sends when someone opens the bot; /help is the convention. Both show the usage. */
export const HELP_COMMANDS: readonly string[] = ['start', 'help'];

/** The line the dispatcher parses: `/kyc approved`, without any @BotName suffix. */
export function commandLine(command: string, args: string): string {
  const rest = args.trim();
  return rest ? `/${command} ${rest}` : `/${command}`;
}

export const HELP_LINE = '/kyc help';
