/**
 * What a command line asks for, after parsing. The parser (parse.ts) turns
 * text into one of these or a usage problem; handlers take these and never
 * see raw text, so nothing a user typed reaches a provider unchecked.
 */
import type { CommandName } from '../domain/commands.js';
import type { AlertOutcome, ProviderName } from '../domain/outcome.js';

/** Love&Pay session statuses as the API spells them. */
export type LoveAndPayStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'APPROVED' | 'DECLINED' | 'EXPIRED';
/** Stripe verification session statuses. */
export type StripeStatus = 'requires_input' | 'processing' | 'verified' | 'canceled';
/** What a Stripe list filters on: a status, or `declined` (requires_input with last_error, or canceled). */
export type StripeListStatus = StripeStatus | 'declined';

export type CommandRequest =
  | { command: CommandName; action: 'help' }
  /** `/kyc`, `/kyc approved`, `/kyc invoice <uuid>`, `page:N` (1-based). */
  | { command: 'kyc'; action: 'list'; status?: LoveAndPayStatus; invoiceId?: string; page: number }
  | { command: 'kyc'; action: 'session'; id: string }
  /** `/kyc stripe [status]`, cursor paging with `after:vs_...` / `before:vs_...`. */
  | { command: 'kyc'; action: 'stripe-list'; status?: StripeListStatus; after?: string; before?: string }
  | { command: 'kyc'; action: 'stripe-session'; id: string }
  /** Empty lists mean "all". */
  | { command: 'kyc'; action: 'subscribe' | 'unsubscribe'; outcomes: AlertOutcome[]; providers: ProviderName[] }
  | { command: 'kyc'; action: 'subscriptions' }
  | { command: 'kyc'; action: 'audit'; limit: number }
  | {
      command: 'customer';
      action: 'search';
      search?: string;
      kycStatus?: 'PENDING' | 'VERIFIED' | 'REJECTED';
      trustLevel?: 'NEW' | 'LEVEL_1' | 'LEVEL_2' | 'LEVEL_3';
      page: number;
    }
  /** Phones are normalised to +7XXXXXXXXXX before they get here. */
  | { command: 'customer'; action: 'check'; phone?: string; email?: string }
  | { command: 'customer'; action: 'detail'; id: string }
  | { command: 'receipt'; action: 'detail'; id: string }
  | { command: 'check'; action: 'detail'; id: string; watch: boolean };

/** Input that does not fit the grammar: answered with usage and examples, no provider call. */
export interface UsageProblem {
  command: CommandName | null;
  /** A stable code for tests and translations, e.g. 'unknown_command', 'bad_id', 'unknown_status'. */
  problem: string;
  /** The offending token, cut to a safe length, for the explanation. */
  token?: string;
}

export type ParseResult = { ok: true; request: CommandRequest } | { ok: false; usage: UsageProblem };
