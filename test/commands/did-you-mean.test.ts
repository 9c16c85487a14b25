/**
 * "Did you mean" (issue 15): a mistyped command, subcommand, status, filter
 * or filter value is answered with one line, the corrected line (as a button
 * too) and where the help is, never the whole help; no provider is asked.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse.js';
import { editDistance } from '../../src/commands/parse-suggest.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import { viewer } from '../support/command-harness.js';

// No provider is configured: a usage answer must not need one.
const run = createRunCommand({ providers: { close: async () => {} }, settings: { timeZone: 'Europe/Moscow', sandbox: false } });

describe('did you mean', () => {
  it.each([
    ['/kcy', '/kyc', 'help'],
    ['/custmer Иван', '/customer Иван', 'help'],
    ['/kyc declnied', '/kyc declined', '/kyc help'],
    ['/kyc aproved since:7d', '/kyc approved since:7d', '/kyc help'],
    ['/kyc strpe', '/kyc stripe', '/kyc help'],
    ['/kyc stripe procesing', '/kyc stripe processing', '/kyc help'],
    ['/kyc subscirbe declined', '/kyc subscribe declined', '/kyc help'],
    ['/kyc unsubscribe stirpe', '/kyc unsubscribe stripe', '/kyc help'],
    ['/check 34 wacth', '/check 34 watch', '/check help'],
    ['/kyc declined sinse:7d', '/kyc declined since:7d', '/kyc help'],
    ['/customer kyc:verifed', '/customer kyc:verified', '/customer help'],
    ['/customer levle:2', '/customer level:2', '/customer help'],
  ])('answers %s with "Did you mean %s?" and a pointer to %s', async (typed, meant, help) => {
    const reply = await run(typed, viewer());
    expect(reply.kind).toBe('usage');
    expect(reply.title.split('\n')).toHaveLength(1);
    expect(reply.notes?.[0]?.text).toBe(`Did you mean ${meant}?`);
    expect(reply.actions).toEqual([
      { label: 'Yes, run it', command: meant, role: 'open' },
      { label: 'Help', command: help, role: 'open' },
    ]);
    expect(reply.items).toBeUndefined();
    // The correction is itself a line the parser reads.
    expect(parseCommand(meant).ok).toBe(true);
  });

  it('suggests nothing when no word is close, or two are equally close', async () => {
    for (const typed of ['/kyc banana', '/zzz', '/kyc re']) {
      const reply = await run(typed, viewer());
      expect(reply.kind, typed).toBe('usage');
      expect(reply.notes?.some((note) => note.text.startsWith('Did you mean')), typed).toBe(false);
    }
  });

  it('counts a swap of two neighbours as one step', () => {
    expect(editDistance('declnied', 'declined')).toBe(1);
    expect(editDistance('kcy', 'kyc')).toBe(1);
    expect(editDistance('subscirbe', 'subscribe')).toBe(1);
    expect(editDistance('stripe', 'stripe')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('says where an id belongs, and looks it up there', async () => {
    const reply = await run('/kyc 34', viewer());
    // The redirected /check 34 needs Bank 131, which is not configured here: the answer says so, under the note.
    expect(reply.notes?.[0]?.text).toBe('34 fits /check 34: here is its answer.');
    expect(reply.title).toBe('Bank 131 is not configured: set BANK131_PROJECT.');
  });
});
