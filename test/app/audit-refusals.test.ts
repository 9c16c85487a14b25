/** Refusals are audited like every other answer: who tried what, where, and that it was refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAnswers } from '../../src/app/audit-answers.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import { silentLogger } from '../../src/log.js';
import { noopMetrics } from '../../src/observability/metrics.js';
import type { AuditEntry } from '../../src/store/types.js';
import { startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';
import { waitFor } from '../support/wait-for.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness();
});
afterAll(() => harness.close());

describe('the audit of refused lookups', () => {
  it('records a refused partial-phone search and a rate-limited lookup, with the digits masked', async () => {
    const written: AuditEntry[] = [];
    const run = createRunCommand({
      providers: harness.providers,
      settings: { timeZone: 'Europe/Moscow', sandbox: true },
      lookupsPerMinute: 1,
      onAnswer: auditAnswers({ store: { appendAudit: async (entry) => void written.push(entry) }, metrics: noopMetrics, logger: silentLogger }),
    });
    await run('/customer 45678', viewer());
    await run('/check 1', viewer());
    await waitFor(() => written.length === 2);
    expect(written.map((entry) => [entry.userId, entry.result])).toEqual([
      ['U123', 'refused'],
      ['U123', 'refused'],
    ]);
    expect(written[0]!.command).not.toContain('45678');
  });
});
