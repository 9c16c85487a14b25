/** Strings of `/kyc audit [n]`, in English and Russian. */
import type { ResultKind } from '../../domain/reply.js';
import type { PluralForms } from '../format.js';
import type { Dictionary } from './pick.js';

export interface AuditStrings {
  title: (count: string) => string;
  none: string;
  /** Nothing in the window asked for. */
  noneSince: string;
  /** The window the entries cover: "since 22 Feb 2025, 00:00" or "all time". */
  since: (when: string) => string;
  allTime: string;
  entryForms: PluralForms;
  /** `/kyc audit csv`: what the file holds, "1,204 entries, since …". */
  csvTitle: (count: string, window: string) => string;
  /** The file holds the newest entries only. */
  csvCut: (max: string) => string;
  refused: string;
  results: Record<ResultKind, string>;
  /** "slack · C0123 · U0456" */
  where: (platform: string, chat: string, user: string) => string;
}

export const AUDIT_STRINGS: Dictionary<AuditStrings> = {
  en: {
    title: (count) => `Audit log: the latest ${count}`,
    none: 'The audit log is empty: nobody has run a command yet.',
    noneSince: 'Nobody ran a command in that window.',
    since: (when) => `since ${when}`,
    allTime: 'all time',
    entryForms: { one: 'entry', other: 'entries' },
    csvTitle: (count, window) => `Audit log: ${count}, ${window}`,
    csvCut: (max) => `The file holds the newest ${max} entries; narrow the window with since: for the rest.`,
    refused: 'Only admins may read the audit log.',
    results: { ok: 'ok', not_found: 'not found', usage: 'usage', refused: 'refused', error: 'error' },
    where: (platform, chat, user) => `${platform} · ${chat} · ${user}`,
  },
  ru: {
    title: (count) => `Журнал аудита: последние ${count}`,
    none: 'Журнал аудита пуст: команд ещё не было.',
    noneSince: 'За этот период команд не было.',
    since: (when) => `с ${when}`,
    allTime: 'за всё время',
    entryForms: { one: 'запись', few: 'записи', many: 'записей', other: 'записи' },
    csvTitle: (count, window) => `Журнал аудита: ${count}, ${window}`,
    csvCut: (max) => `В файле последние ${max} записей; для остальных сузьте период с помощью since:.`,
    refused: 'Журнал аудита доступен только администраторам.',
    results: { ok: 'успешно', not_found: 'не найдено', usage: 'ошибка ввода', refused: 'отказано', error: 'ошибка' },
    where: (platform, chat, user) => `${platform} · ${chat} · ${user}`,
  },
};
