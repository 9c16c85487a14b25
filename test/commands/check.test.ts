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
    expect(text).toContain('PENDING · pending');
    expect(text).toContain('results take from 10 minutes to 2 days');
  });

  // Every error code a stored check can carry (bank131-check-status.txt, "Error").
  it.each([
    ['invalid_sign', 'The check request was signed incorrectly, so Bank 131 did not verify it'],
    ['passport_validation_failure', 'The passport data were not verified: check the passport number and start the verification again'],
    ['inn_validation_failure', 'The taxpayer number (INN) was not verified: check the INN and start the verification again'],
  ])('explains %s in words', async (code, words) => {
    harness.sandbox.control.setCheck('510', 'error', code);
    const text = await harness.consoleText(['/check 510'], viewer());
    expect(text).toContain('DECLINED · error');
    expect(text).toContain(`Error: ${code}`);
    expect(text).toContain(`✖ ${words}`);
  });

  it('links the earlier check for already_exists', async () => {
    harness.sandbox.control.setCheck('520', 'error', 'already_exists');
    const earlier = harness.sandbox.data.checks.find((c) => c.id === '520')!.earlierCheckId!;
    const text = await harness.consoleText(['/check 520'], viewer());
    expect(text).toContain('✖ These data were already submitted; the result is on the earlier check');
    expect(text).toContain(`Earlier check: ${earlier} → /check ${earlier}`);
    expect(text).toContain(`[Earlier check → /check ${earlier}]`);
  });

  it('says which check was not found (request_not_found)', async () => {
    const reply = await harness.runCommand('/check 987654', viewer());
    expect(reply).toMatchObject({ kind: 'not_found', title: 'Bank 131 check 987654 not found' });
  });

  it('explains the error code in Russian', async () => {
    harness.sandbox.control.setCheck('530', 'error', 'passport_validation_failure');
    const text = await harness.consoleText(['/check 530'], viewer('ru'));
    expect(text).toContain('Проверка Банка 131 530');
    expect(text).toContain('✖ Паспортные данные не подтверждены: проверьте номер паспорта и запустите проверку заново');
  });

  it('answers watch with the current status and a note that watching comes with alerts', async () => {
    harness.sandbox.control.setCheck('540', 'pending');
    const reply = await harness.runCommand('/check 540 watch', viewer());
    expect(reply.kind).toBe('ok');
    expect(reply.badge).toEqual({ outcome: 'PENDING', native: 'pending' });
    expect(reply.notes?.[0]?.text).toContain('Watching a check comes with alerts');
  });
});
