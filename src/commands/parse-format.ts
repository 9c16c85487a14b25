/**
 * A CommandRequest back to its canonical command line. Buttons carry these
 * lines (DESIGN.md: "A button carries the command line it runs"), so for every
 * request the parser returns, parseCommand(toCommandLine(request)) gives it back.
 */
import { quietWords } from './parse-quiet.js';
import type { CommandRequest } from './request.js';

const LEVEL_WORDS = { NEW: 'new', LEVEL_1: '1', LEVEL_2: '2', LEVEL_3: '3' } as const;

function page(n: number): string[] {
  return n === 1 ? [] : [`page:${n}`];
}

function since(value: string | undefined): string[] {
  return value ? [`since:${value}`] : [];
}

function words(request: CommandRequest): string[] {
  switch (request.action) {
    case 'help':
      return ['help'];
    case 'list':
      return [
        ...(request.status ? [request.status.toLowerCase()] : []),
        ...(request.invoiceId ? [`invoice:${request.invoiceId}`] : []),
        ...since(request.since),
        ...page(request.page),
      ];
    case 'session':
    case 'stripe-session':
      return [request.id];
    case 'stripe-list':
      return [
        'stripe',
        ...(request.status ? [request.status] : []),
        ...(request.after ? [`after:${request.after}`] : []),
        ...(request.before ? [`before:${request.before}`] : []),
        ...since(request.since),
      ];
    case 'subscribe':
    case 'unsubscribe':
      return [
        request.action,
        ...request.outcomes.map((outcome) => outcome.toLowerCase()),
        ...request.providers,
        ...('confirmed' in request && request.confirmed ? ['confirm'] : []),
        ...quietWords(request.quiet),
      ];
    case 'subscriptions':
      return ['subscriptions'];
    case 'queue':
      return ['queue', ...(request.mine ? ['mine'] : [])];
    case 'take':
    case 'reopen':
      return [request.action, request.id];
    case 'resolve':
      return ['resolve', request.id, ...(request.reason ? [request.reason] : []), ...(request.note ? [request.note] : [])];
    case 'audit':
      return ['audit', String(request.limit), ...since(request.since), ...(request.csv ? ['csv'] : [])];
    case 'stats':
      return ['stats', request.period, ...request.providers];
    case 'summary':
      if (request.change === undefined) return ['summary'];
      return request.change === 'off' ? ['summary', 'off'] : ['summary', 'daily', request.change.at, ...request.change.providers];
    case 'search':
      return [
        ...(request.search ? [request.search] : []),
        ...(request.kycStatus ? [`kyc:${request.kycStatus.toLowerCase()}`] : []),
        ...(request.trustLevel ? [`level:${LEVEL_WORDS[request.trustLevel]}`] : []),
        ...since(request.since),
        ...page(request.page),
      ];
    case 'check':
      return [request.phone ?? request.email ?? ''];
    case 'detail':
      return request.command === 'check' ? [request.id, ...(request.watch ? ['watch'] : [])] : [request.id];
  }
}

export function toCommandLine(request: CommandRequest): string {
  return [`/${request.command}`, ...words(request)].filter((word) => word !== '').join(' ');
}
