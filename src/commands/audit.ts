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
import { AUDIT_STRINGS } from '../present/i18n/audit.js';
import { pick } from '../present/i18n/pick.js';
import { maskEmail, maskName, maskPhone } from '../present/mask.js';
import type { Store } from '../store/types.js';
import type { AuditRequest, Handler } from './handlers.js';
import { toCommandLine } from './parse.js';
import type { CommandRequest, ParseResult } from './request.js';

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
  `^(${UUID_SOURCE}|vs_\\w{1,60}|kyc:(pending|verified|rejected)|level:(new|[0-3])|page:\\d{1,4}|invoice:${UUID_SOURCE}|(after|before):vs_\\w{1,60})$`,
  'i',
);

/** The line as the audit log keeps it, from the parse the command already made (RunCommand's CommandAnswer). */
export function maskCommandLine(line: string, parsed: ParseResult): string {
  const masked = parsed.ok ? toCommandLine(maskRequest(parsed.request)) : maskUnparsed(line);
  return masked.length > MAX_AUDIT_LINE ? `${masked.slice(0, MAX_AUDIT_LINE - 1)}…` : masked;
}

function maskRequest(request: CommandRequest): CommandRequest {
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

/** `/kyc audit [n]`: the latest audit entries, for admins only. Registered through createRunCommand's `handlers` option. */
export function createAuditHandler(store: Pick<Store, 'latestAudit'>): Handler<AuditRequest> {
  return async (request, { caller, format }): Promise<Reply> => {
    const t = pick(AUDIT_STRINGS, caller.locale);
    if (!caller.isAdmin) return { kind: 'refused', title: t.refused };
    const entries = await store.latestAudit(request.limit);
    if (entries.length === 0) return { kind: 'ok', title: t.title('0'), notes: [{ tone: 'info', text: t.none }] };
    return {
      kind: 'ok',
      title: t.title(format.number(entries.length)),
      items: entries.map((entry) => ({
        title: entry.command,
        text: [
          `${format.dateTime(entry.at)} · ${t.results[entry.result]}`,
          t.where(entry.platform, entry.workspaceId ? `${entry.workspaceId}/${entry.chatId}` : entry.chatId, entry.userId),
        ].join('\n'),
      })),
    };
  };
}
