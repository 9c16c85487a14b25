/**
 * Every command and button click, audited and counted (issue 7): the
 * RunCommand the chat adapters get wraps the commands' own. Chat adapters run
 * button clicks through the same RunCommand, so clicks are audited too.
 */
import { maskCommandLine } from '../commands/mask-command-line.js';
import { parseCommand } from '../commands/parse.js';
import type { RecordRefusal, RunCommand } from '../commands/types.js';
import type { Caller } from '../domain/caller.js';
import type { Logger } from '../log.js';
import type { MetricsRecorder } from '../observability/metrics.js';
import type { Store } from '../store/types.js';
import type { ResultKind } from '../domain/reply.js';

export interface AuditDeps {
  store: Pick<Store, 'appendAudit'>;
  metrics: Pick<MetricsRecorder, 'recordCommand'>;
  logger: Logger;
  now?: () => Date;
}

export function auditedRunCommand(run: RunCommand, deps: AuditDeps): RunCommand {
  const now = deps.now ?? (() => new Date());
  return async (line, caller) => {
    const at = now();
    const started = performance.now();
    const reply = await run(line, caller);
    const durationMs = performance.now() - started;
    record(deps, at, line, caller, reply.kind, durationMs);
    return reply;
  };
}

/** Refusals before a command runs (a channel or chat not allowed): audited and counted as 'refused'. */
export function auditedRefusal(deps: AuditDeps): RecordRefusal {
  const now = deps.now ?? (() => new Date());
  return (line, caller) => record(deps, now(), line, caller, 'refused', 0);
}

/**
 * Counts the command and writes its audit row, parsing the line once for
 * both. The reply matters more than its audit row: nobody waits for the write
 * (a stalled database must not stall answers), and a failed write is logged
 * without the line, never shown.
 */
function record(deps: AuditDeps, at: Date, line: string, caller: Caller, result: ResultKind, durationMs: number): void {
  const parsed = parseCommand(line);
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
}
