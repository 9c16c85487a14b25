import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness();
});
afterAll(() => harness.close());

describe('usage replies', () => {
  it.each([
    ['/kyc aproved', '"aproved" means nothing to this command.', '/kyc help'],
    ['/receipt ../customers', '"../customers" is not an id of the right shape here.', '/receipt help'],
    ['/receipt', 'This needs an id.', '/receipt help'],
    ['/check 7a', '"7a" is not an id of the right shape here.', '/check help'],
    ['/check 7?status=ok', null, '/check help'],
    ['/kyc page:0', '"page:0" is not a page number (1-1000).', '/kyc help'],
    ['/kyc pending', null, '/kyc help'],
    ['/customer kyc:maybe', null, '/customer help'],
    ['/kyc stripe expired', null, '/kyc help'],
    ['/kyc %2F..%2Fcustomers', null, '/kyc help'],
    ['/kyc ' + 'x'.repeat(10_000), 'That is too long to be a command.', 'help'],
  ])('answers %s with the problem in one line and where the usage is, and asks no provider', async (line, problem, helpLine) => {
    const before = harness.sandbox.control.requestCount();
    const reply = await harness.runCommand(line, viewer());
    const text = await harness.consoleText([line], viewer());
    expect(harness.sandbox.control.requestCount()).toBe(before);
    expect(reply.kind).toBe('usage');
    if (problem) expect(reply.title).toBe(problem);
    expect(reply.title.length).toBeLessThan(200);
    // Never the whole help (issue 15): no grammar rows, a pointer and a Help button instead.
    expect(reply.items).toBeUndefined();
    expect(reply.actions).toContainEqual({ label: 'Help', command: helpLine, role: 'open' });
    expect(text).not.toContain('Examples:');
    expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it('names every command when the command is unknown, and points to help', async () => {
    const before = harness.sandbox.control.requestCount();
    const text = await harness.consoleText(['/payments'], viewer());
    expect(harness.sandbox.control.requestCount()).toBe(before);
    expect(text.startsWith('There is no command "/payments".')).toBe(true);
    expect(text).toContain('The commands are /kyc, /customer, /receipt, /check');
    expect(text).toContain('[Help → help]');
  });

  it('explains the problem in Russian', async () => {
    const reply = await harness.runCommand('/kyc aproved', viewer('ru'));
    expect(reply.title).toBe('"aproved" ничего не значит для этой команды.');
    expect(reply.notes?.map((note) => note.text)).toEqual(['Возможно, вы имели в виду /kyc approved?', 'Все варианты с примерами: /kyc help.']);
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
