import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness();
});
afterAll(() => harness.close());

describe('/check <id>', () => {
  it('shows a passed check as APPROVED with what it means', async () => {
    harness.sandbox.control.setCheck('501', 'ok');
    const text = await harness.consoleText(['/check 501'], viewer());
    expect(text).toContain('Bank 131 check 501\nAPPROVED · ok');
    expect(text).toContain('Description: valid');
    expect(text).toContain('ℹ Verified: the money can be sent.');
  });

  it('shows a pending check and how long the bank takes', async () => {
    harness.sandbox.control.setCheck('502', 'pending');
    const text = await harness.consoleText(['/check 502'], viewer());
    // "pending" says nothing PENDING does not: the status is said once (issue 15).
    expect(text).toContain('Bank 131 check 502\nPENDING\n');
    expect(text).toContain('results take from 10 minutes to 2 days');
  });

  // The two verdicts of bank131-check-status.txt, "Error": the data were checked and failed.
  it.each([
    ['passport_validation_failure', 'The passport data were not verified: check the passport number and start the verification again'],
    ['inn_validation_failure', 'The taxpayer number (INN) was not verified: check the INN and start the verification again'],
  ])('shows %s as DECLINED, explained in words', async (code, words) => {
    harness.sandbox.control.setCheck('510', 'error', code);
    const text = await harness.consoleText(['/check 510'], viewer());
    expect(text).toContain('DECLINED · error');
    expect(text).toContain(`Error: ${code}`);
    expect(text).toContain(`✖ ${words}`);
  });

  it('shows invalid_sign as a fault of the request that says what to do, never as DECLINED', async () => {
    harness.sandbox.control.setCheck('511', 'error', 'invalid_sign');
    const reply = await harness.runCommand('/check 511', viewer());
    expect(reply.kind).toBe('error');
    expect(reply.badge).toBeUndefined();
    expect(reply.title).toBe(
      'Bank 131 says the request that created this check was signed incorrectly (invalid_sign), so the data were never checked — submit the check again with a correct signature',
    );
  });

  it("shows already_exists as the earlier check's result, with a link to it", async () => {
    harness.sandbox.control.setCheck('519', 'ok');
    harness.sandbox.control.setCheck('520', 'error', 'already_exists', '519');
    const text = await harness.consoleText(['/check 520'], viewer());
    expect(text).toContain('Bank 131 check 520\nAPPROVED · ok');
    expect(text).toContain("ℹ These data were already submitted as check 519; this is that check's result.");
    expect(text).toContain('ℹ Verified: the money can be sent.');
    expect(text).toContain('Earlier check: 519 → /check 519');
    expect(text).toContain('[Earlier check → /check 519]');
  });

  it('says which check was not found (request_not_found)', async () => {
    const reply = await harness.runCommand('/check 987654', viewer());
    expect(reply).toMatchObject({ kind: 'not_found', title: 'Bank 131 check 987654 not found' });
  });

  it('explains the error code in Russian', async () => {
    harness.sandbox.control.setCheck('530', 'error', 'passport_validation_failure');
    const text = await harness.consoleText(['/check 530'], viewer('ru'));
    expect(text).toContain('Проверка Банка 131 № 530');
    expect(text).toContain('✖ Паспортные данные не подтверждены: проверьте номер паспорта и запустите проверку заново');
  });
});
