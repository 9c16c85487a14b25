/**
 * How a request reaches its handler: what every handler receives besides its
 * request (who asked, the provider clients, the presentation helpers already
 * set up for the caller's locale, time zone and role), and the map from
 * (command, action) to handler, the one place that decides who answers a
 * request. The lookups are registered by run-command.ts; the alerts area
 * registers 'kyc:subscribe', 'kyc:unsubscribe', 'kyc:subscriptions',
 * 'kyc:audit' and 'check:watch' through createRunCommand's `handlers` option.
 */
import type { Caller } from '../domain/chat.js';
import type { ProviderName } from '../domain/outcome.js';
import type { Reply } from '../domain/reply.js';
import type { ObjectMemo } from './object-memo.js';
import type { VerificationRecord } from '../domain/verification.js';
import type { DashboardSettings } from '../present/dashboard-links.js';
import type { Formatter } from '../present/format.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import type { Masker } from '../present/mask.js';
import type { Providers } from '../providers/index.js';
import type { Store } from '../store/types.js';
import type { CommandRequest } from './request.js';

/** Which Love&Pay customer field another provider's reference holds (STRIPE_CLIENT_REFERENCE, BANK131_PARTICIPANT_REFERENCE). */
export type CustomerField = 'customer_id' | 'email' | 'phone';

export interface CommandSettings {
  /** IANA zone for every time shown (TZ_DISPLAY). */
  timeZone: string;
  /** True when the providers are the built-in emulators. */
  sandbox: boolean;
  /** Links into the providers' dashboards; none when absent. */
  dashboards?: DashboardSettings;
  /** What Stripe's client_reference_id and Bank 131's participant.reference hold; customer_id for each when absent. */
  references?: Partial<Record<'stripe' | 'bank131', CustomerField>>;
}

/** The store's index of verifications, as commands read it (DESIGN.md, "One customer across providers"). */
export type VerificationIndex = Pick<Store, 'verificationsOf' | 'getVerifications' | 'findIdsByPrefix'>;

export interface HandlerContext {
  caller: Caller;
  providers: Providers;
  settings: CommandSettings;
  now: () => Date;
  /** The caller's locale's strings. */
  t: CommandStrings;
  format: Formatter;
  /** Masks personal data unless the caller is an admin; one per reply. */
  mask: Masker;
  /** The index of verifications; absent without a store (no short ids, no indexed sessions on cards). */
  index?: VerificationIndex;
  /**
   * Adds what a lookup saw to the index; true once the index has it. Never
   * throws: a failed write is logged (false) and the answer goes on.
   */
  remember(records: VerificationRecord[]): Promise<boolean>;
  /** What was worked out about a provider object the answer cache handed out, kept with it (object-memo.ts). */
  memo: ObjectMemo;
}

export type Handler<R> = (request: R, context: HandlerContext) => Promise<Reply>;

/** The request variant with this command and action. */
export type RequestFor<C extends string, A extends string> = CommandRequest extends infer R
  ? R extends { command: infer RC; action: infer RA }
    ? C extends RC
      ? A extends RA
        ? R
        : never
      : never
    : never
  : never;

export type HelpRequest = Extract<CommandRequest, { action: 'help' }>;
export type KycListRequest = RequestFor<'kyc', 'list'>;
export type KycSessionRequest = RequestFor<'kyc', 'session'>;
export type StripeListRequest = RequestFor<'kyc', 'stripe-list'>;
export type StripeSessionRequest = RequestFor<'kyc', 'stripe-session'>;
export type SubscribeRequest = RequestFor<'kyc', 'subscribe'>;
export type SubscriptionsRequest = RequestFor<'kyc', 'subscriptions'>;
export type AuditRequest = RequestFor<'kyc', 'audit'>;
export type QueueRequest = RequestFor<'kyc', 'queue'>;
export type ReviewRequest = RequestFor<'kyc', 'take' | 'resolve' | 'reopen'>;
export type StatsRequest = RequestFor<'kyc', 'stats'>;
export type SummaryRequest = RequestFor<'kyc', 'summary'>;
export type CustomerSearchRequest = RequestFor<'customer', 'search'>;
export type CustomerCheckRequest = RequestFor<'customer', 'check'>;
export type CustomerDetailRequest = RequestFor<'customer', 'detail'>;
export type ReceiptRequest = RequestFor<'receipt', 'detail'>;
export type CheckRequest = RequestFor<'check', 'detail'>;

