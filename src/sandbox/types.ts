/**
 * The emulated data, in the providers' own shapes where they serve it. Tests
 * read these objects (through `sandbox.data`) to pick ids and expected values;
 * only the control API changes them.
 */
import type { ProviderName } from '../domain/outcome.js';

export type { ProviderName };

export const SESSION_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'APPROVED', 'DECLINED', 'EXPIRED'] as const;
export const KYC_STATUSES = ['PENDING', 'VERIFIED', 'REJECTED'] as const;
export const TRUST_LEVELS = ['NEW', 'LEVEL_1', 'LEVEL_2', 'LEVEL_3'] as const;
export const STRIPE_STATUSES = ['requires_input', 'processing', 'verified', 'canceled'] as const;
export const CHECK_STATUSES = ['ok', 'pending', 'error'] as const;

/** Love&Pay `verification` (filled only for APPROVED sessions). */
export interface SandboxVerification {
  firstName: string;
  lastName: string;
  middleName: string | null;
  fullName: string;
  dateOfBirth: string;
  documentType: string;
  documentCountry: string;
  /** Masked by the provider itself: `****1234`. */
  documentNumber: string;
  documentIssuedAt: string;
  documentExpiresAt: string;
  faceMatchScore: number;
  livenessScore: number;
  verifiedAt: string;
}

export interface KycSessionLike {
  id: string;
  sessionId: string;
  invoiceId: string | null;
  customerId: string;
  customerEmail: string;
  customerPhone: string;
  status: string;
  verification: SandboxVerification | null;
  verificationUrl: string;
  expiresAt: string;
  createdAt: string;
}

/** A payment as GET /customers/{id} lists it in recentPayments, plus the sandbox's own bookkeeping. */
export interface SandboxPayment {
  id: string;
  invoiceNumber: string;
  amount: number;
  status: string;
  /** Null for a payment that failed. */
  paidAt: string | null;
  /** Sandbox bookkeeping, not served: the invoice paid and when the attempt was made. */
  invoiceId: string;
  createdAt: string;
}

/** Facts about a person that the API never lists directly but sessions and documents are made from. */
export interface SandboxPerson {
  firstName: string;
  middleName: string | null;
  lastName: string;
  dateOfBirth: string;
  /** Last four digits of the identity document. */
  documentLast4: string;
  documentIssuedAt: string;
  documentExpiresAt: string;
}

export interface SandboxCustomer {
  id: string;
  fullName: string;
  email: string;
  phone: string;
  kycStatus: string;
  trustLevel: string;
  totalPayments: number;
  totalAmount: number;
  lastPaymentAt: string | null;
  isBlocked: boolean;
  createdAt: string;
  kycVerifiedAt: string | null;
  averageAmount: number | null;
  /** Every payment, newest first (the API shows the first few as recentPayments). */
  payments: SandboxPayment[];
  person: SandboxPerson;
}

/** An invoice; GET /invoices/{id} serves the first five fields, the rest is sandbox bookkeeping. */
export interface SandboxInvoice {
  id: string;
  invoiceNumber: string;
  amount: number;
  currency: string;
  status: string;
  customerId: string;
  description: string;
  paidAt: string | null;
  expiresAt: string;
  createdAt: string;
}

export interface SandboxReceipt {
  id: string;
  invoiceId: string;
  imageUrl: string;
  status: string;
  verifiedAmount: number | null;
  verificationDetails: {
    extractedAmount: number | null;
    extractedDate: string | null;
    confidence: number;
    bank: string | null;
    paymentType: string | null;
    rejectionReason?: string;
  } | null;
  verifiedAt: string | null;
  createdAt: string;
}

/** A Stripe Identity VerificationSession, as Stripe serves it (expandable fields included). */
export interface StripeSessionLike {
  id: string;
  object: 'identity.verification_session';
  client_secret: string | null;
  client_reference_id: string | null;
  created: number;
  last_error: { code: string; reason: string } | null;
  last_verification_report: string | null;
  livemode: boolean;
  metadata: Record<string, string>;
  options: Record<string, unknown>;
  redaction: null;
  status: string;
  type: string;
  url: string | null;
  /** Expandable (`expand[]=verified_outputs`); null until verified. */
  verified_outputs: Record<string, unknown> | null;
  /** Expandable (`expand[]=provided_details`). */
  provided_details: { email?: string; phone?: string } | null;
}

export interface StripeEventLike {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: StripeSessionLike };
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface Bank131Check {
  /** Numeric string, as the bank sends it. */
  id: string;
  status: string;
  description: string;
  participantReference: string | null;
  errorCode: string | null;
  errorDescription: string | null;
  /** For already_exists: the earlier check with the same data. */
  earlierCheckId: string | null;
  /** The Love&Pay customer the check was made for (sandbox bookkeeping, not served). */
  customerId: string;
  createdAt: string;
}

/** Live view of everything the emulators serve; every list is newest first. */
export interface SandboxData {
  customers: SandboxCustomer[];
  sessions: KycSessionLike[];
  invoices: SandboxInvoice[];
  receipts: SandboxReceipt[];
  stripeSessions: StripeSessionLike[];
  stripeEvents: StripeEventLike[];
  checks: Bank131Check[];
}

/** One status change made by the control API or the demo clock. */
export interface Transition {
  provider: ProviderName;
  id: string;
  from: string;
  to: string;
  errorCode?: string;
}
