/**
 * The command menu Telegram shows when someone types "/": English by
 * default, Russian for users whose app is in Russian (setMyCommands with
 * language_code, core.telegram.org/bots/api#setmycommands).
 */
import type { Api } from 'grammy';
import type { Locale } from '../../domain/caller.js';
import { pick } from '../../present/i18n/pick.js';
import { BOT_COMMANDS } from './command-filter.js';
import { telegramStrings } from './strings.js';

export async function setCommands(api: Api): Promise<void> {
  const menus = [
    { locale: 'en', other: {} },
    { locale: 'ru', other: { language_code: 'ru' } },
  ] as const satisfies ReadonlyArray<{ locale: Locale; other: object }>;
  for (const { locale, other } of menus) {
    const t = pick(telegramStrings, locale);
    const commands = BOT_COMMANDS.map((command) => ({ command, description: t.commandDescriptions[command] }));
    await api.setMyCommands(commands, other);
  }
}
