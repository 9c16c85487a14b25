/**
 * What a command line asks for, after parsing. The parser (parse.ts) turns
 * text into one of these or a usage problem; handlers take these and never
 * see raw text, so nothing a user typed reaches a provider unchecked.
 */
import type { CommandName } from '../domain/commands.js';
import type { AlertOutcome, ProviderName } from '../domain/outcome.js';
import type { StatsPeriod } from '../stats/window.js';
import type { ResolveReason } from '../store/card-types.js';
import type { QuietWindow } from './parse-quiet.js';

/** Love&Pay session statuses as the API spells them. */
export type LoveAndPayStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'APPROVED' | 'DECLINED' | 'EXPIRED';
/**
 * Where a time window starts, as typed and printed back: `today`,
 * `yesterday`, `7d` (N days, 1-366) or a date `2025-02-24`; made an instant
 * in the display time zone by commands/time-window.ts.
 */
export type Since = string;
/** Stripe verification session statuses. */
export type StripeStatus = 'requires_input' | 'processing' | 'verified' | 'canceled';
/** What a Stripe list filters on: a status, or `declined` (requires_input with last_error, or canceled). */
export type StripeListStatus = StripeStatus | 'declined';

export type CommandRequest =
  | { command: CommandName; action: 'help' }
  /** `/kyc`, `/kyc approved`, `/kyc invoice <uuid>`, `page:N` (1-based), `since:7d` (a Since). */
  | { command: 'kyc'; action: 'list'; status?: LoveAndPayStatus; invoiceId?: string; page: number; since?: Since }
  /** `id`: a UUID, or an 8+ character prefix of one (a short id, resolved through the store's index). */
  | { command: 'kyc'; action: 'session'; id: string }
  /** `/kyc stripe [status]`, cursor paging with `after:vs_...` / `before:vs_...`, `since:` on Stripe's created time. */
  | { command: 'kyc'; action: 'stripe-list'; status?: StripeListStatus; after?: string; before?: string; since?: Since }
  | { command: 'kyc'; action: 'stripe-session'; id: string }
  /** Empty lists mean "all". `confirmed`: removing several subscriptions was confirmed (`/kyc unsubscribe confirm`). `quiet`: hours held (null: none). */
  | { command: 'kyc'; action: 'subscribe' | 'unsubscribe'; outcomes: AlertOutcome[]; providers: ProviderName[]; confirmed?: boolean; quiet?: QuietWindow | null }
  | { command: 'kyc'; action: 'subscriptions' }
  /** `/kyc audit [n] [since:7d] [csv]`: the latest n entries, or with csv every entry of the window as a file. */
  | { command: 'kyc'; action: 'audit'; limit: number; since?: Since; csv?: boolean }
  | {
      command: 'customer';
      action: 'search';
      search?: string;
      kycStatus?: 'PENDING' | 'VERIFIED' | 'REJECTED';
      trustLevel?: 'NEW' | 'LEVEL_1' | 'LEVEL_2' | 'LEVEL_3';
      page: number;
      /** Customers who joined in the window. */
      since?: Since;
    }
  /** Phones are normalised to +7XXXXXXXXXX before they get here. */
  | { command: 'customer'; action: 'check'; phone?: string; email?: string }
  /** `id`: a UUID, or an 8+ character prefix of one (resolved through the store's index). */
  | { command: 'customer'; action: 'detail'; id: string }
  | { command: 'receipt'; action: 'detail'; id: string }
  | { command: 'check'; action: 'detail'; id: string; watch: boolean }
  /** `/kyc queue [mine]`: open declines, oldest first; `mine`: the caller's. */
  | { command: 'kyc'; action: 'queue'; mine: boolean }
  /** `/kyc take|reopen <id>`: the provider comes from the id's shape (parse-review.ts). */
  | { command: 'kyc'; action: 'take' | 'reopen'; provider: ProviderName; id: string }
  /** `/kyc resolve <id> [reason] [note…]`: without a reason, the answer asks for one. */
  | { command: 'kyc'; action: 'resolve'; provider: ProviderName; id: string; reason?: ResolveReason; note?: string }
  /** `/kyc stats [today|yesterday|Nd] [providers]` (a StatsPeriod; providers empty = all). */
  | { command: 'kyc'; action: 'stats'; period: StatsPeriod; providers: ProviderName[] }
  /** `/kyc summary`: show; `daily HH:MM [providers]`: set; `off`: stop. */
  | { command: 'kyc'; action: 'summary'; change?: { at: string; providers: ProviderName[] } | 'off' };

/** Input that does not fit the grammar: answered with usage and examples, no provider call. */
export interface UsageProblem {
  command: CommandName | null;
  /** A stable code for tests and translations, e.g. 'unknown_command', 'bad_id', 'unknown_status'. */
  problem: string;
  /** The offending token, cut to a safe length, for the explanation. */
  token?: string;
  /** A line to offer instead: the typed line with a mistyped word corrected, or (other_command) where the id fits. */
  suggestion?: string;
}

export type ParseResult = { ok: true; request: CommandRequest } | { ok: false; usage: UsageProblem };
