/**
 * Every command and button click, audited and counted (issue 7): RunCommand
 * tells this listener of each answer, with the parse the command ran on.
 * Chat adapters run button clicks through the same RunCommand, so clicks are
 * audited too, and their refusals before a command runs (a channel or chat
 * not allowed) come here through recordRefusals.
 */
import { maskCommandLine } from '../commands/audit.js';
import type { OnAnswer } from '../commands/types.js';
import type { Logger } from '../log.js';
import type { MetricsRecorder } from '../observability/metrics.js';
import type { Store } from '../store/types.js';

export interface AuditDeps {
  store: Pick<Store, 'appendAudit'>;
  metrics: Pick<MetricsRecorder, 'recordCommand'>;
  logger: Logger;
  now?: () => Date;
}

/**
 * Counts the command and writes its audit row, stamped with when the command
 * started. The reply matters more than its audit row: nobody waits for the
 * write (a stalled database must not stall answers), and a failed write is
 * logged without the line, never shown.
 */
export function auditAnswers(deps: AuditDeps): OnAnswer {
  const now = deps.now ?? (() => new Date());
  return ({ line, parsed, caller, result, durationMs }) => {
    const at = new Date(now().getTime() - durationMs);
    // Anything unparsable counts as 'unknown' in the metrics.
    const command = parsed.ok ? parsed.request.command : (parsed.usage.command ?? 'unknown');
    deps.metrics.recordCommand(command, result, durationMs);
    void deps.store
      .appendAudit({
        at,
        platform: caller.platform,
        workspaceId: caller.workspaceId ?? null,
        chatId: caller.chatId,
        userId: caller.userId,
        command: maskCommandLine(line, parsed),
        result,
      })
      .catch((error: unknown) => deps.logger.error({ err: error, command }, 'could not write the audit log'));
  };
}
