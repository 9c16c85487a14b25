/**
 * How a Love&Pay customer reads in any reply: KYC status as an outcome badge,
 * the trust level explained (loveandpay-get-customers, "Уровни доверия"),
 * payments in rubles, and contact details masked for non-admins.
 */
import type { Status } from '../domain/outcome.js';
import type { Field } from '../domain/reply.js';
import type { Customer } from '../providers/loveandpay/schemas.js';
import type { HandlerContext } from './context.js';
import { field, shortId } from './present.js';
import { own } from '../domain/own.js';

const KYC_OUTCOME: Record<string, Status['outcome']> = {
  VERIFIED: 'APPROVED',
  REJECTED: 'DECLINED',
  PENDING: 'PENDING',
};

/** Customer kycStatus (PENDING | VERIFIED | REJECTED) in the shared outcome vocabulary. */
export function customerKycOutcome(kycStatus: string): Status {
  return { outcome: own(KYC_OUTCOME, kycStatus) ?? 'UNKNOWN', native: kycStatus };
}

export function customerName(customer: Customer, { mask }: HandlerContext): string {
  return customer.fullName ? mask.name(customer.fullName) : shortId(customer.id);
}

export function trustLevelText(level: string, { t }: HandlerContext): string {
  return own(t.customer.trustLevels, level) ?? level;
}

/** One line for lists: contacts, KYC, trust level, payments, blocked. */
export function customerSummary(customer: Customer, context: HandlerContext): string {
  const { t, format, mask } = context;
  return [
    customer.email && mask.email(customer.email),
    customer.phone && mask.phone(customer.phone),
    `${t.customer.kycStatus} ${own(t.customer.kycStatuses, customer.kycStatus) ?? customer.kycStatus}`,
    customer.trustLevel,
    `${t.customer.paymentsCount(customer.totalPayments, format.number(customer.totalPayments))}, ${format.rubles(customer.totalAmount)}`,
    customer.isBlocked ? t.customer.blocked : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function customerFields(customer: Customer, context: HandlerContext): Field[] {
  const { t, format, mask } = context;
  return [
    { label: t.common.id, value: customer.id, mono: true },
    ...field(t.customer.name, customer.fullName && mask.name(customer.fullName)),
    ...field(t.common.phone, customer.phone && mask.phone(customer.phone)),
    ...field(t.common.email, customer.email && mask.email(customer.email)),
    {
      label: t.customer.kycStatus,
      value: `${own(t.customer.kycStatuses, customer.kycStatus) ?? customer.kycStatus} (${customer.kycStatus})`,
    },
    { label: t.customer.trustLevel, value: trustLevelText(customer.trustLevel, context) },
    { label: t.customer.payments, value: format.number(customer.totalPayments) },
    { label: t.customer.totalAmount, value: format.rubles(customer.totalAmount) },
    ...field(t.customer.lastPayment, customer.lastPaymentAt && format.dateTime(customer.lastPaymentAt)),
    { label: t.customer.blocked, value: customer.isBlocked ? t.common.yes : t.common.no },
    { label: t.common.created, value: format.dateTime(customer.createdAt) },
  ];
}
