/**
 * Response shapes of Love&Pay API v2 (shared/provider-docs/loveandpay-*.txt).
 * Extra fields pass through; statuses are open strings so a new status the
 * docs do not list yet is shown, not rejected.
 */
import { z } from 'zod';

const nullableString = z.string().nullish().transform((v) => v ?? null);
const nullableNumber = z.number().nullish().transform((v) => v ?? null);

export const paginationSchema = z.looseObject({
  total: z.number().int().nonnegative(),
  limit: z.number().int(),
  offset: z.number().int(),
  pages: z.number().int().optional(),
});
export type Pagination = z.infer<typeof paginationSchema>;

export const verificationSchema = z.looseObject({
  firstName: nullableString,
  lastName: nullableString,
  middleName: nullableString,
  fullName: nullableString,
  dateOfBirth: nullableString,
  documentType: nullableString,
  documentCountry: nullableString,
  documentNumber: nullableString,
  documentIssuedAt: nullableString,
  documentExpiresAt: nullableString,
  faceMatchScore: nullableNumber,
  livenessScore: nullableNumber,
  verifiedAt: nullableString,
});
export type Verification = z.infer<typeof verificationSchema>;

export const kycSessionSchema = z.looseObject({
  id: z.string(),
  sessionId: nullableString,
  invoiceId: nullableString,
  customerId: nullableString,
  customerEmail: nullableString,
  customerPhone: nullableString,
  status: z.string(),
  verification: verificationSchema.nullish().transform((v) => v ?? null),
  verificationUrl: nullableString,
  expiresAt: nullableString,
  createdAt: z.string(),
});
export type KycSession = z.infer<typeof kycSessionSchema>;

export const customerSchema = z.looseObject({
  id: z.string(),
  fullName: nullableString,
  email: nullableString,
  phone: nullableString,
  kycStatus: z.string(),
  trustLevel: z.string(),
  totalPayments: z.number(),
  totalAmount: z.number(),
  lastPaymentAt: nullableString,
  isBlocked: z.boolean(),
  createdAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;

export const paymentSchema = z.looseObject({
  id: z.string(),
  amount: z.number(),
  status: z.string(),
  invoiceId: nullableString,
  createdAt: z.string(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const customerDetailSchema = customerSchema.extend({
  kycVerifiedAt: nullableString,
  averageAmount: nullableNumber,
  recentPayments: z.array(paymentSchema).nullish().transform((v) => v ?? []),
});
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

export const receiptSchema = z.looseObject({
  id: z.string(),
  invoiceId: nullableString,
  imageUrl: nullableString,
  status: z.string(),
  verifiedAmount: nullableNumber,
  verificationDetails: z
    .looseObject({
      extractedAmount: nullableNumber,
      extractedDate: nullableString,
      confidence: nullableNumber,
      bank: nullableString,
      paymentType: nullableString,
      rejectionReason: nullableString,
    })
    .nullish()
    .transform((v) => v ?? null),
  verifiedAt: nullableString,
  createdAt: z.string(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const invoiceSchema = z.looseObject({
  id: z.string(),
  invoiceNumber: nullableString,
  amount: z.number(),
  currency: z.string(),
  status: z.string(),
  customerId: nullableString,
  createdAt: nullableString,
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const listOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({ success: z.literal(true), data: z.array(item), pagination: paginationSchema });

export const customerCheckSchema = z.looseObject({
  success: z.literal(true),
  exists: z.boolean(),
  kycVerified: z.boolean().nullish().transform((v) => v ?? false),
  customer: customerSchema.nullish().transform((v) => v ?? null),
});
export type CustomerCheck = z.infer<typeof customerCheckSchema>;

/** Both documented error shapes: nested `{success:false, error:{code,message,requestId}}` and flat `{error, message, hint, code}`. */
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
