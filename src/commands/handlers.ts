/**
 * The map from (command, action) to handler: the one place that decides who
 * answers a request. Other areas plug in here (alerts registers
 * 'kyc:subscribe', 'kyc:unsubscribe', 'kyc:subscriptions', 'kyc:audit' and
 * 'check:watch' through createRunCommand's `handlers` option).
 */
import type { CommandRequest } from './request.js';
import type { Reply } from '../domain/reply.js';
import type { Handler, HandlerContext } from './context.js';

/** The request variant with this command and action. */
export type RequestFor<C extends string, A extends string> = CommandRequest extends infer R
  ? R extends { command: infer RC; action: infer RA }
    ? C extends RC
      ? A extends RA
        ? R
        : never
      : never
    : never
  : never;

export type HelpRequest = Extract<CommandRequest, { action: 'help' }>;
export type KycListRequest = RequestFor<'kyc', 'list'>;
export type KycSessionRequest = RequestFor<'kyc', 'session'>;
export type StripeListRequest = RequestFor<'kyc', 'stripe-list'>;
export type StripeSessionRequest = RequestFor<'kyc', 'stripe-session'>;
export type SubscribeRequest = RequestFor<'kyc', 'subscribe'>;
export type SubscriptionsRequest = RequestFor<'kyc', 'subscriptions'>;
export type AuditRequest = RequestFor<'kyc', 'audit'>;
export type CustomerSearchRequest = RequestFor<'customer', 'search'>;
export type CustomerCheckRequest = RequestFor<'customer', 'check'>;
export type CustomerDetailRequest = RequestFor<'customer', 'detail'>;
export type ReceiptRequest = RequestFor<'receipt', 'detail'>;
export type CheckRequest = RequestFor<'check', 'detail'>;

export interface Handlers {
  help: Handler<HelpRequest>;
  'kyc:list': Handler<KycListRequest>;
  'kyc:session': Handler<KycSessionRequest>;
  'kyc:stripe-list': Handler<StripeListRequest>;
  'kyc:stripe-session': Handler<StripeSessionRequest>;
  'kyc:subscribe': Handler<SubscribeRequest>;
  'kyc:unsubscribe': Handler<SubscribeRequest>;
  'kyc:subscriptions': Handler<SubscriptionsRequest>;
  'kyc:audit': Handler<AuditRequest>;
  'customer:search': Handler<CustomerSearchRequest>;
  'customer:check': Handler<CustomerCheckRequest>;
  'customer:detail': Handler<CustomerDetailRequest>;
  'receipt:detail': Handler<ReceiptRequest>;
  /** `/check <id>` */
  'check:detail': Handler<CheckRequest>;
  /** `/check <id> watch` */
  'check:watch': Handler<CheckRequest>;
}

export type HandlerKey = keyof Handlers;

export function handlerKey(request: CommandRequest): HandlerKey {
  if (request.action === 'help') return 'help';
  if (request.command === 'check') return request.watch ? 'check:watch' : 'check:detail';
  return `${request.command}:${request.action}` as HandlerKey;
}

/** Calls the handler registered for the request's key; the key and the request variant always agree. */
export function dispatch(handlers: Handlers, request: CommandRequest, context: HandlerContext): Promise<Reply> {
  const handler = handlers[handlerKey(request)] as Handler<CommandRequest>;
  return handler(request, context);
}
