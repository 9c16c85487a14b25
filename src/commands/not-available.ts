/**
 * Placeholders for what alerts will bring: subscriptions, the audit log and
 * watching a check. The alerts area replaces them through createRunCommand's
 * `handlers` option; until then they answer politely instead of failing.
 */
import type { Reply } from '../domain/reply.js';
import { check } from './check.js';
import type { Handler, HandlerContext } from './context.js';
import type { AuditRequest, CheckRequest, SubscribeRequest, SubscriptionsRequest } from './handlers.js';

const notYet =
  (what: 'subscriptions' | 'audit') =>
  async (_request: unknown, { t }: HandlerContext): Promise<Reply> => ({ kind: 'ok', title: t.unavailable[what] });

export const subscribeNotYet: Handler<SubscribeRequest> = notYet('subscriptions');
export const subscriptionsNotYet: Handler<SubscriptionsRequest> = notYet('subscriptions');
export const auditNotYet: Handler<AuditRequest> = notYet('audit');

/** `/check <id> watch` for now: the check's current status, with a note that watching comes with alerts. */
export const watchNotYet: Handler<CheckRequest> = async (request, context) => {
  const reply = await check(request, context);
  return { ...reply, notes: [{ tone: 'info', text: context.t.unavailable.watchWithAlerts }, ...(reply.notes ?? [])] };
};
