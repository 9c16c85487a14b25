/**
 * The RunCommand every chat adapter calls: parse the line once, pick the
 * handler, and turn every failure into a reply. It never throws: usage
 * problems answer with the grammar (no provider call), provider failures with
 * one sentence, anything else with a generic sentence; stack traces go to the
 * log only. Each answer goes to `onAnswer` with the parse it ran on.
 */
import type { Caller } from '../domain/chat.js';
import type { Reply } from '../domain/reply.js';
import { silentLogger, type Logger } from '../log.js';
import { createFormatter } from '../present/format.js';
import { COMMAND_STRINGS, type CommandStrings } from '../present/i18n/commands.js';
import { pick } from '../present/i18n/pick.js';
import { createMasker } from '../present/mask.js';
import { InvalidIdError, errorLogFields, isProviderError } from '../providers/errors.js';
import type { Providers } from '../providers/index.js';
import { check } from './check.js';
import { customerCheck, customerDetail, customerSearch } from './customer.js';
import { explainProviderError, type ErrorSubject } from './explain-provider-error.js';
import {
  dispatch,
  MissingProviderError,
  PROVIDER_VARIABLES,
  type AlertAreaKey,
  type CommandSettings,
  type HandlerContext,
  type Handlers,
} from './handlers.js';
import { help, usageReply } from './help.js';
import { kycList } from './kyc-list.js';
import { kycSession } from './kyc-session.js';
import { LookupRateLimit } from './lookup-rate-limit.js';
import { parseCommand } from './parse.js';
import { receipt } from './receipt.js';
import type { CommandRequest, ParseResult } from './request.js';
import { stripeSession } from './stripe-session.js';
import { stripeSessions } from './stripe-sessions.js';
import type { OnAnswer, RecordRefusal, RunCommand } from './types.js';

/** The lookups: they need only the providers. The rest (AlertAreaKey) comes from the alerts area, which has the store. */
const LOOKUP_HANDLERS: Omit<Handlers, AlertAreaKey> = {
  help,
  'kyc:list': kycList,
  'kyc:session': kycSession,
  'kyc:stripe-list': stripeSessions,
  'kyc:stripe-session': stripeSession,
  'customer:search': customerSearch,
  'customer:check': customerCheck,
  'customer:detail': customerDetail,
  'receipt:detail': receipt,
  'check:detail': check,
};

export interface RunCommandDeps {
  providers: Providers;
  settings: CommandSettings;
  now?: () => Date;
  /**
   * Handlers by key, over the lookups: the app registers 'kyc:subscribe',
   * 'kyc:unsubscribe', 'kyc:subscriptions', 'kyc:audit' and 'check:watch'
   * here (commands/subscriptions.ts, commands/audit.ts). A command whose
   * handler nobody registered answers as an unexpected failure.
   */
  handlers?: Partial<Handlers>;
  /** Told of every answer with the parse it ran on (the audit log and metrics). */
  onAnswer?: OnAnswer;
  /** Unexpected failures are logged here (error and command name only, never the line: it may hold a phone). */
  logger?: Logger;
  /** Lookups a non-admin may run per minute (LOOKUP_RATE_LIMIT); unlimited when absent. */
  lookupsPerMinute?: number;
}

export function createRunCommand(deps: RunCommandDeps): RunCommand {
  const handlers: Partial<Handlers> = { ...LOOKUP_HANDLERS, ...definedOnly(deps.handlers ?? {}) };
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const limit = deps.lookupsPerMinute ? new LookupRateLimit(deps.lookupsPerMinute, () => now().getTime()) : null;

  const answer = async (parsed: ParseResult, caller: Caller): Promise<Reply> => {
    const t = pick(COMMAND_STRINGS, caller.locale);
    if (!parsed.ok) return usageReply(parsed.usage, t);
    const { request } = parsed;
    try {
      // Help costs nothing and reveals nothing; everything else counts against the caller's minute.
      const ticket = request.action === 'help' || !limit ? { ok: true as const } : limit.take(caller);
      if (!ticket.ok) return { kind: 'refused', title: t.unavailable.rateLimited(t.common.seconds(Math.ceil(ticket.retryInMs / 1000))) };
      const format = createFormatter(caller.locale, deps.settings.timeZone);
      const context: HandlerContext = {
        caller,
        providers: deps.providers,
        settings: deps.settings,
        now,
        t,
        format,
        mask: createMasker(caller.isAdmin, { day: format.day }),
      };
      const reply = withSandboxNotice(await dispatch(handlers, request, context), caller, deps.settings, t);
      return context.mask.unmasked ? { ...reply, unmasked: true } : reply;
    } catch (error) {
      return failureReply(error, request, t, logger);
    }
  };

  return async (line: string, caller: Caller): Promise<Reply> => {
    const started = performance.now();
    const parsed = parseCommand(line);
    const reply = await answer(parsed, caller);
    deps.onAnswer?.({ line, parsed, caller, result: reply.kind, durationMs: performance.now() - started });
    return reply;
  };
}

