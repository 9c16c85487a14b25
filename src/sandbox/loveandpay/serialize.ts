/**
 * Stored records -> the fields Love&Pay documents for each endpoint. Lists
 * carry fewer fields than detail answers, as the provider's do.
 */
import type {
  KycSessionLike,
  SandboxCustomer,
  SandboxPayment,
  SandboxInvoice,
  SandboxReceipt,
} from '../types.js';

/** How many payments GET /customers/{id} shows as recentPayments (sandbox choice). */
const RECENT_PAYMENTS = 5;

export function sessionInList(s: KycSessionLike) {
  const v = s.verification;
  return {
    id: s.id,
    sessionId: s.sessionId,
    invoiceId: s.invoiceId,
    customerId: s.customerId,
    customerEmail: s.customerEmail,
    customerPhone: s.customerPhone,
    status: s.status,
    verification: v && {
      firstName: v.firstName,
      lastName: v.lastName,
      fullName: v.fullName,
      dateOfBirth: v.dateOfBirth,
      documentType: v.documentType,
      documentCountry: v.documentCountry,
      faceMatchScore: v.faceMatchScore,
      livenessScore: v.livenessScore,
      verifiedAt: v.verifiedAt,
    },
    createdAt: s.createdAt,
  };
}

export function sessionDetail(s: KycSessionLike) {
  return {
    ...sessionInList(s),
    verificationUrl: s.verificationUrl,
    expiresAt: s.expiresAt,
    verification: s.verification && { ...s.verification },
  };
}

export function customerInList(c: SandboxCustomer) {
  return {
    id: c.id,
    fullName: c.fullName,
    email: c.email,
    phone: c.phone,
    kycStatus: c.kycStatus,
    trustLevel: c.trustLevel,
    totalPayments: c.totalPayments,
    totalAmount: c.totalAmount,
    lastPaymentAt: c.lastPaymentAt,
    isBlocked: c.isBlocked,
    createdAt: c.createdAt,
  };
}

export function customerDetail(c: SandboxCustomer) {
  return {
    ...customerInList(c),
    kycVerifiedAt: c.kycVerifiedAt,
    averageAmount: c.averageAmount,
    recentPayments: c.payments.slice(0, RECENT_PAYMENTS).map(paymentInDetail),
  };
}

/** Live recentPayments items: `{id, invoiceNumber, amount, status, paidAt}` (DESIGN.md), no invoice id. */
function paymentInDetail(p: SandboxPayment) {
  return { id: p.id, invoiceNumber: p.invoiceNumber, amount: p.amount, status: p.status, paidAt: p.paidAt };
}

/** GET /customers/check names five fields of the customer it found (DESIGN.md). */
export function customerMatch(c: SandboxCustomer) {
  return { id: c.id, fullName: c.fullName, kycStatus: c.kycStatus, trustLevel: c.trustLevel, totalPayments: c.totalPayments };
}

export function receiptDetail(r: SandboxReceipt) {
  return {
    ...r,
    verificationDetails: r.verificationDetails && { ...r.verificationDetails },
  };
}

/** `{id, invoiceNumber, amount, currency, status}`: the fields DESIGN.md names for GET /invoices/{id}. */
export function invoiceDetail(i: SandboxInvoice) {
  return { id: i.id, invoiceNumber: i.invoiceNumber, amount: i.amount, currency: i.currency, status: i.status };
}
