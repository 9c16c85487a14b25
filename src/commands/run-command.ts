/**
 * The RunCommand every chat adapter calls: parse the line once, pick the
 * handler, and turn every failure into a reply. It never throws: usage
 * problems answer with the grammar (no provider call), provider failures with
 * one sentence, anything else with a generic sentence; stack traces go to the
 * log only. Each answer goes to `onAnswer` with the parse it ran on.
 */
import type { Caller } from '../domain/chat.js';
import { isUuid } from '../domain/ids.js';
import type { Note, Reply } from '../domain/reply.js';
import type { VerificationRecord } from '../domain/verification.js';
import { silentLogger, type Logger } from '../log.js';
import { createFormatter } from '../present/format.js';
import { COMMAND_STRINGS, type CommandStrings } from '../present/i18n/commands.js';
import { pick } from '../present/i18n/pick.js';
import { createMasker } from '../present/mask.js';
import { InvalidIdError, errorLogFields, isProviderError } from '../providers/errors.js';
import type { Providers } from '../providers/index.js';
import type { Store } from '../store/types.js';
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
  type VerificationIndex,
} from './handlers.js';
import { help, usageReply } from './help.js';
import { kycList } from './kyc-list.js';
import { kycSession } from './kyc-session.js';
import { LookupRateLimit } from './lookup-rate-limit.js';
import { parseCommand } from './parse.js';
import { nextPageLine, rowsToReadAhead, type Prefetcher } from './prefetch.js';
import { receipt } from './receipt.js';
import { ObjectMemo } from './object-memo.js';
import { RecentlyRemembered } from './recently-remembered.js';
import { Redirect } from './redirect.js';
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
  /**
   * The store's index of verifications: lookups add what they see, short ids
   * and customer cards read it. Without it there are no short ids and the
   * card has no Love&Pay sessions or Bank 131 checks.
   */
  index?: VerificationIndex & Pick<Store, 'recordVerifications'>;
  /**
   * Reads the next page of every list shown in the background (prefetch.ts),
   * for the lookup clients' cache to answer the click on Next; none when absent.
   */
  prefetch?: Prefetcher;
}

/** Redirects followed for one line: a redirect's answer may itself point on once (a short id, then its object), never in a loop. */
const MAX_REDIRECTS = 2;

