/**
 * Every command against the providers' documented answers
 * (test/fixtures/providers/, served by test/support/contract-server.ts), not
 * against our emulators: what the docs say a provider sends is what these
 * replies are built from.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/chat/console/render.js';
import { consoleCaller } from '../../src/chat/console/run-console.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller } from '../../src/domain/chat.js';
import { createLogger } from '../../src/log.js';
import { startContractServer, type ContractServer } from '../support/contract-server.js';
import { fixture } from '../support/provider-fixtures.js';

const UUID = '550e8400-e29b-41d4-a716-446655440000';
const viewer: Caller = { platform: 'slack', chatId: 'C1', userId: 'U1', isAdmin: false, mayManageSubscriptions: false, locale: 'en' };
const admin: Caller = consoleCaller('en');

let server: ContractServer;
let run: RunCommand;
let logLines: string[];

beforeAll(async () => {
  server = await startContractServer();
  logLines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  run = createRunCommand({
    providers: server.providers(),
    settings: { timeZone: 'Europe/Moscow', sandbox: false },
    logger: createLogger('info', sink),
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  logLines.length = 0;
});

const text = async (line: string, caller: Caller = viewer) => renderText(await run(line, caller));

describe('/customer against documented Love&Pay answers', () => {
  it('shows a customer with live-shaped recent payments: amount, status, invoice number, paid time', async () => {
    server.serve('loveandpay', 'GET /customers/:id', fixture('loveandpay', 'customer'));
    server.serve('stripe', 'GET /v1/identity/verification_sessions', fixture('stripe', 'verification-sessions'));
    const reply = await run(`/customer ${UUID}`, viewer);
    expect(reply.kind).toBe('ok');
    expect(reply.title).toBe('Customer Иван И.');
    // Payments follow the customer's verifications; every time carries its age (issue 15).
    const payments = (reply.items ?? []).filter((item) => item.title.endsWith('₽'));
    expect(payments).toEqual([
      { title: '5 000 ₽', text: expect.stringMatching(/^PAID · invoice INV-2024-0042 · paid 20 Jan 2024, 18:30 \(.+ ago\)$/) },
      { title: '2 500 ₽', text: expect.stringMatching(/^PAID · invoice INV-2024-0031 · paid 15 Jan 2024, 14:05 \(.+ ago\)$/) },
    ]);
    expect(reply.fields).toContainEqual({ label: 'Average payment', value: '3 000 ₽' });
    expect(reply.fields).toContainEqual({ label: 'Phone', value: '+7 999 ***-**-67' });
  });

  it.each([
    ['an email', 'client@example.com', 'c***@example.com', { email: 'client@example.com' }],
    ['a phone', '+7 999 123-45-67', '+7 999 ***-**-67', { phone: '+79991234567' }],
  ])('finds a customer by %s with the five fields the check answers, masked for a viewer', async (_what, typed, masked, query) => {
    server.serve('loveandpay', 'GET /customers/check', fixture('loveandpay', 'customer-check-found'));
    server.serve('loveandpay', 'GET /customers/:id', fixture('loveandpay', 'customer'));
    server.serve('stripe', 'GET /v1/identity/verification_sessions', fixture('stripe', 'verification-sessions'));
    const reply = await run(`/customer ${typed}`, viewer);
    expect(reply).toMatchObject({ kind: 'ok', title: 'Customer Иван И.', badge: { outcome: 'APPROVED', native: 'VERIFIED' } });
    // The check finds the customer; the answer is their whole card (issue 15), with what the check added.
    for (const field of [
      { label: 'ID', value: UUID, mono: true },
      { label: 'Name', value: 'Иван И.' },
      { label: 'KYC', value: 'verified' },
      { label: 'Trust level', value: 'LEVEL_2 — medium: 3-5 payments or KYC' },
      { label: 'KYC verified', value: 'yes' },
      { label: 'Found by', value: masked },
    ]) {
      expect(reply.fields).toContainEqual(field);
    }
    expect(Object.fromEntries(server.requests[0]!.query)).toEqual(query);
  });

  it('shows the full name and the phone to an admin', async () => {
    server.serve('loveandpay', 'GET /customers/check', fixture('loveandpay', 'customer-check-found'));
    server.serve('loveandpay', 'GET /customers/:id', fixture('loveandpay', 'customer'));
    server.serve('stripe', 'GET /v1/identity/verification_sessions', fixture('stripe', 'verification-sessions'));
    const reply = await run('/customer +79991234567', admin);
    expect(reply.fields).toContainEqual({ label: 'Name', value: 'Иван Иванов' });
    expect(reply.fields).toContainEqual({ label: 'Found by', value: '+79991234567' });
    expect(reply.unmasked).toBe(true);
  });

  it('says nobody has that email when the check finds no one', async () => {
    server.serve('loveandpay', 'GET /customers/check', fixture('loveandpay', 'customer-check-missing'));
    const reply = await run('/customer maria@example.com', viewer);
    expect(reply).toMatchObject({ kind: 'not_found', notes: [{ tone: 'info', text: 'No customer with m***@example.com.' }] });
  });

  it("answers an unknown customer (live's bare 404) as not found", async () => {
    server.serve('loveandpay', 'GET /customers/:id', fixture('loveandpay', 'error-not-found'));
    const reply = await run(`/customer ${UUID}`, viewer);
    expect(reply).toMatchObject({ kind: 'not_found', title: 'Customer 550e8400… not found' });
  });

  it('reads a customer whose answer lacks every optional field, and shows what there is', async () => {
    server.serve('loveandpay', 'GET /customers/:id', { status: 200, body: { success: true, customer: { id: UUID, unknownField: { nested: true } } } });
    const reply = await run(`/customer ${UUID}`, viewer);
    expect(reply.kind).toBe('ok');
    expect(reply.fields).toEqual([{ label: 'ID', value: UUID, mono: true }]);
    expect(renderText(reply)).not.toMatch(/null|undefined|NaN/);
  });

  it('answers a broken shape with the usual short sentence and names the field, never the value, in the log', async () => {
    const broken = fixture('loveandpay', 'customer');
    broken.body.customer.recentPayments[0].amount = 'пять тысяч';
    server.serve('loveandpay', 'GET /customers/:id', broken);
    const reply = await run(`/customer ${UUID}`, viewer);
    expect(reply).toMatchObject({ kind: 'error', title: 'Love&Pay sent an answer we could not read; try again, and report it if it repeats' });
    const logged = logLines.join('');
    expect(logged).toContain('customer.recentPayments.0.amount');
    expect(logged).not.toContain('пять тысяч');
  });
});

describe('/kyc against documented Love&Pay answers', () => {
  it('lists sessions with the verified name masked and links to customer and invoice', async () => {
    server.serve('loveandpay', 'GET /kyc/sessions', fixture('loveandpay', 'kyc-sessions'));
    const reply = await run('/kyc', viewer);
    const [approved, inProgress] = reply.items!;
    expect(approved).toMatchObject({
      title: '550e8400',
      // Decided rows show the verdict's time (verifiedAt), every time with its age (issue 15).
      text: expect.stringMatching(/^Иван И\. · c\*\*\*@example\.com · \+7 999 \*\*\*-\*\*-67 · decided 23 Jan 2024, 15:15 \(.+ ago\)$/),
      command: `/kyc ${UUID}`,
      links: [{ label: 'Invoice', command: '/kyc invoice 550e8400-e29b-41d4-a716-446655440001' }],
    });
    // "your-id-123" is the merchant's own id, not a Love&Pay customer: nothing to link.
    expect(inProgress!.links).toBeUndefined();
    expect(inProgress!.text).toMatch(/^m\*\*\*@example\.com · \+7 999 \*\*\*-\*\*-68 · started 23 Jan 2024, 16:00 \(.+ ago\)$/);
  });

  it("shows one session with the provider's own verification id", async () => {
    server.serve('loveandpay', 'GET /kyc/sessions/:id', fixture('loveandpay', 'kyc-session-approved'));
    const reply = await run(`/kyc ${UUID}`, viewer);
    expect(reply.fields).toContainEqual({ label: 'Love&Pay verification id', value: 'verification-550e8400', mono: true });
    expect(reply.fields).toContainEqual({ label: 'Document number', value: '****34' });
  });
});

describe('/receipt against documented Love&Pay answers', () => {
  it("shows the receipt with its invoice's number, status and amount", async () => {
    server.serve('loveandpay', 'GET /receipts/:id', fixture('loveandpay', 'receipt'));
    server.serve('loveandpay', 'GET /invoices/:id', fixture('loveandpay', 'invoice'));
    const reply = await run(`/receipt ${UUID}`, viewer);
    expect(reply.fields).toEqual(
      expect.arrayContaining([
        { label: 'Invoice number', value: 'INV-2024-0042', mono: true },
        { label: 'Invoice status', value: 'PAID' },
        { label: 'Invoice amount', value: '1 500 ₽' },
      ]),
    );
  });
});

describe('/check against documented Bank 131 answers', () => {
  it.each([
    ['check-passport-validation-failure', 'DECLINED'],
    ['check-inn-validation-failure', 'DECLINED'],
    ['check-ok', 'APPROVED'],
    ['check-pending', 'PENDING'],
  ] as const)('shows %s as %s', async (name, outcome) => {
    server.serve('bank131', 'GET /check/:id', fixture('bank131', name));
    const reply = await run('/check 7', viewer);
    expect(reply).toMatchObject({ kind: 'ok', badge: { outcome } });
  });

  it.each([
    ['check-invalid-sign', 'error', 'Bank 131 says the request that created this check was signed incorrectly (invalid_sign)'],
    ['check-request-not-found', 'not_found', 'Bank 131 check 7 not found'],
    ['check-partner-project-not-found', 'error', 'Bank 131 does not know our partner project (partner_project_not_found) — check BANK131_PROJECT'],
  ] as const)('shows %s as an error that says what to fix, never DECLINED', async (name, kind, sentence) => {
    server.serve('bank131', 'GET /check/:id', fixture('bank131', name));
    const reply = await run('/check 7', viewer);
    expect(reply.kind).toBe(kind);
    expect(reply.badge).toBeUndefined();
    expect(reply.title).toContain(sentence);
  });

  it("shows already_exists as the earlier check's result, read with one extra request", async () => {
    server.serve('bank131', 'GET /check/:id', ({ id }) => (id === '12' ? fixture('bank131', 'check-already-exists') : fixture('bank131', 'check-ok')));
    const reply = await run('/check 12', viewer);
    expect(reply.badge).toEqual({ outcome: 'APPROVED', native: 'ok' });
    expect(reply.notes?.map((note) => note.text)).toEqual([
      "These data were already submitted as check 7; this is that check's result.",
      'Verified: the money can be sent.',
    ]);
    expect(server.requests.map((request) => request.path)).toEqual(['/check/12', '/check/7']);
  });

  it('says so when the earlier check of already_exists cannot be read', async () => {
    server.serve('bank131', 'GET /check/:id', ({ id }) => (id === '12' ? fixture('bank131', 'check-already-exists') : fixture('bank131', 'check-request-not-found')));
    const reply = await run('/check 12', viewer);
    expect(reply.badge).toEqual({ outcome: 'UNKNOWN', native: 'already_exists' });
    expect(reply.notes?.[0]?.text).toBe('These data were already submitted as check 7, but that check could not be read: Bank 131 check 7 not found.');
  });

  it('reads an HTTP 404 as a wrong address and says which variable to check', async () => {
    server.serve('bank131', 'GET /check/:id', { status: 404, body: { message: 'Not Found' } });
    const reply = await run('/check 7', viewer);
    expect(reply).toMatchObject({ kind: 'error', title: expect.stringContaining('check BANK131_BASE_URL') });
  });
});

describe('/kyc stripe against documented Stripe answers', () => {
  it('lists as declined only sessions that failed (last_error) or were canceled, not those waiting for the user', async () => {
    server.serve('stripe', 'GET /v1/identity/verification_sessions', fixture('stripe', 'verification-sessions'));
    const reply = await run('/kyc stripe declined', viewer);
    expect(reply.title).toBe('Stripe Identity sessions: declined (failed or canceled)');
    expect(reply.items?.map((item) => [item.title, item.badge])).toEqual([
      ['vs_1NuN4zLkdIwHu7ixleE6HvkI', { outcome: 'DECLINED', native: 'requires_input' }],
      ['vs_1NuMzHLkdIwHu7ixQw2yTkR8', { outcome: 'DECLINED', native: 'canceled' }],
    ]);
    // Stripe cannot filter on last_error: the list is read unfiltered and sifted.
    expect(server.requests[0]!.query.get('status')).toBeNull();
    expect(reply.items?.[0]?.links).toEqual([{ label: 'Customer', command: '/customer 550e8400-e29b-41d4-a716-446655440001' }]);
  });

  it('still lists every requires_input session when asked for that status by name', async () => {
    server.serve('stripe', 'GET /v1/identity/verification_sessions', fixture('stripe', 'verification-sessions'));
    await run('/kyc stripe requires_input', viewer);
    expect(server.requests[0]!.query.get('status')).toBe('requires_input');
  });

  it('shows an admin what Stripe verified and how each check of the last report went', async () => {
    server.serve('stripe', 'GET /v1/identity/verification_sessions/:id', fixture('stripe', 'verification-session-expanded'));
    const reply = await run('/kyc vs_1NuN2mLkdIwHu7ixSH8bh0Pn', admin);
    expect(reply.fields).toEqual(
      expect.arrayContaining([
        { label: 'Verified name', value: 'Ivan Ivanov' },
        { label: 'Date of birth', value: '15 Jan 1990' },
        { label: 'Address', value: 'ul. Tverskaya 1, 125009 Moscow, RU' },
        { label: 'Document', value: 'passport · RU' },
        { label: 'Document check', value: 'passed' },
        { label: 'Selfie check', value: 'passed' },
      ]),
    );
    expect(reply.unmasked).toBe(true);
    expect(server.requests[0]!.query.getAll('expand[]')).toEqual(['verified_outputs', 'verified_outputs.dob', 'last_verification_report']);
  });

  it('masks what Stripe verified for a viewer', async () => {
    server.serve('stripe', 'GET /v1/identity/verification_sessions/:id', fixture('stripe', 'verification-session-expanded'));
    const shown = await text('/kyc vs_1NuN2mLkdIwHu7ixSH8bh0Pn', viewer);
    expect(shown).toContain('Verified name: Ivan I.');
    expect(shown).toContain('Date of birth: **.**.1990');
    expect(shown).toContain('Address: ***, RU');
    expect(shown).not.toMatch(/Tverskaya|Ivanov|15 Jan/);
  });

  it('explains a failed selfie check in words', async () => {
    server.serve('stripe', 'GET /v1/identity/verification_sessions/:id', fixture('stripe', 'verification-session-expanded-failed'));
    const reply = await run('/kyc vs_1NuN4zLkdIwHu7ixleE6HvkI', viewer);
    expect(reply.badge).toEqual({ outcome: 'DECLINED', native: 'requires_input' });
    expect(reply.fields).toContainEqual({ label: 'Selfie check', value: 'failed: selfie does not match the document (selfie_face_mismatch)' });
    expect(reply.fields).toContainEqual({ label: 'Document', value: 'ID card · RU' });
  });

  it('steps down to fewer expansions when the key may not expand the date of birth', async () => {
    server.serve('stripe', 'GET /v1/identity/verification_sessions/:id', (request) =>
      request.query.getAll('expand[]').includes('verified_outputs.dob')
        ? { status: 403, body: { error: { type: 'invalid_request_error', message: 'The provided key does not have the required permissions.' } } }
        : fixture('stripe', 'verification-session'),
    );
    const reply = await run('/kyc vs_1NuN4zLkdIwHu7ixleE6HvkI', viewer);
    expect(reply.kind).toBe('ok');
    expect(server.requests.map((request) => request.query.getAll('expand[]').length)).toEqual([3, 2]);
  });
});
