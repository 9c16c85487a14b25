/**
 * `/kyc vs_...`: one Stripe Identity session with its last error in words,
 * what Stripe verified about the person (verified_outputs) and how each check
 * of the last report went (document and selfie), as far as the key allows
 * expanding them. Personal fields are masked for viewers, like everywhere.
 * The list (stripe-sessions.ts) explains last errors with the same words.
 */
import { stripeOutcome } from '../domain/outcome.js';
import type { Action, Field, Note, Reply } from '../domain/reply.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import type { StripeAddress, StripeDate, VerificationSession } from '../providers/stripe/client.js';
import { stripeSessionRecord } from '../providers/stripe/verification-record.js';
import { type Handler, type HandlerContext, needProvider, type StripeSessionRequest } from './handlers.js';
import { rememberFrom } from './object-memo.js';
import { customerCommand, dashboardActions, field, shownReference, shownTime } from './present.js';
import { own } from '../domain/own.js';

export const stripeSession: Handler<StripeSessionRequest> = async (request, context) => {
  const session = await needProvider(context.providers, 'stripe').getVerificationSessionDetails(request.id);
  const { t, format, mask } = context;
  const [indexed] = await Promise.all([context.index?.getVerifications('stripe', [session.id]), rememberFrom(context, [session], (seen) => stripeSessionRecord(seen))]);
  const decidedAt = indexed?.[0]?.outcome === 'PENDING' ? null : (indexed?.[0]?.decidedAt ?? null);
  const badge = stripeOutcome(session.status, hasLastError(session));
  const lastError = explainLastError(session, t);
  const toCustomer = customerCommand(session.client_reference_id);
  // Whoever holds the link can finish the verification as the customer: admins only, never in a shared copy.
  const link = session.status === 'requires_input' ? mask.adminOnly(session.url) : null;

  const notes: Note[] = [];
  // Stripe's own sentence (English) only for a code we have no words for: a known code is explained already.
  const code = session.last_error?.code;
  if (lastError && code && !own(t.stripe.errors, code) && session.last_error?.reason) notes.push({ tone: 'info', text: t.stripe.stripeSays(session.last_error.reason) });
  if (session.status === 'requires_input' && !lastError) notes.push({ tone: 'info', text: t.stripe.waiting });
  if (session.status === 'processing') notes.push({ tone: 'info', text: t.stripe.processing });
  if (session.status === 'canceled') notes.push({ tone: 'warning', text: t.stripe.canceled });

  const actions: Action[] = [];
  if (toCustomer) actions.push({ label: t.customer.open, role: 'open', command: toCustomer });
  if (link) actions.push({ label: t.kycSession.openVerification, role: 'open', url: link });
  actions.push(...dashboardActions('stripe', session.id, context));

  const reply: Reply = {
    kind: 'ok',
    title: t.stripe.title(session.id),
    badge,
    fields: [
      { label: t.common.id, value: session.id, mono: true },
      ...field(t.stripe.type, session.type && (own(t.stripe.types, session.type) ?? session.type)),
      // Created and the last error, with the badge, are the compact card a dashboard link unfurls to (Field.brief).
      { label: t.common.created, value: shownTime(session.created, context) ?? '', brief: true },
      ...field(t.common.decidedAt, badge.outcome === 'PENDING' ? null : shownTime(decidedAt, context)),
      ...field(t.stripe.clientReference, session.client_reference_id && shownReference(session.client_reference_id, context.settings.references?.stripe, mask), {
        mono: true,
        link: toCustomer ? { command: toCustomer } : undefined,
      }),
      ...field(t.stripe.lastError, lastError, { brief: true }),
      ...verifiedFields(session, context),
      ...reportFields(session, context),
      ...field(t.stripe.verificationUrl, link, { link: link ? { url: link } : undefined }),
    ],
    notes,
    actions,
    footer: [t.common.timesIn(format.timeZone), ...(session.livemode === false ? [t.common.testMode] : [])],
  };
  return reply;
};

/** verified_outputs: present once Stripe verified the person and the key may expand it. */
function verifiedFields(session: VerificationSession, { t, mask }: HandlerContext): Field[] {
  const out = session.verified_outputs;
  if (!out) return [];
  const name = [out.first_name, out.last_name].filter(Boolean).join(' ');
  const dob = isoDay(out.dob);
  const address = addressLine(out.address);
  return [
    ...field(t.stripe.verifiedName, name && mask.name(name)),
    ...field(t.kycSession.dateOfBirth, dob && mask.dateOfBirth(dob)),
    ...field(t.stripe.address, address && mask.address(address)),
    ...field(t.common.email, out.email && mask.email(out.email)),
    ...field(t.common.phone, out.phone && mask.phone(out.phone)),
  ];
}

/** The expanded last_verification_report: document type and country, and each check's result. */
function reportFields(session: VerificationSession, context: HandlerContext): Field[] {
  const report = session.last_verification_report;
  if (!report || typeof report === 'string') return [];
  const { t } = context;
  const document = report.document;
  const kind = document?.type && (own(t.kycSession.documentTypes, document.type) ?? document.type);
  return [
    ...field(t.kycSession.document, [kind, document?.issuing_country].filter(Boolean).join(' · ')),
    ...field(t.stripe.documentCheck, document && checkText(document, context)),
    ...field(t.stripe.selfieCheck, report.selfie && checkText(report.selfie, context)),
  ];
}

/** "passed", or "failed: the selfie does not match the document (selfie_face_mismatch)". */
function checkText(check: { status: string | null; error: { code: string | null; reason: string | null } | null }, { t }: HandlerContext): string | null {
  if (!check.status) return null;
  const status = own(t.stripe.checkStatuses, check.status) ?? check.status;
  const why = check.error?.code ? explainStripeCode(check.error.code, t) : check.error?.reason;
  return why ? `${status}: ${why}` : status;
}

/** Stripe's {day, month, year} as YYYY-MM-DD, or null when any part is missing. */
function isoDay(date: StripeDate): string | null {
  if (!date?.year || !date.month || !date.day) return null;
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** One line, street first and country last, as mask.address expects. */
function addressLine(address: StripeAddress): string | null {
  if (!address) return null;
  const city = [address.postal_code, address.city].filter(Boolean).join(' ');
  const line = [address.line1, address.line2, city, address.state, address.country].filter(Boolean).join(', ');
  return line || null;
}

/** True when Stripe says why the last attempt failed (DESIGN.md: requires_input with last_error is DECLINED). */
export function hasLastError(session: VerificationSession): boolean {
  return Boolean(session.last_error?.code || session.last_error?.reason);
}

/**
 * A Stripe Identity error code in words: every code of Stripe's
 * VerificationSession.last_error.code enum has a sentence in the dictionary
 * (the report's document and selfie errors use the same codes); an
 * undocumented one is named as it came.
 */
export function explainStripeCode(code: string, t: CommandStrings): string {
  const words = own(t.stripe.errors, code);
  return words ? `${words} (${code})` : t.stripe.unknownError(code);
}

export function explainLastError(session: VerificationSession, t: CommandStrings): string | null {
  if (!hasLastError(session) || session.status === 'verified') return null;
  const code = session.last_error?.code;
  if (!code) return session.last_error?.reason ?? null;
  return explainStripeCode(code, t);
}
