import { describe, expect, it } from 'vitest';
import { changesOverview, OverviewChanges } from '../../src/app/overview-changes.js';
import { parseCommand } from '../../src/commands/parse.js';
import type { CommandAnswer } from '../../src/commands/types.js';
import type { ChatFrontEnd } from '../../src/domain/front-end.js';

const UUID = '5c79a7d8-2b1e-4c3f-9a8d-1e2f3a4b5c6d';

function answer(line: string, result: CommandAnswer['result'] = 'ok'): CommandAnswer {
  return {
    line,
    parsed: parseCommand(line),
    caller: { platform: 'slack', chatId: 'C1', userId: 'U1', isAdmin: true, mayManageSubscriptions: true, locale: 'en' },
    result,
    durationMs: 1,
  };
}

describe('what changes the overview', () => {
  it('is a review action or a subscription change that went through, not a lookup or a refusal', () => {
    expect(changesOverview(answer(`/kyc take ${UUID}`))).toBe(true);
    expect(changesOverview(answer(`/kyc reopen ${UUID}`))).toBe(true);
    expect(changesOverview(answer('/kyc subscribe declined'))).toBe(true);
    expect(changesOverview(answer('/kyc unsubscribe'))).toBe(true);
    expect(changesOverview(answer(`/kyc ${UUID}`))).toBe(false);
    expect(changesOverview(answer('/kyc queue'))).toBe(false);
    expect(changesOverview(answer('/kyc subscribe declined', 'refused'))).toBe(false);
    expect(changesOverview(answer('/kyc frobnicate', 'usage'))).toBe(false);
  });

  it('tells every front end once they are attached, and still audits every answer', () => {
    const changes = new OverviewChanges();
    const told: string[] = [];
    const audited: string[] = [];
    const onAnswer = changes.watching((given) => void audited.push(given.line));
    // Before the front ends exist (the command runner is built first), nobody is told and nothing breaks.
    onAnswer(answer('/kyc subscribe declined'));
    const frontEnd = (platform: 'slack' | 'telegram', stateChanged?: () => void) => ({ platform, ...(stateChanged ? { stateChanged } : {}) }) as unknown as ChatFrontEnd;
    changes.attach([frontEnd('slack', () => void told.push('slack')), frontEnd('telegram')]);
    onAnswer(answer(`/kyc take ${UUID}`));
    onAnswer(answer(`/kyc ${UUID}`));
    changes.changed();
    expect(told).toEqual(['slack', 'slack']);
    expect(audited).toEqual(['/kyc subscribe declined', `/kyc take ${UUID}`, `/kyc ${UUID}`]);
  });
});
