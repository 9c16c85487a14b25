/**
 * The RunCommand every chat adapter calls: parse the line, pick the handler,
 * and turn every failure into a reply. It never throws: usage problems answer
 * with the grammar (no provider call), provider failures with one sentence,
 * anything else with a generic sentence; stack traces go to the log only.
 */
import type { Caller } from '../domain/caller.js';
import type { Reply } from '../domain/reply.js';
import { silentLogger, type Logger } from '../log.js';
import { createFormatter } from '../present/format.js';
import { COMMAND_STRINGS, type CommandStrings } from '../present/i18n/commands.js';
import { pick } from '../present/i18n/pick.js';
import { createMasker } from '../present/mask.js';
import { InvalidIdError, errorLogFields, isProviderError } from '../providers/errors.js';
import type { Providers } from '../providers/index.js';
import type { CommandSettings, HandlerContext } from './context.js';
import { DEFAULT_HANDLERS } from './default-handlers.js';
import { explainProviderError, type ErrorSubject } from './explain-provider-error.js';
import { dispatch, type Handlers } from './handlers.js';
import { usageReply } from './help.js';
import { LookupRateLimit } from './lookup-rate-limit.js';
import { MissingProviderError, PROVIDER_VARIABLES } from './need-provider.js';
import { parseCommand } from './parse.js';
import type { CommandRequest } from './request.js';
import type { RunCommand } from './types.js';

export interface RunCommandDeps {
  providers: Providers;
  settings: CommandSettings;
  now?: () => Date;
  /**
   * Handlers that replace the defaults, by key: alerts registers 'kyc:subscribe',
   * 'kyc:unsubscribe', 'kyc:subscriptions', 'kyc:audit' and 'check:watch' here.
   */
  handlers?: Partial<Handlers>;
  /** Unexpected failures are logged here (error and command name only, never the line: it may hold a phone). */
  logger?: Logger;
  /** Lookups a non-admin may run per minute (LOOKUP_RATE_LIMIT); unlimited when absent. */
  lookupsPerMinute?: number;
}

export function createRunCommand(deps: RunCommandDeps): RunCommand {
  const handlers: Handlers = { ...DEFAULT_HANDLERS, ...definedOnly(deps.handlers ?? {}) };
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const limit = deps.lookupsPerMinute ? new LookupRateLimit(deps.lookupsPerMinute, () => now().getTime()) : null;

  return async (line: string, caller: Caller): Promise<Reply> => {
    const t = pick(COMMAND_STRINGS, caller.locale);
    let request: CommandRequest | undefined;
    try {
      const parsed = parseCommand(line);
      if (!parsed.ok) return usageReply(parsed.usage, t);
      request = parsed.request;
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
}

function failureReply(error: unknown, request: CommandRequest | undefined, t: CommandStrings, logger: Logger): Reply {
  if (isProviderError(error)) {
    // Which field broke the documented shape (never its value: describeIssues names paths and types only).
    if (error.kind === 'invalid_response') {
      logger.warn({ provider: error.provider, detail: error.message, requestId: error.requestId }, 'a provider answer did not have the documented shape');
    }
    // The operator's cue to raise PROVIDER_MAX_RESPONSE_BYTES, or to ask the provider why.
    if (error.kind === 'too_large') logger.warn(errorLogFields(error), 'a provider answer was larger than PROVIDER_MAX_RESPONSE_BYTES; not read');
    const explained = explainProviderError(error, t, request && subjectOf(request));
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
  if (error instanceof InvalidIdError && request) {
    // The parser checks id shapes first, so this means parser and client disagree: answer with usage, and say so in the log.
    logger.warn({ command: request.command, what: error.what }, 'an id passed the parser but not the provider client');
    return usageReply({ command: request.command, problem: 'bad_id' }, t);
  }
  logger.error({ err: error, command: request?.command, action: request?.action }, 'command failed unexpectedly');
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
