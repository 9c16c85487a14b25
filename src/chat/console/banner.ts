/**
 * What the console chat prints before the first prompt: the mode, each
 * provider live, sandboxed or off, and commands to try (with real seed ids
 * in sandbox mode).
 */
import type { Locale } from '../../domain/chat.js';
import { PROVIDER_NAMES, type ProviderName } from '../../domain/outcome.js';
import { COMMAND_STRINGS } from '../../present/i18n/commands.js';
import { pick } from '../../present/i18n/pick.js';

export type ProviderState = 'live' | 'sandbox' | 'off';

export interface BannerInfo {
  sandbox: boolean;
  providers: Record<ProviderName, ProviderState>;
  /** Command lines to try; in sandbox mode with real seed ids (see sandboxExamples). */
  examples: readonly string[];
  locale?: Locale;
}

/** The start-up text: mode, each provider live or sandboxed, and commands to try. */
export function consoleBanner(info: BannerInfo): string {
  const t = pick(COMMAND_STRINGS, info.locale ?? 'en');
  const providers = PROVIDER_NAMES.map((name) => `${t.common.providers[name]}: ${t.console.states[info.providers[name]]}`);
  return [
    t.console.mode(info.sandbox),
    `${t.console.providers}: ${providers.join(' · ')}`,
    `${t.console.tryThese}:`,
    ...info.examples.map((example) => `  ${example}`),
    t.console.more,
  ].join('\n');
}

/** Just the parts of the sandbox data the examples need (sandbox.data fits this shape). */
export interface ExampleSource {
  sessions: ReadonlyArray<{ id: string; status: string; customerId: string }>;
  receipts: ReadonlyArray<{ id: string }>;
  checks: ReadonlyArray<{ id: string; status: string; participantReference: string | null }>;
  stripeSessions: ReadonlyArray<{ client_reference_id: string | null }>;
}

/**
 * Four commands with real seed ids: an approved session, a receipt, a check
 * that failed (to show an explained error), and a customer all three
 * providers know (the card that joins them).
 */
export function sandboxExamples(data: ExampleSource): string[] {
  const session = data.sessions.find((each) => each.status === 'APPROVED') ?? data.sessions[0];
  const receipt = data.receipts[0];
  const check = data.checks.find((each) => each.status === 'error') ?? data.checks[0];
  const atStripe = new Set(data.stripeSessions.map((each) => each.client_reference_id));
  const atBank131 = new Set(data.checks.map((each) => each.participantReference));
  const linked = data.sessions.find((each) => each.status === 'APPROVED' && atStripe.has(each.customerId) && atBank131.has(each.customerId));
  return [
    session ? `/kyc ${session.id}` : '/kyc approved',
    receipt ? `/receipt ${receipt.id}` : '/customer kyc:verified',
    check ? `/check ${check.id}` : '/kyc stripe',
    `/customer ${(linked ?? session)?.customerId ?? 'kyc:verified'}`,
  ];
}

/** Without seed data (live providers): commands that need no ids. */
export const LIVE_EXAMPLES: readonly string[] = ['/kyc', '/kyc approved', '/kyc stripe'];
