/** `/kyc vs_...`: one Stripe Identity session with its last error in words. */
import { stripeOutcome } from '../domain/outcome.js';
import type { Action, Note, Reply } from '../domain/reply.js';
import type { Handler } from './context.js';
import type { StripeSessionRequest } from './handlers.js';
import { needProvider } from './need-provider.js';
import { customerCommand, field } from './present.js';
import { explainLastError, hasLastError } from './stripe-last-error.js';
import { own } from '../domain/own.js';

export const stripeSession: Handler<StripeSessionRequest> = async (request, context) => {
  const session = await needProvider(context.providers, 'stripe').getVerificationSession(request.id);
  const { t, format } = context;
  const badge = stripeOutcome(session.status, hasLastError(session));
  const lastError = explainLastError(session, t);
  const toCustomer = customerCommand(session.client_reference_id);
  const awaitingUser = session.status === 'requires_input' && session.url;

  const notes: Note[] = [];
  if (lastError && session.last_error?.code && session.last_error.reason) notes.push({ tone: 'info', text: t.stripe.stripeSays(session.last_error.reason) });
  if (session.status === 'requires_input' && !lastError) notes.push({ tone: 'info', text: t.stripe.waiting });
  if (session.status === 'processing') notes.push({ tone: 'info', text: t.stripe.processing });
  if (session.status === 'canceled') notes.push({ tone: 'warning', text: t.stripe.canceled });

  const actions: Action[] = [];
  if (toCustomer) actions.push({ label: t.customer.open, role: 'open', command: toCustomer });
  if (awaitingUser && session.url) actions.push({ label: t.kycSession.openVerification, role: 'open', url: session.url });

  const reply: Reply = {
    kind: 'ok',
    title: t.stripe.title(session.id),
    badge,
    fields: [
      { label: t.common.id, value: session.id, mono: true },
      ...field(t.stripe.type, session.type && (own(t.stripe.types, session.type) ?? session.type)),
      { label: t.common.created, value: format.dateTime(session.created) },
      ...field(t.stripe.clientReference, session.client_reference_id, {
        mono: true,
        link: toCustomer ? { command: toCustomer } : undefined,
      }),
      ...field(t.stripe.lastError, lastError),
      ...field(t.stripe.verificationUrl, awaitingUser ? session.url : null, {
        link: session.url ? { url: session.url } : undefined,
      }),
    ],
    notes,
    actions,
    footer: [t.common.timesIn(format.timeZone), ...(session.livemode === false ? [t.common.testMode] : [])],
  };
  return reply;
};
