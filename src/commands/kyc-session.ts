/**
 * `/kyc <uuid>`: one Love&Pay session with its customer and invoice linked,
 * the verification data once approved, and the verification link while the
 * customer has not finished.
 */
import { loveAndPayOutcome } from '../domain/outcome.js';
import type { Action, Field, Note, Reply } from '../domain/reply.js';
import { verifiedName, type KycSession, type Verification } from '../providers/loveandpay/schemas.js';
import { loveAndPaySessionRecord } from '../providers/loveandpay/verification-record.js';
import { type Handler, type HandlerContext, type KycSessionRequest, needProvider } from './handlers.js';
import { rememberFrom } from './object-memo.js';
import { customerCommand, dashboardActions, field, invoiceCommand, shortId, shownTime } from './present.js';
import { own } from '../domain/own.js';
import { resolveShortId } from './short-id.js';

export const kycSession: Handler<KycSessionRequest> = async (request, context) => {
  const id = await resolveShortId(request.id, 'session', context);
  if (typeof id !== 'string') return id;
  const session = await needProvider(context.providers, 'loveandpay').getKycSession(id);
  const { t, format, mask } = context;
  const [indexed] = await Promise.all([
    context.index?.getVerifications('loveandpay', [session.id]),
    rememberFrom(context, [session], (seen) => loveAndPaySessionRecord(seen)),
  ]);
  const decidedAt = session.verification?.verifiedAt ?? indexed?.[0]?.decidedAt ?? null;
  const badge = loveAndPayOutcome(session.status);
  const pending = badge.outcome === 'PENDING';
  const toCustomer = customerCommand(session.customerId);
  const toInvoice = invoiceCommand(session.invoiceId);
  // Whoever holds the link can finish the customer's verification: admins only, never in a shared copy.
  const link = pending ? mask.adminOnly(session.verificationUrl) : null;

  const fields: Field[] = [
    { label: t.common.id, value: session.id, mono: true },
    ...field(t.kycSession.sessionId, session.sessionId, { mono: true }),
    ...field(t.common.customer, session.customerId, { mono: true, link: toCustomer ? { command: toCustomer } : undefined }),
    ...field(t.common.email, session.customerEmail && mask.email(session.customerEmail)),
    ...field(t.common.phone, session.customerPhone && mask.phone(session.customerPhone)),
    ...field(t.common.invoice, session.invoiceId, { mono: true, link: toInvoice ? { command: toInvoice } : undefined }),
    ...field(t.common.created, shownTime(session.createdAt, context)),
    ...(badge.outcome !== 'PENDING' && !session.verification?.verifiedAt ? field(t.common.decidedAt, shownTime(decidedAt, context)) : []),
    ...(session.verification ? verificationFields(session.verification, context) : []),
    ...(pending ? pendingFields(session, link, context) : []),
  ];

  const actions: Action[] = [];
  if (toCustomer) actions.push({ label: t.kycSession.openCustomer, role: 'open', command: toCustomer });
  if (toInvoice) actions.push({ label: t.kycSession.invoiceSessions, role: 'open', command: toInvoice });
  if (link) actions.push({ label: t.kycSession.openVerification, role: 'open', url: link });
  actions.push(...dashboardActions('loveandpay', session.id, context));

  const reply: Reply = {
    kind: 'ok',
    title: t.kycSession.title(shortId(session.id)),
    badge,
    fields,
    notes: notes(badge.outcome, t.kycSession),
    actions,
    footer: [t.common.timesIn(format.timeZone)],
  };
  return reply;
};

function verificationFields(v: Verification, context: HandlerContext): Field[] {
  const { t, format, mask } = context;
  const name = verifiedName(v);
  const documentType = v.documentType && (own(t.kycSession.documentTypes, v.documentType) ?? v.documentType);
  const document = [documentType, v.documentCountry].filter(Boolean).join(' · ');
  const percent = (score: number | null) => (score === null ? null : format.percent(score));
  return [
    ...field(t.kycSession.name, name && mask.name(name)),
    ...field(t.kycSession.dateOfBirth, v.dateOfBirth && mask.dateOfBirth(v.dateOfBirth)),
    ...field(t.kycSession.document, document),
    ...field(t.kycSession.documentNumber, v.documentNumber && mask.documentNumber(v.documentNumber)),
    ...field(t.kycSession.documentIssued, v.documentIssuedAt && format.day(v.documentIssuedAt)),
    ...field(t.kycSession.documentExpires, v.documentExpiresAt && format.day(v.documentExpiresAt)),
    ...field(t.kycSession.faceMatch, percent(v.faceMatchScore)),
    ...field(t.kycSession.liveness, percent(v.livenessScore)),
    ...field(t.kycSession.verifiedAt, shownTime(v.verifiedAt, context)),
  ];
}

function pendingFields(session: KycSession, link: string | null, context: HandlerContext): Field[] {
  const { t } = context;
  return [
    ...field(t.kycSession.verificationUrl, link, { link: link ? { url: link } : undefined }),
    ...field(t.kycSession.expiresAt, shownTime(session.expiresAt, context)),
  ];
}

function notes(outcome: string, strings: HandlerContext['t']['kycSession']): Note[] {
  if (outcome === 'PENDING') return [{ tone: 'info', text: strings.noVerificationYet }];
  if (outcome === 'EXPIRED') return [{ tone: 'warning', text: strings.expired }];
  if (outcome === 'DECLINED') return [{ tone: 'warning', text: strings.declined }];
  return [];
}
