/**
 * How a status badge reads on every platform: the outcome in the reader's
 * language, in capitals (DESIGN.md, "Alerts": APPROVED / DECLINED), and the
 * provider's own status next to it only when it adds something
 * (`PENDING · requires_input`, never `DECLINED · DECLINED`). The renderers
 * (Slack, Telegram, console) all draw a badge from these two answers.
 */
import type { Locale } from '../domain/chat.js';
import type { Outcome } from '../domain/outcome.js';
import type { Badge } from '../domain/reply.js';

const OUTCOME_WORDS: Record<Locale, Record<Outcome, string>> = {
  en: { APPROVED: 'APPROVED', DECLINED: 'DECLINED', PENDING: 'PENDING', EXPIRED: 'EXPIRED', UNKNOWN: 'UNKNOWN' },
  ru: { APPROVED: 'ОДОБРЕНО', DECLINED: 'ОТКЛОНЕНО', PENDING: 'В ОЖИДАНИИ', EXPIRED: 'ИСТЕКЛО', UNKNOWN: 'НЕИЗВЕСТНО' },
};

export function outcomeWord(outcome: Outcome, locale: Locale = 'en'): string {
  return OUTCOME_WORDS[locale][outcome];
}

/**
 * The native status when it says more than the outcome does: not empty and
 * not the outcome's own word again (Love&Pay's APPROVED, DECLINED and
 * EXPIRED are spelt like the outcome). Null when it would only repeat it.
 */
export function nativeShown(badge: Badge): string | null {
  const native = badge.native.trim();
  if (!native) return null;
  return native.toUpperCase() === badge.outcome ? null : native;
}

/** The badge as plain words: "DECLINED", "PENDING · requires_input", "ОДОБРЕНО · ok". */
export function badgeWords(badge: Badge, locale: Locale = 'en'): string {
  const native = nativeShown(badge);
  const outcome = outcomeWord(badge.outcome, locale);
  return native ? `${outcome} · ${native}` : outcome;
}
