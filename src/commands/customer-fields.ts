/**
 * How a Love&Pay customer reads in any reply: KYC status as an outcome badge,
 * the trust level explained (loveandpay-get-customers, "Уровни доверия"),
 * payments in rubles, and contact details masked for non-admins. Works for
 * every shape the provider sends a customer in: a list item, the detail, or
 * the five fields of the customer check; a field the answer lacks is left out.
 */
import type { Status } from '../domain/outcome.js';
import type { Field, Reply } from '../domain/reply.js';
import type { HandlerContext } from './handlers.js';
import { field, shortId, shownTime } from './present.js';
import { own } from '../domain/own.js';

/** Whatever the answer held (a list item, the detail, or the check's five fields): only the id is certain. */
export interface CustomerLike {
  id: string;
  fullName?: string | null;
  email?: string | null;
  phone?: string | null;
  kycStatus?: string | null;
  trustLevel?: string | null;
  totalPayments?: number | null;
  totalAmount?: number | null;
  lastPaymentAt?: string | null;
  isBlocked?: boolean | null;
  createdAt?: string | null;
}

const KYC_OUTCOME: Record<string, Status['outcome']> = {
  VERIFIED: 'APPROVED',
  REJECTED: 'DECLINED',
  PENDING: 'PENDING',
};

/** Customer kycStatus (PENDING | VERIFIED | REJECTED) in the shared outcome vocabulary. */
export function customerKycOutcome(kycStatus: string | null | undefined): Status {
  if (!kycStatus) return { outcome: 'UNKNOWN', native: '' };
  return { outcome: own(KYC_OUTCOME, kycStatus) ?? 'UNKNOWN', native: kycStatus };
}

export function customerName(customer: CustomerLike, { mask }: HandlerContext): string {
  return customer.fullName ? mask.name(customer.fullName) : shortId(customer.id);
}

function trustLevelText(level: string, { t }: HandlerContext): string {
  return own(t.customer.trustLevels, level) ?? level;
}

/** In words when known ("verified"); the badge beside the title already shows Love&Pay's own VERIFIED. */
function kycText(status: string, { t }: HandlerContext): string {
  return own(t.customer.kycStatuses, status) ?? status;
}

/** Count and total together when both are known: "5 payments, 15 000 ₽". */
function paymentsText(customer: CustomerLike, { t, format }: HandlerContext): string | null {
  const count = customer.totalPayments;
  const total = customer.totalAmount;
  const counted = count == null ? null : format.count(count, t.customer.paymentForms);
  const summed = total == null ? null : format.rubles(total);
  return [counted, summed].filter(Boolean).join(', ') || null;
}

/** One line for lists: contacts, KYC, trust level, payments, blocked. */
export function customerSummary(customer: CustomerLike, context: HandlerContext): string {
  const { t, mask } = context;
  return [
    customer.email && mask.email(customer.email),
    customer.phone && mask.phone(customer.phone),
    customer.kycStatus && `${t.customer.kycStatus} ${own(t.customer.kycStatuses, customer.kycStatus) ?? customer.kycStatus}`,
    customer.trustLevel,
    paymentsText(customer, context),
    customer.isBlocked ? t.customer.blocked : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function customerFields(customer: CustomerLike, context: HandlerContext): Field[] {
  const { t, format, mask } = context;
  const yesNo = (value: boolean | null | undefined) => (value == null ? null : value ? t.common.yes : t.common.no);
  return [
    { label: t.common.id, value: customer.id, mono: true },
    ...field(t.customer.name, customer.fullName && mask.name(customer.fullName)),
    ...field(t.common.phone, customer.phone && mask.phone(customer.phone)),
    ...field(t.common.email, customer.email && mask.email(customer.email)),
    ...field(t.customer.kycStatus, customer.kycStatus && kycText(customer.kycStatus, context)),
    ...field(t.customer.trustLevel, customer.trustLevel && trustLevelText(customer.trustLevel, context)),
    ...field(t.customer.payments, customer.totalPayments == null ? null : format.number(customer.totalPayments)),
    ...field(t.customer.totalAmount, customer.totalAmount == null ? null : format.rubles(customer.totalAmount)),
    ...field(t.customer.lastPayment, shownTime(customer.lastPaymentAt, context)),
    ...field(t.customer.blocked, yesNo(customer.isBlocked)),
    ...field(t.common.created, shownTime(customer.createdAt, context)),
  ];
}

/** One customer's card: name, KYC badge, the customer's fields and then `more` (what this answer adds). */
export function customerCard(customer: CustomerLike, context: HandlerContext, more: Field[]): Reply {
  return {
    kind: 'ok',
    title: context.t.customer.title(customerName(customer, context)),
    badge: customerKycOutcome(customer.kycStatus),
    fields: [...customerFields(customer, context), ...more],
  };
}