export interface Handlers {
  help: Handler<HelpRequest>;
  'kyc:list': Handler<KycListRequest>;
  'kyc:session': Handler<KycSessionRequest>;
  'kyc:stripe-list': Handler<StripeListRequest>;
  'kyc:stripe-session': Handler<StripeSessionRequest>;
  'kyc:subscribe': Handler<SubscribeRequest>;
  'kyc:unsubscribe': Handler<SubscribeRequest>;
  'kyc:subscriptions': Handler<SubscriptionsRequest>;
  'kyc:audit': Handler<AuditRequest>;
  'customer:search': Handler<CustomerSearchRequest>;
  'customer:check': Handler<CustomerCheckRequest>;
  'customer:detail': Handler<CustomerDetailRequest>;
  'receipt:detail': Handler<ReceiptRequest>;
  /** `/check <id>` */
  'check:detail': Handler<CheckRequest>;
  /** `/check <id> watch` */
  'check:watch': Handler<CheckRequest>;
  /** `/kyc queue [mine]` and the review actions on DECLINED cards (commands/review.ts). */
  'kyc:queue': Handler<QueueRequest>;
  'kyc:take': Handler<ReviewRequest>;
  'kyc:resolve': Handler<ReviewRequest>;
  'kyc:reopen': Handler<ReviewRequest>;
  /** `/kyc stats` and `/kyc summary` (commands/stats.ts): they read the store's index. */
  'kyc:stats': Handler<StatsRequest>;
  'kyc:summary': Handler<SummaryRequest>;
}

export type HandlerKey = keyof Handlers;

/** What the alerts area answers (subscriptions, the audit log, watching a check): it needs the store. */
export type AlertAreaKey = 'kyc:subscribe' | 'kyc:unsubscribe' | 'kyc:subscriptions' | 'kyc:audit' | 'check:watch' | ReviewAreaKey | StatsAreaKey;

/** The review queue: it needs the store too. */
export type ReviewAreaKey = 'kyc:queue' | 'kyc:take' | 'kyc:resolve' | 'kyc:reopen';

/** Stats and the daily summary: they need the store too. */
export type StatsAreaKey = 'kyc:stats' | 'kyc:summary';

function handlerKey(request: CommandRequest): HandlerKey {
  if (request.action === 'help') return 'help';
  if (request.command === 'check') return request.watch ? 'check:watch' : 'check:detail';
  return `${request.command}:${request.action}` as HandlerKey;
}

/**
 * Calls the handler registered for the request's key; the key and the request
 * variant always agree. A key nobody registered is a wiring fault (the app
 * registers every one): it throws, and RunCommand answers it as unexpected.
 */
export function dispatch(handlers: Partial<Handlers>, request: CommandRequest, context: HandlerContext): Promise<Reply> {
  const key = handlerKey(request);
  const handler = handlers[key] as Handler<CommandRequest> | undefined;
  if (!handler) throw new Error(`no handler registered for ${key}`);
  return handler(request, context);
}

// --- provider clients -----------------------------------------------------
// A provider without credentials is absent from Providers (providers/index.ts).
// Handlers ask for the client they need; when it is missing the reply names
// the variables to set instead of failing somewhere deeper.

/** Variables that configure each provider (DESIGN.md, "Configuration"). */
export const PROVIDER_VARIABLES: Record<ProviderName, readonly string[]> = {
  loveandpay: ['LOVEANDPAY_API_KEY', 'LOVEANDPAY_SECRET_KEY'],
  stripe: ['STRIPE_SECRET_KEY'],
  bank131: ['BANK131_PROJECT'],
};

export class MissingProviderError extends Error {
  constructor(readonly provider: ProviderName) {
    super(`${provider} is not configured`);
    this.name = 'MissingProviderError';
  }
}

type Clients = Required<Omit<Providers, 'close'>>;

export function needProvider<P extends ProviderName>(providers: Providers, provider: P): Clients[P] {
  const client = providers[provider];
  if (!client) throw new MissingProviderError(provider);
  return client as Clients[P];
}
