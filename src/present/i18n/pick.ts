import type { Locale } from '../../domain/chat.js';

/**
 * Each area keeps its strings in its own dictionary file: the neutral ones in
 * this folder (commands.ts, alerts.ts, audit.ts), each chat adapter's next to
 * it (chat/slack/strings.ts, chat/telegram/strings.ts), one object per locale
 * with the same keys. `pick` chooses the locale's object; TypeScript checks
 * that both locales define every key.
 */
export type Dictionary<T> = Record<Locale, T>;

export function pick<T>(dictionary: Dictionary<T>, locale: Locale): T {
  return dictionary[locale];
}
