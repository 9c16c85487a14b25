import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleBanner, LIVE_EXAMPLES, sandboxExamples } from '../../../src/chat/console/banner.js';
import { consoleCaller, runConsole } from '../../../src/chat/console/run-console.js';
import type { RunCommand } from '../../../src/commands/types.js';
import { startCommandHarness, type CommandHarness } from '../../support/command-harness.js';

/** A RunCommand that echoes the line, to see exactly which lines the console passed on. */
const echo: RunCommand = async (line) => ({ kind: 'ok', title: `ran ${line}` });

async function drive(lines: string, runCommand: RunCommand = echo, banner?: string) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => (text += chunk));
  input.end(lines);
  await runConsole({ runCommand, input, output, caller: consoleCaller(), banner });
  return text;
}

describe('the console chat', () => {
  it('answers each piped line in order and resolves at end of input', async () => {
    expect(await drive('/kyc approved\n/receipt 1\n/check 7\n')).toBe('ran /kyc approved\n\nran /receipt 1\n\nran /check 7\n\n');
  });

  it('ignores empty lines and surrounding spaces, and takes a last line without a newline', async () => {
    expect(await drive('\n   \n  /kyc  \r\n\n/check 7')).toBe('ran /kyc\n\nran /check 7\n\n');
  });

  it('stops at exit or quit and ignores what follows', async () => {
    expect(await drive('/kyc\nexit\n/check 7\n')).toBe('ran /kyc\n\n');
    expect(await drive('QUIT\n/kyc\n')).toBe('');
  });

  it('prints the banner first and shows no prompt when the input is not a terminal', async () => {
    expect(await drive('/kyc\n', echo, 'KYC Desk console')).toBe('KYC Desk console\n\nran /kyc\n\n');
  });

  it('shows a prompt before each line on a terminal', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    let text = '';
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => (text += chunk));
    input.end('/kyc\r');
    await runConsole({ runCommand: echo, input, output, caller: consoleCaller() });
    expect(text.split('kyc> ').length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain('ran /kyc\n\n');
  });

  it('treats the console user as an admin', async () => {
    let seen: unknown;
    await drive('/kyc\n', async (line, caller) => {
      seen = caller;
      return { kind: 'ok', title: line };
    });
    expect(seen).toMatchObject({ platform: 'console', isAdmin: true, mayManageSubscriptions: true, locale: 'en' });
  });

  it('keeps going when a RunCommand breaks its promise and throws', async () => {
    const flaky: RunCommand = async (line) => {
      if (line === '/boom') throw new Error('stack trace here');
      return { kind: 'ok', title: `ran ${line}` };
    };
    const text = await drive('/boom\n/kyc\n', flaky);
    expect(text).toBe('That command failed unexpectedly; please try again.\n\nran /kyc\n\n');
  });
});

describe('the console against the emulators', () => {
  let harness: CommandHarness;
  beforeAll(async () => {
    harness = await startCommandHarness();
  });
  afterAll(() => harness.close());

  it('prints both answers for piped /kyc approved and /receipt lines, admins seeing full phones', async () => {
    const receipt = harness.sandbox.data.receipts.find((r) => r.status === 'APPROVED')!;
    const newestApproved = harness.sandbox.data.sessions.find((s) => s.status === 'APPROVED')!;
    const text = await drive(`/kyc approved\n/receipt ${receipt.id}\n`, harness.runCommand);
    const kyc = text.indexOf('Love&Pay KYC sessions: approved');
    const receiptAnswer = text.indexOf(`Receipt ${receipt.id.slice(0, 8)}`);
    expect(kyc).toBe(0);
    expect(receiptAnswer).toBeGreaterThan(kyc);
    expect(text).toContain(newestApproved.customerPhone);
  });

  it('offers four examples with real seed ids, and each of them answers', async () => {
    const examples = sandboxExamples(harness.sandbox.data);
    // The fourth (issue 15): a customer all three providers know, whose card joins them.
    expect(examples).toHaveLength(4);
    expect(examples[0]).toMatch(/^\/kyc [0-9a-f-]{36}$/);
    expect(examples[1]).toMatch(/^\/receipt [0-9a-f-]{36}$/);
    expect(examples[2]).toMatch(/^\/check \d+$/);
    expect(examples[3]).toMatch(/^\/customer [0-9a-f-]{36}$/);
    for (const example of examples) expect((await harness.runCommand(example, consoleCaller())).kind).toBe('ok');
  });

  it('prints the mode, each provider live or sandboxed, and the examples in the banner', () => {
    const banner = consoleBanner({
      sandbox: true,
      providers: { loveandpay: 'sandbox', stripe: 'sandbox', bank131: 'sandbox' },
      examples: sandboxExamples(harness.sandbox.data),
    });
    expect(banner).toContain('sandbox mode');
    expect(banner).toContain('Love&Pay: sandbox · Stripe: sandbox · Bank 131: sandbox');
    for (const example of sandboxExamples(harness.sandbox.data)) expect(banner).toContain(`  ${example}`);
  });

  it('says which providers are live and which are not configured, in Russian too', () => {
    const banner = consoleBanner({
      sandbox: false,
      providers: { loveandpay: 'live', stripe: 'off', bank131: 'live' },
      examples: LIVE_EXAMPLES,
      locale: 'ru',
    });
    expect(banner).toContain('рабочие провайдеры');
    expect(banner).toContain('Love&Pay: рабочий · Stripe: не настроен · Банк 131: рабочий');
  });
});
