import { describe, expect, it } from 'vitest';
import { pageActions } from '../../src/commands/paging.js';
import { MAX_PAGE, parseCommand } from '../../src/commands/parse.js';
import { COMMAND_STRINGS } from '../../src/present/i18n/commands.js';

const t = COMMAND_STRINGS.en;
const list = (page: number) => ({ command: 'kyc' as const, action: 'list' as const, status: 'APPROVED' as const, page });

describe('Prev/Next buttons', () => {
  it('offers Next with the next page and no Prev on page 1', () => {
    expect(pageActions(list(1), 13, t).map((action) => action.command)).toEqual(['/kyc approved page:2']);
  });

  it('offers Prev and Next in the middle, and only Prev on the last page', () => {
    expect(pageActions(list(5), 13, t).map((action) => action.command)).toEqual(['/kyc approved page:4', '/kyc approved page:6']);
    expect(pageActions(list(13), 13, t).map((action) => action.command)).toEqual(['/kyc approved page:12']);
  });

  it('stops at the last page the parser accepts, so every button works', () => {
    const actions = pageActions(list(MAX_PAGE), 10_000, t);
    expect(actions.map((action) => action.label)).toEqual([t.common.prev]);
    for (const action of pageActions(list(MAX_PAGE - 1), 10_000, t)) expect(parseCommand(action.command!).ok).toBe(true);
  });
});
