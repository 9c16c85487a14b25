import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse.js';
import type { CommandRequest, ParseResult } from '../../src/commands/request.js';
import type { CommandName } from '../../src/domain/commands.js';

const ID = '550e8400-e29b-41d4-a716-446655440000';
const ID_UPPER = ID.toUpperCase();
const VS = 'vs_1NuNAILkdIwHu7ixh7OtGMLw';

const ok = (request: CommandRequest): ParseResult => ({ ok: true, request });
const bad = (command: CommandName | null, problem: string, token?: string, suggestion?: string): ParseResult => ({
  ok: false,
  usage: { command, problem, ...(token === undefined ? {} : { token }), ...(suggestion === undefined ? {} : { suggestion }) },
});
const list = (extra: Partial<Extract<CommandRequest, { action: 'list' }>> = {}): ParseResult =>
  ok({ command: 'kyc', action: 'list', page: 1, ...extra });
const stripeList = (extra: Partial<Extract<CommandRequest, { action: 'stripe-list' }>> = {}): ParseResult =>
  ok({ command: 'kyc', action: 'stripe-list', ...extra });
const search = (extra: Partial<Extract<CommandRequest, { action: 'search' }>> = {}): ParseResult =>
  ok({ command: 'customer', action: 'search', page: 1, ...extra });
const phone = (value: string): ParseResult => ok({ command: 'customer', action: 'check', phone: value });

