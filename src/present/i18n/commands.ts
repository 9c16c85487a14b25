/**
 * Every string the command handlers show, in English and Russian. Explanations
 * of provider codes cite where the meaning comes from:
 * - Stripe Identity last_error codes: Stripe API reference,
 *   VerificationSession.last_error.code (docs.stripe.com/api/identity/verification_sessions/object).
 * - Bank 131 error codes: shared/provider-docs/bank131-check-status.txt.
 * - Love&Pay trust levels: shared/provider-docs/loveandpay-get-customers.txt ("Уровни доверия").
 * - Love&Pay error codes: DESIGN.md, "Love&Pay API v2".
 */
import type { CommandName } from '../../domain/commands.js';
import type { ProviderName } from '../../domain/outcome.js';
import { EN_COMMAND_STRINGS } from './commands-en.js';
import { RU_COMMAND_STRINGS } from './commands-ru.js';
import type { Dictionary } from './pick.js';

export type NotFoundObject = 'session' | 'stripeSession' | 'customer' | 'receipt' | 'check' | 'invoice';

export interface CommandStrings {
  common: {
    id: string;
    status: string;
    created: string;
    customer: string;
    invoice: string;
    email: string;
    phone: string;
    yes: string;
    no: string;
    none: string;
    prev: string;
    next: string;
    page: (page: number, pages: number) => string;
    timesIn: (timeZone: string) => string;
    requestId: (id: string) => string;
    /** Under every answer in Slack or Telegram while the providers are the built-in emulators. */
    sandboxNotice: string;
    testMode: string;
    providers: Record<ProviderName, string>;
    /** A duration in seconds for sentences: 10 -> "10", 0.1 -> "0.1" (en) / "0,1" (ru). */
    seconds: (value: number) => string;
    /** "A and B", "A, B and C". */
    list: (items: readonly string[]) => string;
  };
  kycList: {
    title: string;
    titleStatus: (status: string) => string;
    titleInvoice: (id: string) => string;
    byStatus: string;
    statuses: Record<string, string>;
    total: (count: string) => string;
    empty: string;
    pageMissing: (page: number, pages: number) => string;
    countsMissing: string;
  };
  kycSession: {
    title: (shortId: string) => string;
    name: string;
    dateOfBirth: string;
    document: string;
    documentNumber: string;
    documentIssued: string;
    documentExpires: string;
    faceMatch: string;
    liveness: string;
    verifiedAt: string;
    verificationUrl: string;
    expiresAt: string;
    /** Love&Pay's own id of the verification ("verification-550e8400"). */
    sessionId: string;
    openCustomer: string;
    invoiceSessions: string;
    openVerification: string;
    noVerificationYet: string;
    expired: string;
    declined: string;
    documentTypes: Record<string, string>;
  };
  stripe: {
    listTitle: string;
    listTitleStatus: (status: string) => string;
    title: (id: string) => string;
    type: string;
    types: Record<string, string>;
    clientReference: string;
    lastError: string;
    stripeSays: (reason: string) => string;
    errors: Record<string, string>;
    unknownError: (code: string) => string;
    verificationUrl: string;
    /** verified_outputs and the last report's checks (Stripe API reference). */
    verifiedName: string;
    address: string;
    documentCheck: string;
    selfieCheck: string;
    checkStatuses: Record<string, string>;
    /** The `declined` filter in a list title. */
    declinedFilter: string;
    /** How many sessions a sifted list read to find its rows. */
    scanned: (count: string) => string;
    empty: string;
    waiting: string;
    processing: string;
    canceled: string;
  };
  customer: {
    searchTitle: string;
    searchTitleFor: (what: string) => string;
    title: (name: string) => string;
    checkTitle: (what: string) => string;
    name: string;
    kycStatus: string;
    kycStatuses: Record<string, string>;
    kycVerifiedAt: string;
    /** The customer check's kycVerified flag. */
    kycVerified: string;
    /** The phone or email the customer check was asked with, masked. */
    foundBy: string;
    invoiceNumber: (number: string) => string;
    paidAt: (when: string) => string;
    trustLevel: string;
    trustLevels: Record<string, string>;
    payments: string;
    totalAmount: string;
    averageAmount: string;
    lastPayment: string;
    blocked: string;
    blockedNote: string;
    recentPayments: string;
    noRecentPayments: string;
    paymentsCount: (count: number, formatted: string) => string;
    total: (count: string) => string;
    empty: string;
    notFoundBy: (what: string) => string;
    /** A viewer's search with digits or email punctuation. */
    searchRefused: string;
    /** Under a viewer's search: only name matches are shown. */
    namesOnly: string;
    open: string;
  };
  receipt: {
    title: (shortId: string) => string;
    verifiedAmount: string;
    extractedAmount: string;
    mismatch: (extracted: string, verified: string) => string;
    mismatchInvoice: (extracted: string, invoice: string) => string;
    invoiceAmount: string;
    invoiceNumber: string;
    invoiceStatus: string;
    invoiceMissing: string;
    extractedDate: string;
    bank: string;
    paymentType: string;
    confidence: string;
    rejectionReason: string;
    image: string;
    openImage: string;
    invoiceSessions: string;
    verifiedAt: string;
    lowConfidence: (percent: string) => string;
  };
  check: {
    title: (id: string) => string;
    description: string;
    participant: string;
    error: string;
    earlierCheck: string;
    openEarlier: string;
    codes: Record<string, string>;
    unknownCode: (code: string) => string;
    /** already_exists, followed: whose result this is. */
    sameDataAs: (earlierId: string) => string;
    earlierUnreadable: (earlierId: string, why: string) => string;
    earlierPointsFurther: (earlierId: string) => string;
    ok: string;
    pending: string;
    watchLater: string;
  };
  help: {
    title: (command: string) => string;
    overviewTitle: string;
    examples: string;
    grammar: Record<CommandName, Array<[syntax: string, meaning: string]>>;
    about: Record<CommandName, string>;
  };
  usage: {
    problems: Record<string, (token: string) => string>;
    fallback: (token: string) => string;
    fallbackNoToken: string;
  };
  unavailable: {
    missingProvider: (provider: string, variables: string) => string;
    /** Past LOOKUP_RATE_LIMIT lookups in a minute. */
    rateLimited: (seconds: string) => string;
    unexpected: string;
  };
  console: {
    mode: (sandbox: boolean) => string;
    providers: string;
    states: Record<'live' | 'sandbox' | 'off', string>;
    tryThese: string;
    more: string;
    failed: string;
  };
  errors: {
    notFound: Record<NotFoundObject, (id: string) => string>;
    timeout: (provider: string, seconds: string) => string;
    unreachable: (provider: string) => string;
    serverError: (provider: string, status: number) => string;
    notFoundGeneric: (provider: string) => string;
    rateLimited: (provider: string, seconds: string) => string;
    rateLimitedNoWait: (provider: string) => string;
    authKey: (provider: string, variables: string, code: string | undefined) => string;
    forbidden: (provider: string, code: string | undefined) => string;
    badRequest: (provider: string, code: string) => string;
    invalidResponse: (provider: string) => string;
    tooLarge: (provider: string) => string;
    codes: Record<string, (provider: string) => string>;
  };
}

export const COMMAND_STRINGS: Dictionary<CommandStrings> = { en: EN_COMMAND_STRINGS, ru: RU_COMMAND_STRINGS };