export function createRunCommand(deps: RunCommandDeps): RunCommand {
  const handlers: Partial<Handlers> = { ...LOOKUP_HANDLERS, ...definedOnly(deps.handlers ?? {}) };
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const limit = deps.lookupsPerMinute ? new LookupRateLimit(deps.lookupsPerMinute, () => now().getTime()) : null;

  const index = deps.index;
  // What this process wrote a moment ago is not written again (recently-remembered.ts): the click after a read-ahead writes nothing.
  const recent = new RecentlyRemembered();
  const remember = async (records: VerificationRecord[]): Promise<boolean> => {
    if (!index) return false;
    const at = now();
    const unwritten = recent.unwritten(records, at.getTime());
    if (unwritten.length === 0) return true;
    try {
      await index.recordVerifications(unwritten, at);
      recent.wrote(unwritten, at.getTime());
      return true;
    } catch (error) {
      // The index is a convenience for later answers: this one goes on without it.
      logger.warn({ err: error }, 'could not add a lookup to the index of verifications');
      return false;
    }
  };
  // Shared by every answer and read-ahead of this dispatcher: what they worked out about the cache's objects.
  const memo = new ObjectMemo();

  const answer = async (parsed: ParseResult, caller: Caller, redirects = 0): Promise<Reply> => {
    const t = pick(COMMAND_STRINGS, caller.locale);
    if (!parsed.ok) {
      const { usage } = parsed;
      // An id that belongs to another command is looked up there (`/kyc 34` is `/check 34`).
      if (usage.problem === 'other_command' && usage.suggestion && redirects < MAX_REDIRECTS) {
        return redirected(await answer(parseCommand(usage.suggestion), caller, redirects + 1), t.usage.redirected(usage.token ?? '', usage.suggestion));
      }
      return usageReply(usage, t);
    }
    const { request } = parsed;
    try {
      // Help costs nothing and reveals nothing; everything else counts against the caller's minute.
      // A redirect is the same lookup the person asked for, already counted once.
      const ticket = request.action === 'help' || !limit || redirects > 0 ? { ok: true as const } : limit.take(caller);
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
        ...(index ? { index } : {}),
        remember,
        memo,
      };
      const shown = await dispatch(handlers, request, context);
      if (redirects === 0) prefetchNextPage(shown, context);
      const reply = withSandboxNotice(shown, caller, deps.settings, t);
      return context.mask.unmasked ? { ...reply, unmasked: true } : reply;
    } catch (error) {
      if (error instanceof Redirect && redirects < MAX_REDIRECTS) {
        return redirected(await answer(parseCommand(error.line), caller, redirects + 1), error.note);
      }
      const elsewhere = redirects < MAX_REDIRECTS ? await locateElsewhere(error, request) : null;
      if (elsewhere) return redirected(await answer(parseCommand(elsewhere.line), caller, redirects + 1), t.locate[elsewhere.kind](shortIdOf(elsewhere.id)));
      return failureReply(error, request, t, logger);
    }
  };

  /**
   * The reply's Next page, then its rows one after another, run for the cache
   * and the index only: the read-ahead clients, their own masker, the replies
   * dropped. What they read goes into the index as the lookup they stand in
   * for would put it, so the click that shows it has nothing left to write.
   */
  const prefetchNextPage = (reply: Reply, context: HandlerContext): void => {
    const prefetch = deps.prefetch;
    if (!prefetch || !reply.items?.length) return;
    // Built in the background, not on the shown reply's way out.
    const quiet = (): HandlerContext => ({
      ...context,
      providers: prefetch.providers ?? context.providers,
      mask: createMasker(context.caller.isAdmin, { day: context.format.day }),
    });
    const line = nextPageLine(reply, context.t);
    if (line) {
      prefetch.start(line, async () => {
        const next = parseCommand(line);
        if (next.ok) await dispatch(handlers, next.request, quiet());
      });
    }
    const firstRow = reply.items.find((item) => item.command)?.command;
    if (!firstRow) return;
    prefetch.start(firstRow, async () => {
      const rows = rowsToReadAhead(reply);
      const rowContext = quiet();
      // One row failing (gone since the list was read) leaves the others read; the first failure is logged.
      const failures: unknown[] = [];
      for (const row of rows) await dispatch(handlers, row.request, rowContext).catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    });
  };

  /**
   * A Love&Pay UUID that is not what its command looks for may be another
   * kind of object: an id given to /kyc may be a customer's, one given to
   * /customer a session's, and so on. Only after a not found, and at most
   * three more lookups, each of which answers 404 fast when wrong.
   */
  const locateElsewhere = async (error: unknown, request: CommandRequest): Promise<Located | null> => {
    if (!isProviderError(error) || error.kind !== 'not_found' || error.provider !== 'loveandpay') return null;
    const subject = subjectOf(request);
    const client = deps.providers.loveandpay;
    if (!subject || !client || !isUuid(subject.id)) return null;
    const id = subject.id;
    const tries: Array<[Located['kind'], () => Promise<unknown>]> = [
      ['session', () => client.getKycSession(id)],
      ['customer', () => client.getCustomer(id)],
      ['receipt', () => client.getReceipt(id)],
      ['invoice', () => client.getInvoice(id)],
    ];
    for (const [kind, lookUp] of tries) {
      if (kind === subject.object) continue;
      try {
        await lookUp();
        return { kind, id, line: LOCATED_LINE[kind](id) };
      } catch (failure) {
        if (!isProviderError(failure) || failure.kind !== 'not_found') return null;
      }
    }
    return null;
  };

  return async (line: string, caller: Caller): Promise<Reply> => {
    const started = performance.now();
    const parsed = parseCommand(line);
    const reply = await answer(parsed, caller);
    deps.onAnswer?.({ line, parsed, caller, result: reply.kind, durationMs: performance.now() - started });
    return reply;
  };
}

interface Located {
  kind: 'session' | 'customer' | 'receipt' | 'invoice';
  id: string;
  line: string;
}

const LOCATED_LINE: Record<Located['kind'], (id: string) => string> = {
  session: (id) => `/kyc ${id}`,
  customer: (id) => `/customer ${id}`,
  receipt: (id) => `/receipt ${id}`,
  invoice: (id) => `/kyc invoice ${id}`,
};

const shortIdOf = (id: string): string => `${id.slice(0, 8)}…`;

/** The answer of the line that fits, with one sentence above it saying so. */
function redirected(reply: Reply, note: string): Reply {
  const said: Note = { tone: 'info', text: note };
  return { ...reply, notes: [said, ...(reply.notes ?? [])] };
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
