/**
 * Response shapes of Love&Pay API v2, as documented (shared/provider-docs/
 * loveandpay-*.txt and DESIGN.md, "Love&Pay API v2"; the examples are the
 * fixtures in test/fixtures/providers/loveandpay/).
 *
 * Tolerant by rule: an answer is refused only when an id or a status is
 * missing, because nothing can be shown or linked without them. Every other
 * field may be null or absent and the reply leaves it out; fields the docs do
 * not name are ignored; statuses are open strings so a new one is shown, not
 * rejected.
 */
import { z } from 'zod';

const optionalString = z.string().nullish().transform((v) => v ?? null);
const optionalNumber = z.number().nullish().transform((v) => v ?? null);
const optionalBoolean = z.boolean().nullish().transform((v) => v ?? null);

const paginationSchema = z.looseObject({
  total: z.number().int().nonnegative(),
  limit: z.number().int().nullish(),
  offset: z.number().int().nullish(),
  pages: z.number().int().nullish(),
});
export type Pagination = z.infer<typeof paginationSchema>;

/** `verification` of a session: the list shows nine fields, the detail four more (DESIGN.md). */
const verificationSchema = z.looseObject({
  firstName: optionalString,
  lastName: optionalString,
  middleName: optionalString,
  fullName: optionalString,
  dateOfBirth: optionalString,
  documentType: optionalString,
  documentCountry: optionalString,
  documentNumber: optionalString,
  documentIssuedAt: optionalString,
  documentExpiresAt: optionalString,
  faceMatchScore: optionalNumber,
  livenessScore: optionalNumber,
  verifiedAt: optionalString,
});
export type Verification = z.infer<typeof verificationSchema>;

/** The name Love&Pay verified: fullName, else the parts it gave; null before a verification. */
export function verifiedName(verification: Verification | null | undefined): string | null {
  if (!verification) return null;
  const parts = [verification.firstName, verification.middleName, verification.lastName];
  const name = verification.fullName ?? parts.filter(Boolean).join(' ');
  return name.trim() || null;
}

export const kycSessionSchema = z.looseObject({
  id: z.string(),
  /** The provider's own verification id ("verification-550e8400"), quoted by its support. */
  sessionId: optionalString,
  invoiceId: optionalString,
  /** The merchant's own customer id ("your-id-123"): a Love&Pay UUID only when the merchant uses those. */
  customerId: optionalString,
  customerEmail: optionalString,
  customerPhone: optionalString,
  status: z.string(),
  verification: verificationSchema.nullish().transform((v) => v ?? null),
  verificationUrl: optionalString,
  expiresAt: optionalString,
  createdAt: optionalString,
});
export type KycSession = z.infer<typeof kycSessionSchema>;

/** A customer as GET /customers lists it (loveandpay-get-customers). */
export const customerSchema = z.looseObject({
  id: z.string(),
  fullName: optionalString,
  email: optionalString,
  phone: optionalString,
  kycStatus: optionalString,
  trustLevel: optionalString,
  totalPayments: optionalNumber,
  totalAmount: optionalNumber,
  lastPaymentAt: optionalString,
  isBlocked: optionalBoolean,
  createdAt: optionalString,
});
export type Customer = z.infer<typeof customerSchema>;

/** One of a customer's recentPayments: `{id, invoiceNumber, amount, status, paidAt}` (DESIGN.md). */
const paymentSchema = z.looseObject({
  id: z.string(),
  invoiceNumber: optionalString,
  amount: optionalNumber,
  status: optionalString,
  paidAt: optionalString,
});
export type Payment = z.infer<typeof paymentSchema>;

export const customerDetailSchema = customerSchema.extend({
  kycVerifiedAt: optionalString,
  averageAmount: optionalNumber,
  recentPayments: z.array(paymentSchema).nullish().transform((v) => v ?? []),
});
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

/** GET /customers/check names only these five fields of the customer it found (DESIGN.md). */
const customerMatchSchema = z.looseObject({
  id: z.string(),
  fullName: optionalString,
  kycStatus: optionalString,
  trustLevel: optionalString,
  totalPayments: optionalNumber,
});

export const customerCheckSchema = z.looseObject({
  success: z.literal(true),
  exists: z.boolean(),
  kycVerified: optionalBoolean,
  customer: customerMatchSchema.nullish().transform((v) => v ?? null),
});
export type CustomerCheck = z.infer<typeof customerCheckSchema>;

export const receiptSchema = z.looseObject({
  id: z.string(),
  invoiceId: optionalString,
  imageUrl: optionalString,
  /** Only APPROVED is documented; any other value is shown as it came. */
  status: z.string(),
  verifiedAmount: optionalNumber,
  verificationDetails: z
    .looseObject({
      extractedAmount: optionalNumber,
      extractedDate: optionalString,
      confidence: optionalNumber,
      bank: optionalString,
      paymentType: optionalString,
      rejectionReason: optionalString,
    })
    .nullish()
    .transform((v) => v ?? null),
  verifiedAt: optionalString,
  createdAt: optionalString,
});
export type Receipt = z.infer<typeof receiptSchema>;

/** `{id, invoiceNumber, amount, currency, status, ...}`: only the five named fields are read. */
export const invoiceSchema = z.looseObject({
  id: z.string(),
  invoiceNumber: optionalString,
  amount: optionalNumber,
  currency: optionalString,
  status: optionalString,
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const listOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({ success: z.literal(true), data: z.array(item), pagination: paginationSchema });

/**
 * Both documented error shapes: nested `{success:false, error:{code,message,requestId}}`
 * and flat `{error, message?, hint?, code?}`, of which live's 404 `{"error":"Not found"}`
 * is the smallest.
 */
export function readLoveAndPayError(body: unknown): { code?: string; message?: string; requestId?: string } {
  if (!body || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const nested = record.error;
  if (nested && typeof nested === 'object') {
    const error = nested as Record<string, unknown>;
    return {
      code: stringOr(error.code),
      message: stringOr(error.message),
      requestId: stringOr(error.requestId) ?? stringOr(record.requestId),
    };
  }
  const flatCode = stringOr(record.code) ?? (isCodeLike(record.error) ? (record.error as string) : undefined);
  const message = [stringOr(record.message) ?? stringOr(record.error), stringOr(record.hint)]
    .filter(Boolean)
    .join('. ');
  return { code: flatCode, message: message || undefined, requestId: stringOr(record.requestId) };
}

const stringOr = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const isCodeLike = (value: unknown): boolean => typeof value === 'string' && /^[A-Z][A-Z0-9_]+$/.test(value);