/**
 * For a chat adapter's refusals before a command runs (a channel or chat not
 * allowed): told to `onAnswer` like any answer, as 'refused' in 0 ms, with
 * the line parsed once for the record since no command parsed it.
 */
export function recordRefusals(onAnswer: OnAnswer): RecordRefusal {
  return (line, caller) => onAnswer({ line, parsed: parseCommand(line), caller, result: 'refused', durationMs: 0 });
}

function failureReply(error: unknown, request: CommandRequest, t: CommandStrings, logger: Logger): Reply {
  if (isProviderError(error)) {
    // Which field broke the documented shape (never its value: describeIssues names paths and types only).
    if (error.kind === 'invalid_response') {
      logger.warn({ provider: error.provider, detail: error.message, requestId: error.requestId }, 'a provider answer did not have the documented shape');
    }
    // The operator's cue to raise PROVIDER_MAX_RESPONSE_BYTES, or to ask the provider why.
    if (error.kind === 'too_large') logger.warn(errorLogFields(error), 'a provider answer was larger than PROVIDER_MAX_RESPONSE_BYTES; not read');
    const explained = explainProviderError(error, t, subjectOf(request));
    return {
      kind: explained.kind,
      title: explained.sentence,
      footer: explained.requestId ? [t.common.requestId(explained.requestId)] : undefined,
    };
  }
  if (error instanceof MissingProviderError) {
    const provider = t.common.providers[error.provider];
    return { kind: 'error', title: t.unavailable.missingProvider(provider, t.common.list(PROVIDER_VARIABLES[error.provider])) };
  }
  if (error instanceof InvalidIdError) {
    // The parser checks id shapes first, so this means parser and client disagree: answer with usage, and say so in the log.
    logger.warn({ command: request.command, what: error.what }, 'an id passed the parser but not the provider client');
    return usageReply({ command: request.command, problem: 'bad_id' }, t);
  }
  logger.error({ err: error, command: request.command, action: request.action }, 'command failed unexpectedly');
  return { kind: 'error', title: t.unavailable.unexpected };
}

/** What a request looks up, so "not found" can name it ("Receipt 550e8400… not found"). */
function subjectOf(request: CommandRequest): ErrorSubject | undefined {
  if (request.action === 'help') return undefined;
  switch (request.command) {
    case 'receipt':
      return { object: 'receipt', id: request.id };
    case 'check':
      return { object: 'check', id: request.id };
    case 'customer':
      return request.action === 'detail' ? { object: 'customer', id: request.id } : undefined;
    case 'kyc':
      if (request.action === 'session') return { object: 'session', id: request.id };
      if (request.action === 'stripe-session') return { object: 'stripeSession', id: request.id };
      if (request.action === 'stripe-list' && (request.after ?? request.before)) return { object: 'stripeSession', id: (request.after ?? request.before)! };
      if (request.action === 'list' && request.invoiceId) return { object: 'invoice', id: request.invoiceId };
      return undefined;
  }
}

function definedOnly(handlers: Partial<Handlers>): Partial<Handlers> {
  return Object.fromEntries(Object.entries(handlers).filter(([, handler]) => handler !== undefined));
}

/** In a real Slack or Telegram workspace, demo data must never pass for the providers' own. */
function withSandboxNotice(reply: Reply, caller: Caller, settings: CommandSettings, t: CommandStrings): Reply {
  if (!settings.sandbox || caller.platform === 'console') return reply;
  return { ...reply, footer: [...(reply.footer ?? []), t.common.sandboxNotice] };
}
