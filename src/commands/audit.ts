/**
 * The audit log (issue 7): every lookup is written down (who, where, what
 * command, when; app/audit-answers.ts writes the rows), with the
 * command's personal data masked, and `/kyc audit [n]` shows the latest
 * entries to admins.
 *
 * A line that parses is written back canonically with its search text, phone
 * or email masked; a line that does not parse keeps only the words that
 * cannot be personal data, because the parser could not say which words are
 * names.
 */
import { UUID_SOURCE } from '../domain/ids.js';
import type { Reply } from '../domain/reply.js';
import type { AuditEntry } from '../store/types.js';
import { AUDIT_STRINGS } from '../present/i18n/audit.js';
import { pick } from '../present/i18n/pick.js';
import { maskEmail, maskName, maskPhone } from '../present/mask.js';
import type { Store } from '../store/types.js';
import type { AuditRequest, Handler } from './handlers.js';
import { toCommandLine } from './parse.js';
import type { CommandRequest, ParseResult } from './request.js';
import { sinceInstant } from './time-window.js';

/** Enough to recognise the command in the audit log; longer lines are cut. */
const MAX_AUDIT_LINE = 200;

/** The command word: `/kyc`, `/kyc@KycDeskBot`. */
const COMMAND_WORD = /^\/[a-z]{1,20}(@\w{1,64})?$/i;
/**
 * Ids and filters with the values the grammar gives them: they say nothing
 * about a person. Any other word may be part of a name, and any number part
 * of a phone or a document, so they are masked.
 */
const SAFE_WORD = new RegExp(
  `^(${UUID_SOURCE}|vs_\\w{1,60}|kyc:(pending|verified|rejected)|level:(new|[0-3])|page:\\d{1,4}|invoice:${UUID_SOURCE}|(after|before):vs_\\w{1,60}|since:(today|yesterday|\\d{1,3}d|\\d{4}-\\d{2}-\\d{2})|csv)$`,
  'i',
);

/** The line as the audit log keeps it, from the parse the command already made (RunCommand's CommandAnswer). */
export function maskCommandLine(line: string, parsed: ParseResult): string {
  const masked = parsed.ok ? toCommandLine(maskRequest(parsed.request)) : maskUnparsed(line);
  return masked.length > MAX_AUDIT_LINE ? `${masked.slice(0, MAX_AUDIT_LINE - 1)}…` : masked;
}

function maskRequest(request: CommandRequest): CommandRequest {
  // A resolve's note is free text about a person: the review item keeps it, the audit log only that there was one.
  if (request.action === 'resolve' && request.note) return { ...request, note: '…' };
  if (request.command !== 'customer') return request;
  if (request.action === 'search' && request.search) return { ...request, search: maskSearch(request.search) };
  if (request.action === 'check') {
    return { ...request, phone: request.phone && maskPhone(request.phone), email: request.email && maskEmail(request.email) };
  }
  return request;
}

function maskSearch(text: string): string {
  if (text.includes('@')) return maskEmail(text);
  if (/\d{5,}/.test(text.replace(/\D/g, ''))) return maskPhone(text);
  return maskName(text)
    .split(' ')
    .map((word, index) => (index === 0 ? `${Array.from(word)[0] ?? ''}***` : word))
    .join(' ');
}

function maskUnparsed(line: string): string {
  return line
    .slice(0, MAX_AUDIT_LINE * 2)
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word, index) => ((index === 0 && COMMAND_WORD.test(word)) || SAFE_WORD.test(word) ? word : '***'))
    .join(' ');
}

/** The most rows one CSV export holds: a year of a busy team's lookups fits, a runaway file does not. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

/**
 * `/kyc audit [n] [since:7d] [csv]`: the latest audit entries, or with `csv`
 * every entry of the window as a file, for admins only. Registered through
 * createRunCommand's `handlers` option.
 */
export function createAuditHandler(store: Pick<Store, 'latestAudit'>): Handler<AuditRequest> {
  return async (request, { caller, format, now, settings }): Promise<Reply> => {
    const t = pick(AUDIT_STRINGS, caller.locale);
    if (!caller.isAdmin) return { kind: 'refused', title: t.refused };
    const since = request.since ? sinceInstant(request.since, now(), settings.timeZone) : undefined;
    const window = since ? t.since(format.dateTime(since)) : t.allTime;
    if (request.csv) {
      const entries = await store.latestAudit(AUDIT_CSV_MAX_ROWS, since);
      const count = format.count(entries.length, t.entryForms);
      return {
        kind: 'ok',
        title: t.csvTitle(count, window),
        notes: entries.length === AUDIT_CSV_MAX_ROWS ? [{ tone: 'warning', text: t.csvCut(format.number(AUDIT_CSV_MAX_ROWS)) }] : [],
        attachment: {
          filename: `kyc-desk-audit-${now().toISOString().slice(0, 10)}.csv`,
          contentType: 'text/csv',
          data: auditCsv(entries.reverse()),
          title: t.csvTitle(count, window),
        },
      };
    }
    const entries = await store.latestAudit(request.limit, since);
    if (entries.length === 0) return { kind: 'ok', title: t.title('0'), notes: [{ tone: 'info', text: since ? t.noneSince : t.none }] };
    return {
      kind: 'ok',
      title: t.title(format.number(entries.length)),
      footer: [window],
      items: entries.map((entry) => ({
        title: entry.command,
        text: [
          `${format.when(entry.at, now())} · ${t.results[entry.result]}`,
          t.where(entry.platform, entry.workspaceId ? `${entry.workspaceId}/${entry.chatId}` : entry.chatId, entry.userId),
        ].join('\n'),
      })),
    };
  };
}

/** The audit log as CSV (RFC 4180): oldest first, times in UTC ISO 8601, the command as it was masked for the log. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const header = ['time', 'platform', 'workspace', 'chat', 'user', 'command', 'result'];
  const rows = entries.map((entry) => [
    entry.at.toISOString(),
    entry.platform,
    entry.workspaceId ?? '',
    entry.chatId,
    entry.userId,
    entry.command,
    entry.result,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Quoted when it holds a comma, quote or line break (RFC 4180, 2.6-2.7); a
 * cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe, as OWASP's CSV injection advice says. A plain number (a
 * Telegram group's id, -1001) is no formula and stays as it is.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
