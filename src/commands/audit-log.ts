/**
 * `/kyc audit [n]`: the latest audit entries, for admins only (issue 7).
 * The entries already hold masked command lines (mask-command-line.ts).
 * Registered through createRunCommand's `handlers` option.
 */
import type { Reply } from '../domain/reply.js';
import { AUDIT_STRINGS } from '../present/i18n/audit.js';
import { pick } from '../present/i18n/pick.js';
import type { Store } from '../store/types.js';
import type { Handler } from './context.js';
import type { AuditRequest } from './handlers.js';

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