const TABLE: Array<[input: string, expected: ParseResult]> = [
  // /kyc lists
  ['/kyc', list()],
  ['kyc', list()],
  ['/kyc approved', list({ status: 'APPROVED' })],
  ['kyc approved', list({ status: 'APPROVED' })],
  ['/KYC APPROVED', list({ status: 'APPROVED' })],
  ['/kyc@KycDeskBot approved', list({ status: 'APPROVED' })],
  ['/kyc approved page:2', list({ status: 'APPROVED', page: 2 })],
  ['/kyc page:2 Declined', list({ status: 'DECLINED', page: 2 })],
  ['  /kyc \t approved\u00a0\u00a0page: 3  ', list({ status: 'APPROVED', page: 3 })],
  ['/kyc page 4', list({ page: 4 })],
  ['/kyc in_progress', list({ status: 'IN_PROGRESS' })],
  ['/kyc In-Progress', list({ status: 'IN_PROGRESS' })],
  ['/kyc not started', list({ status: 'NOT_STARTED' })],
  ['/kyc expired', list({ status: 'EXPIRED' })],
  ['/kyc status:declined', list({ status: 'DECLINED' })],
  ['/kyc approved.', list({ status: 'APPROVED' })],
  ['/kyc "approved"', list({ status: 'APPROVED' })],
  ['/kyc approved approved', list({ status: 'APPROVED' })],
  // Russian status words
  ['/kyc одобрен', list({ status: 'APPROVED' })],
  ['/kyc одобренные', list({ status: 'APPROVED' })],
  ['/kyc отклонён', list({ status: 'DECLINED' })],
  ['/kyc ОТКЛОНЕНО', list({ status: 'DECLINED' })],
  ['/kyc в процессе', list({ status: 'IN_PROGRESS' })],
  ['/kyc не начат', list({ status: 'NOT_STARTED' })],
  ['/kyc истёк', list({ status: 'EXPIRED' })],
  ['/kyc истек стр:2', list({ status: 'EXPIRED', page: 2 })],
  // invoices and single sessions
  [`/kyc invoice ${ID}`, list({ invoiceId: ID })],
  [`/kyc invoice:${ID_UPPER} approved page:2`, list({ invoiceId: ID, status: 'APPROVED', page: 2 })],
  [`/kyc ${ID}`, ok({ command: 'kyc', action: 'session', id: ID })],
  [`/kyc <${ID_UPPER}>`, ok({ command: 'kyc', action: 'session', id: ID })],
  [`/kyc ${VS}`, ok({ command: 'kyc', action: 'stripe-session', id: VS })],
  [`/kyc stripe ${VS}`, ok({ command: 'kyc', action: 'stripe-session', id: VS })],
  // Stripe lists
  ['/kyc stripe', stripeList()],
  ['/kyc Stripe verified', stripeList({ status: 'verified' })],
  ['/kyc stripe approved', stripeList({ status: 'verified' })],
  ['/kyc stripe declined', stripeList({ status: 'declined' })],
  ['/kyc stripe отклонённые', stripeList({ status: 'declined' })],
  ['/kyc stripe requires input', stripeList({ status: 'requires_input' })],
  ['/kyc stripe cancelled', stripeList({ status: 'canceled' })],
  ['/kyc processing', stripeList({ status: 'processing' })],
  [`/kyc stripe after:${VS}`, stripeList({ after: VS })],
  [`/kyc stripe canceled before: ${VS}`, stripeList({ status: 'canceled', before: VS })],
  // subscriptions and audit
  ['/kyc subscribe', ok({ command: 'kyc', action: 'subscribe', outcomes: [], providers: [] })],
  [
    '/kyc subscribe stripe DECLINED l&p approved',
    ok({ command: 'kyc', action: 'subscribe', outcomes: ['APPROVED', 'DECLINED'], providers: ['loveandpay', 'stripe'] }),
  ],
  ['/kyc subscribe Love&Pay, bank', ok({ command: 'kyc', action: 'subscribe', outcomes: [], providers: ['loveandpay', 'bank131'] })],
  ['/kyc unsubscribe отклонен', ok({ command: 'kyc', action: 'unsubscribe', outcomes: ['DECLINED'], providers: [] })],
  ['/kyc subscriptions', ok({ command: 'kyc', action: 'subscriptions' })],
  ['kyc: subscribe love&amp;pay', ok({ command: 'kyc', action: 'subscribe', outcomes: [], providers: ['loveandpay'] })],
  ['/kyc approved subscribe all', ok({ command: 'kyc', action: 'subscribe', outcomes: ['APPROVED'], providers: [] })],
  ['/kyc подписки', ok({ command: 'kyc', action: 'subscriptions' })],
  ['/kyc audit', ok({ command: 'kyc', action: 'audit', limit: 20 })],
  ['/kyc audit 50', ok({ command: 'kyc', action: 'audit', limit: 50 })],
  // help
  ['/kyc help', ok({ command: 'kyc', action: 'help' })],
  ['/kyc ?', ok({ command: 'kyc', action: 'help' })],
  ['/customer help', ok({ command: 'customer', action: 'help' })],
  ['/receipt помощь', ok({ command: 'receipt', action: 'help' })],
  ['/check HELP', ok({ command: 'check', action: 'help' })],
  ['/customer kyc:verified ?', ok({ command: 'customer', action: 'help' })],
  ['/help', bad(null, 'general_help')],
  ['/start@KycDeskBot', bad(null, 'general_help')],
  ['?', bad(null, 'general_help')],
  // /customer
  ['/customer Иван Петров', search({ search: 'Иван Петров' })],
  ['/Customer   иван    ПЕТРОВ  ', search({ search: 'иван ПЕТРОВ' })],
  ["/customer O'Neil Jean-Luc", search({ search: "O'Neil Jean-Luc" })],
  ['/customer kyc:verified', search({ kycStatus: 'VERIFIED' })],
  ['/customer Мария kyc:rejected level:LEVEL_2 page:3', search({ search: 'Мария', kycStatus: 'REJECTED', trustLevel: 'LEVEL_2', page: 3 })],
  ['/customer level:0', search({ trustLevel: 'NEW' })],
  ['/customer level:new', search({ trustLevel: 'NEW' })],
  ['/customer level:1 kyc:PENDING', search({ trustLevel: 'LEVEL_1', kycStatus: 'PENDING' })],
  ['/customer 4567', search({ search: '4567' })],
  ['/customer Ivan Help ?', search({ search: 'Ivan Help' })],
  ['/customer Page Smith page 2', search({ search: 'Page Smith', page: 2 })],
  ['/Customer +7 999 123-45-67', phone('+79991234567')],
  ['/customer 89991234567', phone('+79991234567')],
  ['/customer 8 (999) 123 45 67', phone('+79991234567')],
  ['/customer 79991234567', phone('+79991234567')],
  ['/customer 9991234567', phone('+79991234567')],
  ['/customer +7(999)123-45-67.', phone('+79991234567')],
  ['/customer Client@Example.COM', ok({ command: 'customer', action: 'check', email: 'client@example.com' })],
  ['/customer <tel:+79991234567|+7 999 123-45-67>', phone('+79991234567')],
  ['/customer <mailto:client@example.com|client@example.com>', ok({ command: 'customer', action: 'check', email: 'client@example.com' })],
  [`/customer ${ID_UPPER}`, ok({ command: 'customer', action: 'detail', id: ID })],
  // /receipt and /check
  [`/receipt ${ID}`, ok({ command: 'receipt', action: 'detail', id: ID })],
  [`/receipt "${ID}",`, ok({ command: 'receipt', action: 'detail', id: ID })],
  ['/check 7', ok({ command: 'check', action: 'detail', id: '7', watch: false })],
  ['/check 7 watch', ok({ command: 'check', action: 'detail', id: '7', watch: true })],
  ['/check WATCH #12345', ok({ command: 'check', action: 'detail', id: '12345', watch: true })],
  ['/checks 7?', ok({ command: 'check', action: 'detail', id: '7', watch: false })],
  // invisible and odd characters people paste
  ['/kyc\u200b approved\u200f', list({ status: 'APPROVED' })],
  ['/kyc \u202eapproved\u202c', list({ status: 'APPROVED' })],
  ['/kyc\u200bapproved', list({ status: 'APPROVED' })],
  ['／ｋｙｃ　ａｐｐｒｏｖｅｄ', list({ status: 'APPROVED' })],
  // wrong input: usage problems
  ['', bad(null, 'empty')],
  ['   \t\n ', bad(null, 'empty')],
  ['/', bad(null, 'empty')],
  ['/kycc approved', bad(null, 'unknown_command', '/kycc', '/kyc approved')],
  ['/клиент Иван', bad(null, 'unknown_command', '/клиент')],
  ['/kyc foo', bad('kyc', 'unknown_word', 'foo')],
  ['/kyc 7', bad('kyc', 'other_command', '7', '/check 7')],
  ['/kyc approved declined', bad('kyc', 'conflicting', 'declined')],
  ['/kyc pending', bad('kyc', 'ambiguous_status', 'pending')],
  ['/kyc status:maybe', bad('kyc', 'unknown_status', 'status:maybe')],
  ['/kyc stripe expired', bad('kyc', 'unknown_status', 'expired')],
  ['/kyc page:0', bad('kyc', 'bad_page', 'page:0')],
  ['/kyc page:1001', bad('kyc', 'bad_page', 'page:1001')],
  ['/kyc page:1.5', bad('kyc', 'bad_page', 'page:1.5')],
  ['/kyc page:', bad('kyc', 'bad_page', 'page:')],
  ['/kyc stripe page:2', bad('kyc', 'conflicting', 'page:2')],
  [`/kyc ${ID} approved`, bad('kyc', 'conflicting', 'approved')],
  [`/kyc stripe after:${VS} before:${VS}`, bad('kyc', 'conflicting', `before:${VS}`)],
  ['/kyc after:cus_123', bad('kyc', 'bad_id', 'after:cus_123')],
  ['/kyc invoice', bad('kyc', 'missing_id', 'invoice')],
  ['/kyc invoice 42', bad('kyc', 'bad_id', '42')],
  ['/kyc 550e8400', ok({ command: 'kyc', action: 'session', id: '550e8400' })],
  ['/kyc vs_', bad('kyc', 'bad_id', 'vs_')],
  ['/kyc color:red', bad('kyc', 'unknown_filter', 'color:red')],
  ['/kyc subscribe unsubscribe', bad('kyc', 'conflicting', 'unsubscribe')],
  ['/kyc subscribe expired', bad('kyc', 'bad_outcome', 'expired')],
  ['/kyc subscribe paypal', bad('kyc', 'unknown_word', 'paypal')],
  ['/kyc audit 0', bad('kyc', 'bad_limit', '0')],
  ['/kyc audit 101', bad('kyc', 'bad_limit', '101')],
  ['/kyc audit lots', bad('kyc', 'unknown_word', 'lots')],
  ['/customer kyc:maybe', bad('customer', 'bad_filter', 'kyc:maybe')],
  ['/customer level:7', bad('customer', 'bad_filter', 'level:7')],
  ['/customer Иван city:Moscow', bad('customer', 'unknown_filter', 'city:Moscow')],
  ['/customer +44 20 7946 0958', bad('customer', 'bad_phone', '+44 20 7946 0958')],
  ['/customer 123-45', bad('customer', 'bad_phone', '123-45')],
  ['/customer 899912345678', bad('customer', 'bad_phone', '899912345678')],
  ['/customer a@b', bad('customer', 'bad_email', 'a@b')],
  ['/customer Иван ivan@example.com', bad('customer', 'conflicting', 'Иван')],
  ['/customer 89991234567 kyc:verified', bad('customer', 'conflicting', 'kyc:verified')],
  [`/customer ${ID} page:2`, bad('customer', 'conflicting', 'page:2')],
  ['/customer ' + 'Иван '.repeat(30), bad('customer', 'too_long', 'Иван '.repeat(8))],
  ['/receipt', bad('receipt', 'missing_id')],
  ['/receipt 7', bad('receipt', 'other_command', '7', '/check 7')],
  [`/receipt ${ID} now`, bad('receipt', 'unknown_word', 'now')],
  ['/check', bad('check', 'missing_id')],
  ['/check abc', bad('check', 'bad_id', 'abc')],
  ['/check 7 8', bad('check', 'conflicting', '8')],
  ['/check 12345678901234567890', bad('check', 'bad_id', '12345678901234567890')],
  // injection-looking input never reaches a request
  ['/receipt ../customers', bad('receipt', 'bad_id', '../customers')],
  [`/receipt ../../kyc/sessions/${ID}`, bad('receipt', 'bad_id', `../../kyc/sessions/${ID}`.slice(0, 40))],
  ['/check 7?status=ok', bad('check', 'bad_id', '7?status=ok')],
  ['/check 7/../8', bad('check', 'bad_id', '7/../8')],
  ['/kyc ?status=approved', bad('kyc', 'unknown_word', '?status=approved')],
  [`/receipt ${ID}%2F..%2Fcustomers`, bad('receipt', 'bad_id', `${ID}%2F..%2Fcustomers`.slice(0, 40))],
  ['/kyc %2F', bad('kyc', 'unknown_word', '%2F')],
  ["/customer '; DROP TABLE customers; --", bad('customer', 'bad_search', ';')],
  ['/customer Robert"); DROP TABLE', bad('customer', 'bad_search', 'Robert");')],
  ['/customer <script>alert(1)</script>', bad('customer', 'bad_search', 'script>alert(1)</script')],
  ['/kyc 😀', bad('kyc', 'unknown_word', '😀')],
  ['/customer 😀', bad('customer', 'bad_search', '😀')],
  ['/kyc approved\u0000\u0007', list({ status: 'APPROVED' })],
  ['x'.repeat(1001), bad(null, 'too_long', 'x'.repeat(40))],
  ['/kyc ' + 'a'.repeat(10_240), bad(null, 'too_long', '/kyc ' + 'a'.repeat(35))],
];

describe('parseCommand', () => {
  it('has a table of at least 60 inputs', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE)('reads %j', (input, expected) => {
    expect(parseCommand(input)).toStrictEqual(expected);
  });

  it('cuts the echoed token to 40 characters and strips control characters from it', () => {
    const result = parseCommand(`\u0007/kyc\u0000\u202e${'a'.repeat(2000)}`);
    expect(result).toStrictEqual(bad(null, 'too_long', `/kyc ${'a'.repeat(35)}`));
  });

  it('splits words at control characters instead of keeping them in a token', () => {
    expect(parseCommand(`/check 7\u0001${'x'.repeat(100)}`)).toStrictEqual(bad('check', 'unknown_word', 'x'.repeat(40)));
  });

  it('never splits an emoji when it cuts a token', () => {
    const result = parseCommand(`/kyc ${'😀'.repeat(30)}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.usage.token).toBe('😀'.repeat(20));
  });
});
