import { describe, expect, it } from 'vitest';
import { findLookups, SCANNED_CHARACTERS, withMoreNote } from '../../src/commands/find-lookups.js';

const UUID = '5c79a7d8-2b1e-4c3f-9a8d-1e2f3a4b5c6d';

describe('the ids in a message', () => {
  it('finds Love&Pay UUIDs, Stripe ids bare or in a dashboard link, and check mentions, in order, each once', () => {
    const text = [
      `Customer ${UUID.toUpperCase()} failed twice,`,
      'see <https://dashboard.stripe.com/test/identity/verification-sessions/vs_1Q2w3E4r5T6y|Stripe> and vs_9Z8y7X6w;',
      'also check #7, /check 34 and Check No. 12. Again: vs_1Q2w3E4r5T6y',
    ].join(' ');
    expect(findLookups(text)).toEqual({
      lines: [`/kyc ${UUID}`, '/kyc vs_1Q2w3E4r5T6y', '/kyc vs_9Z8y7X6w', '/check 7', '/check 34'],
      more: 1,
    });
  });

  it('does not take a number that starts a longer word for a check, or ids glued to other text', () => {
    expect(findLookups(`please check ${UUID}`).lines).toEqual([`/kyc ${UUID}`]);
    expect(findLookups('checked 7 items, check 7b, xvs_123abc, 0' + UUID).lines).toEqual([]);
  });

  it('looks at the first SCANNED_CHARACTERS of a message only, however long it is', () => {
    const filler = 'x'.repeat(SCANNED_CHARACTERS - 'check 1 '.length);
    const text = `check 1 ${filler}check 2 ${'vs_1 '.repeat(200_000)}`;
    expect(findLookups(text)).toEqual({ lines: ['/check 1'], more: 0 });
  });

  it('counts what it leaves out, and the last card says so', () => {
    const found = findLookups(Array.from({ length: 8 }, (_, index) => `check ${index + 1}`).join(' '));
    expect(found.lines).toHaveLength(5);
    expect(found.more).toBe(3);
    const reply = withMoreNote({ kind: 'ok', title: 'Bank 131 check 5' }, found.more, 'en');
    expect(reply.notes).toEqual([{ tone: 'info', text: '… and 3 more in this message: look them up one by one.' }]);
    expect(withMoreNote({ kind: 'ok', title: 'x' }, 0, 'en').notes).toBeUndefined();
  });
});
