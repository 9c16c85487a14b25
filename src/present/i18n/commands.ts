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
import type { PluralForms } from '../format.js';
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
    /** A row's time once the verdict is known: "decided 23 Jan 2024, 15:00 (3 hr ago)". */
    decided: (when: string) => string;
    /** A row's time before the verdict: "started …". */
    started: (when: string) => string;
    /** The card field for the verdict's time. */
    decidedAt: string;
    /** A link into a provider's dashboard: "Stripe dashboard". */
    dashboard: (provider: string) => string;
    /** A window's start: "since 22 Feb 2025, 00:00". */
    since: (when: string) => string;
    /** A page past the end of a list. */
    pageMissing: (page: number, pages: number) => string;
  };
  kycList: {
    title: string;
    titleStatus: (status: string) => string;
    titleInvoice: (id: string) => string;
    /** The counts' label, with the window they cover. */
    byStatus: (window: string) => string;
    statuses: Record<string, string>;
    /** "128 sessions in all" / "12 sessions since …". */
    total: (count: string, window: string) => string;
    /** What counts cover without `since:`. */
    allTime: string;
    sessionForms: PluralForms;
    empty: string;
    /** An invoice that exists and has no sessions (an unknown one is "not found"). */
    emptyInvoice: string;
    /** A windowed list that read as far as it may and not to the window's start. */
    scanCut: (count: string) => string;
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
    sessionForms: PluralForms;
    /** The window a `since:` list covers (by Stripe's creation time). */
    window: (window: string) => string;
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
    paymentForms: PluralForms;
    customerForms: PluralForms;
    total: (count: string, window: string) => string;
    scanCut: (count: string) => string;
    empty: string;
    /** The card's verification rows, by provider: "Love&Pay session 1a2b3c4d". */
    verificationTitle: Record<ProviderName, (id: string) => string>;
    noVerifications: string;
    /** Without a store, the card has no indexed sessions or checks. */
    noIndex: string;
    /** Bank 131 has no list API: the card knows only checks looked up or watched here. */
    bank131Known: string;
    /** A provider could not be asked for its part of the card. */
    providerFailed: (why: string) => string;
    firstSeen: (when: string) => string;
    overdue: string;
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
    /** When the bot first saw the check: Bank 131 answers carry no dates. */
    firstSeen: string;
    /** Pending past the bank's 2 days. */
    overdue: string;
    /** The bank's documented description texts, in the reader's language; others are shown as they came. */
    descriptions: Record<string, string>;
  };
  shortId: {
    noIndex: (id: string) => string;
    unknown: (id: string) => string;
    wholeId: string;
    maybeCheck: (line: string) => string;
    several: (id: string) => string;
    pick: string;
    typeMore: string;
    kinds: Record<'session' | 'customer', string>;
    /** A short id given to one command that is the other kind's. */
    otherKind: Record<'session' | 'customer', (id: string) => string>;
  };
  /** An id given to a command that found it to be another kind of object. */
  locate: Record<'session' | 'customer' | 'receipt' | 'invoice', (id: string) => string>;
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
    didYouMean: (line: string) => string;
    seeHelp: (line: string) => string;
    seeCommands: (commands: string) => string;
    helpButton: string;
    /** The button that runs the corrected line. */
    runSuggestion: string;
    /** Above the answer of the command an id fits: "34 is a Bank 131 check id: this is /check 34." */
    redirected: (token: string, line: string) => string;
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
    /** Where the console wrote a file an answer carried. */
    fileSaved: (path: string) => string;
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
