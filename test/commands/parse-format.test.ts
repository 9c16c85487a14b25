import { describe, expect, it } from 'vitest';
import { parseCommand, toCommandLine } from '../../src/commands/parse.js';
import type { CommandRequest } from '../../src/commands/request.js';

const ID = '550e8400-e29b-41d4-a716-446655440000';
const VS = 'vs_1NuNAILkdIwHu7ixh7OtGMLw';

/** At least one request per variant of the CommandRequest union, with every optional part on and off. */
const REQUESTS: CommandRequest[] = [
  { command: 'kyc', action: 'help' },
  { command: 'customer', action: 'help' },
  { command: 'receipt', action: 'help' },
  { command: 'check', action: 'help' },
  { command: 'kyc', action: 'list', page: 1 },
  { command: 'kyc', action: 'list', status: 'APPROVED', page: 3 },
  { command: 'kyc', action: 'list', status: 'NOT_STARTED', page: 1 },
  { command: 'kyc', action: 'list', status: 'IN_PROGRESS', page: 1000 },
  { command: 'kyc', action: 'list', status: 'EXPIRED', invoiceId: ID, page: 2 },
  { command: 'kyc', action: 'list', invoiceId: ID, page: 1 },
  { command: 'kyc', action: 'session', id: ID },
  { command: 'kyc', action: 'stripe-list' },
  { command: 'kyc', action: 'stripe-list', status: 'requires_input' },
  { command: 'kyc', action: 'stripe-list', status: 'processing', after: VS },
  { command: 'kyc', action: 'stripe-list', status: 'canceled', before: VS },
  { command: 'kyc', action: 'stripe-list', status: 'verified' },
  { command: 'kyc', action: 'stripe-session', id: VS },
  { command: 'kyc', action: 'subscribe', outcomes: [], providers: [] },
  { command: 'kyc', action: 'subscribe', outcomes: ['APPROVED', 'DECLINED'], providers: ['loveandpay', 'stripe', 'bank131'] },
  { command: 'kyc', action: 'unsubscribe', outcomes: ['DECLINED'], providers: ['stripe'] },
  { command: 'kyc', action: 'unsubscribe', outcomes: [], providers: ['bank131'] },
  { command: 'kyc', action: 'subscriptions' },
  { command: 'kyc', action: 'audit', limit: 20 },
  { command: 'kyc', action: 'audit', limit: 100 },
  { command: 'customer', action: 'search', page: 1 },
  { command: 'customer', action: 'search', search: 'Иван Петров', page: 1 },
  { command: 'customer', action: 'search', search: "O'Neil", kycStatus: 'VERIFIED', trustLevel: 'NEW', page: 2 },
  { command: 'customer', action: 'search', kycStatus: 'PENDING', trustLevel: 'LEVEL_1', page: 1 },
  { command: 'customer', action: 'search', kycStatus: 'REJECTED', trustLevel: 'LEVEL_3', page: 5 },
  { command: 'customer', action: 'search', search: '4567', trustLevel: 'LEVEL_2', page: 1 },
  { command: 'customer', action: 'check', phone: '+79991234567' },
  { command: 'customer', action: 'check', email: 'client@example.com' },
  { command: 'customer', action: 'detail', id: ID },
  { command: 'receipt', action: 'detail', id: ID },
  { command: 'check', action: 'detail', id: '7', watch: false },
  { command: 'check', action: 'detail', id: '1234567890123456789', watch: true },
];

describe('toCommandLine', () => {
  it('writes the canonical line a button carries', () => {
    expect(toCommandLine({ command: 'kyc', action: 'list', status: 'APPROVED', page: 3 })).toBe('/kyc approved page:3');
    expect(toCommandLine({ command: 'kyc', action: 'list', page: 1 })).toBe('/kyc');
    expect(toCommandLine({ command: 'kyc', action: 'stripe-list', status: 'verified', after: VS })).toBe(
      `/kyc stripe verified after:${VS}`,
    );
    expect(toCommandLine({ command: 'customer', action: 'search', search: 'Иван', trustLevel: 'LEVEL_2', page: 2 })).toBe(
      '/customer Иван level:2 page:2',
    );
    expect(toCommandLine({ command: 'check', action: 'detail', id: '7', watch: true })).toBe('/check 7 watch');
  });

  it('covers every (command, action) pair of the request union', () => {
    const pairs = new Set(REQUESTS.map((request) => `${request.command} ${request.action}`));
    expect([...pairs].sort()).toEqual(
      [
        'check detail', 'check help', 'customer check', 'customer detail', 'customer help', 'customer search',
        'kyc audit', 'kyc help', 'kyc list', 'kyc session', 'kyc stripe-list', 'kyc stripe-session',
        'kyc subscribe', 'kyc subscriptions', 'kyc unsubscribe', 'receipt detail', 'receipt help',
      ].sort(),
    );
  });

  it.each(REQUESTS.map((request) => [toCommandLine(request), request] as const))(
    'parses %j back to the same request',
    (line, request) => {
      expect(parseCommand(line)).toStrictEqual({ ok: true, request });
    },
  );
});
