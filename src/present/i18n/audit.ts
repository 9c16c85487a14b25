/** Strings of `/kyc audit [n]`, in English and Russian. */
import type { ResultKind } from '../../domain/reply.js';
import type { Dictionary } from './pick.js';

export interface AuditStrings {
  title: (count: string) => string;
  none: string;
  refused: string;
  results: Record<ResultKind, string>;
  /** "slack · C0123 · U0456" */
  where: (platform: string, chat: string, user: string) => string;
}

export const AUDIT_STRINGS: Dictionary<AuditStrings> = {
  en: {
    title: (count) => `Audit log: the latest ${count}`,
    none: 'The audit log is empty: nobody has run a command yet.',
    refused: 'Only admins may read the audit log.',
    results: { ok: 'ok', not_found: 'not found', usage: 'usage', refused: 'refused', error: 'error' },
    where: (platform, chat, user) => `${platform} · ${chat} · ${user}`,
  },
  ru: {
    title: (count) => `Журнал аудита: последние ${count}`,
    none: 'Журнал аудита пуст: команд ещё не было.',
    refused: 'Журнал аудита доступен только администраторам.',
    results: { ok: 'успешно', not_found: 'не найдено', usage: 'ошибка ввода', refused: 'отказано', error: 'ошибка' },
    where: (platform, chat, user) => `${platform} · ${chat} · ${user}`,
  },
};
