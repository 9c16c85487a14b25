import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness();
});
afterAll(() => harness.close());

describe('usage replies', () => {
  it.each([
    ['/kyc aproved', '"aproved" means nothing to this command.', '/kyc approved'],
    ['/receipt ../customers', '"../customers" is not an id of the right shape here.', '/receipt 550e8400-e29b-41d4-a716-446655440000'],
    ['/receipt', 'This needs an id.', '/receipt 550e8400-e29b-41d4-a716-446655440000'],
    ['/check 7a', '"7a" is not an id of the right shape here.', '/check 7 watch'],
    ['/check 7?status=ok', null, '/check 7'],
    ['/kyc page:0', '"page:0" is not a page number (1-1000).', '/kyc declined page:2'],
    ['/kyc pending', null, '/kyc approved'],
    ['/customer kyc:maybe', null, '/customer kyc:verified level:2'],
    ['/kyc stripe expired', null, '/kyc stripe requires_input'],
    ['/kyc %2F..%2Fcustomers', null, '/kyc approved'],
    ['/kyc ' + 'x'.repeat(10_000), 'That is too long to be a command.', '/kyc approved'],
  ])('answers %s with the problem, the grammar and examples, and asks no provider', async (line, problem, example) => {
    const before = harness.sandbox.control.requestCount();
    const reply = await harness.runCommand(line, viewer());
    const text = await harness.consoleText([line], viewer());
    expect(harness.sandbox.control.requestCount()).toBe(before);
    expect(reply.kind).toBe('usage');
    if (problem) expect(reply.title).toBe(problem);
    expect(reply.title.length).toBeLessThan(200);
    expect(text).toContain(example);
    expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it('lists every command when the command is unknown', async () => {
    const before = harness.sandbox.control.requestCount();
    const text = await harness.consoleText(['/payments'], viewer());
    expect(harness.sandbox.control.requestCount()).toBe(before);
    expect(text.startsWith('There is no command "/payments".')).toBe(true);
    for (const command of ['/kyc help', '/customer help', '/receipt help', '/check help']) expect(text).toContain(`→ ${command}`);
  });

  it('explains the problem in Russian', async () => {
    const reply = await harness.runCommand('/kyc aproved', viewer('ru'));
    expect(reply.title).toBe('"aproved" ничего не значит для этой команды.');
    expect(reply.items?.[0]).toEqual({ title: '/kyc', text: 'последние сессии Love&Pay и счётчики по статусам' });
  });
});

describe('help', () => {
  it.each([
    ['/kyc help', ['/kyc invoice <uuid>', '/kyc stripe [status]', '/kyc subscribe [approved|declined] [loveandpay|stripe|bank131]']],
    ['/customer help', ['/customer <phone|email>', 'kyc:verified|pending|rejected  level:new|1|2|3']],
    ['/receipt help', ['/receipt <uuid>']],
    ['/check help', ['/check <id> watch']],
  ])('%s lists the grammar with examples', async (line, grammar) => {
    const before = harness.sandbox.control.requestCount();
    const reply = await harness.runCommand(line, viewer());
    expect(harness.sandbox.control.requestCount()).toBe(before);
    expect(reply.kind).toBe('ok');
    for (const syntax of grammar) expect(reply.items?.map((item) => item.title)).toContain(syntax);
    expect(reply.notes?.[0]?.text).toMatch(/^Examples:\n\//);
  });

  it('answers /help with every command', async () => {
    const reply = await harness.runCommand('/help', viewer());
    expect(reply.kind).toBe('ok');
    expect(reply.items?.map((item) => item.title)).toEqual(['/kyc', '/customer', '/receipt', '/check']);
  });

  it('marks answers in Slack and Telegram as sandbox data, but not in the console', async () => {
    expect((await harness.runCommand('/kyc approved', viewer())).footer).toContain(
      'Sandbox: demo data from the built-in emulators, not your providers.',
    );
    expect((await harness.runCommand('/kyc approved', admin())).footer?.join(' ')).not.toContain('Sandbox');
  });

  it('lets another area register the subscription handlers', async () => {
    const { createRunCommand } = await import('../../src/commands/run-command.js');
    const run = createRunCommand({
      providers: harness.providers,
      settings: { timeZone: 'Europe/Moscow', sandbox: true },
      handlers: { 'kyc:subscribe': async (request) => ({ kind: 'ok', title: `subscribed to ${request.outcomes.join(',')}` }) },
    });
    expect((await run('/kyc subscribe declined stripe', viewer())).title).toBe('subscribed to DECLINED');
  });
});
