/**
 * The ids in a message someone wants looked up (DESIGN.md, "Slack surfaces":
 * the "Look up in KYC Desk" shortcut; Telegram: a forwarded message), as the
 * command lines that look each one up: Love&Pay UUIDs (`/kyc <uuid>`, which
 * finds a customer, receipt or invoice too when the id is not a session),
 * Stripe `vs_...` ids, bare or inside a dashboard link, and Bank 131 checks
 * mentioned as `check 7`, `/check 7` or `check #7`. In the order they appear,
 * each once. The lines then run through RunCommand as the person who asked,
 * so access, masking, the lookup rate limit and the audit log apply as to
 * typed commands.
 */
import type { Locale } from '../domain/chat.js';
import { UUID_SOURCE } from '../domain/ids.js';
import type { Reply } from '../domain/reply.js';
import { pick } from '../present/i18n/pick.js';
import { SURFACE_STRINGS } from '../present/i18n/surfaces.js';

/** Cards one message gets at most; the rest are counted ("… and 3 more"). */
export const LOOKUPS_SHOWN = 5;

/**
 * Characters of a message looked at: Slack cuts a message's text at 40,000
 * (docs.slack.dev/reference/methods/chat.postMessage, "Truncating content"),
 * Telegram's 4,096; the rest is room for attachments. A message made
 * huge on purpose costs no more than this.
 */
export const SCANNED_CHARACTERS = 50_000;

export interface Lookups {
  /** Command lines, at most LOOKUPS_SHOWN. */
  lines: string[];
  /** Ids found beyond those. */
  more: number;
}

/**
 * One pattern per kind of id, each with the id in group 1. A Stripe id is
 * `vs_` and letters or digits (providers/path-segment.ts takes up to 250);
 * `(?<![A-Za-z0-9])` keeps `xvs_1` or a UUID inside a longer hex run out.
 */
const PATTERNS: ReadonlyArray<{ pattern: RegExp; line: (id: string) => string }> = [
  { pattern: new RegExp(`(?<![0-9a-f-])(${UUID_SOURCE})(?![0-9a-f-])`, 'gi'), line: (id) => `/kyc ${id.toLowerCase()}` },
  { pattern: /(?<![A-Za-z0-9_])(vs_[A-Za-z0-9]{1,250})(?![A-Za-z0-9])/g, line: (id) => `/kyc ${id}` },
  // "check 5c79a7d8-…" is a UUID after the word, not check 5: the number must end there.
  { pattern: /(?<![\p{L}\p{N}])check\s+(?:#|№|no\.?\s*)?([0-9]{1,19})(?![\p{L}\p{N}_-])/giu, line: (id) => `/check ${id}` },
];

export function findLookups(text: string, shown = LOOKUPS_SHOWN): Lookups {
  const scanned = text.slice(0, SCANNED_CHARACTERS);
  const found: Array<{ at: number; line: string }> = [];
  for (const { pattern, line } of PATTERNS) {
    for (const match of scanned.matchAll(pattern)) found.push({ at: match.index, line: line(match[1]!) });
  }
  const lines = [...new Set(found.sort((a, b) => a.at - b.at).map((entry) => entry.line))];
  return { lines: lines.slice(0, shown), more: Math.max(0, lines.length - shown) };
}

/** The last card of a message that named more ids than it gets cards says how many more ("… and 3 more"). */
export function withMoreNote(reply: Reply, more: number, locale: Locale): Reply {
  if (more <= 0) return reply;
  return { ...reply, notes: [...(reply.notes ?? []), { tone: 'info', text: pick(SURFACE_STRINGS, locale).lookups.more(more) }] };
}

/** The answer when a message names no id at all. */
export function noLookupsReply(locale: Locale): Reply {
  return { kind: 'usage', title: pick(SURFACE_STRINGS, locale).lookups.none };
}
