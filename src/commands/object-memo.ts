/**
 * What a command worked out about a provider object the answer cache handed
 * out, kept with that very object (providers/answer-cache.ts: a kept answer
 * is frozen, and every caller gets the same object while it is kept). The
 * click on a page the read-ahead has just shown then redoes none of it: it
 * neither writes the index again nor reads it again (npm run bench, issue
 * 20: a fifth of the click).
 *
 * Nothing kept here outlives what it was worked out from: a kept answer is
 * dropped on every transition the bot observes and after its minute, and a
 * refetched answer is a new object. Objects that are not frozen (an answer
 * read afresh, not kept) are never remembered, so an uncached lookup works
 * everything out as before.
 */
import { chatKey, type Caller } from '../domain/chat.js';
import type { Reply } from '../domain/reply.js';
import type { VerificationRecord } from '../domain/verification.js';
import { trackingAges, type Formatter } from '../present/format.js';
import { deepFreeze } from '../providers/answer-cache.js';
import type { HandlerContext } from './handlers.js';

export class ObjectMemo {
  private readonly kept = new WeakMap<object, Map<string, unknown>>();

  get<T>(object: object, kind: string): T | undefined {
    return this.kept.get(object)?.get(kind) as T | undefined;
  }

  set(object: object, kind: string, value: unknown): void {
    if (!Object.isFrozen(object)) return;
    let known = this.kept.get(object);
    if (!known) this.kept.set(object, (known = new Map()));
    known.set(kind, value);
  }
}

/** Adds the records of these provider objects to the index, skipping those a moment ago added from the very same objects. */
export async function rememberFrom<T extends object>(
  context: { memo: ObjectMemo; remember(records: VerificationRecord[]): Promise<boolean> },
  sources: readonly T[],
  toRecord: (source: T) => VerificationRecord,
): Promise<void> {
  const unwritten = sources.filter((source) => context.memo.get(source, INDEXED) === undefined);
  if (unwritten.length === 0) return;
  if (!(await context.remember(unwritten.map((source) => toRecord(source))))) return;
  for (const source of unwritten) context.memo.set(source, INDEXED, true);
}

const INDEXED = 'indexed';

/**
 * A list's reply rendered once from the answers the cache keeps, for one
 * caller and one request: the read-ahead renders the next page
 * (commands/prefetch.ts), and the click on Next shows that very render
 * (npm run bench, issue 20: rendering was most of a click). It is shown only
 * while it is what rendering now would give: the same kept answers (a
 * refetch or an observed transition makes new ones), the same caller (its
 * masking and language), and before any age in it would read differently
 * (present/format.ts, ageSameUntil). Anything else renders afresh.
 */
export async function renderedOnce(
  context: Pick<HandlerContext, 'memo' | 'caller' | 'now' | 'format' | 'mask'>,
  answers: readonly unknown[],
  request: string,
  render: (format: Formatter) => Promise<Reply>,
): Promise<Reply> {
  const kept = answers.every(isKeptAnswer) ? (answers as readonly object[]) : null;
  const kind = kept && `${RENDERED} ${request} ${callerKey(context.caller)}`;
  const anchor = kept?.[0];
  if (anchor && kind) {
    const rendered = context.memo.get<Rendered>(anchor, kind);
    if (rendered && readsSameAt(rendered, context.now().getTime()) && sameObjects(rendered.answers, kept)) return rendered.reply;
  }
  const ages = trackingAges(context.format);
  const reply = await render(ages.format);
  if (anchor && kind) {
    // Frozen: every click that shows it gets this very object, so none may change what the next one shows.
    const shown = deepFreeze(context.mask.unmasked ? { ...reply, unmasked: true } : reply);
    context.memo.set(anchor, kind, { answers: kept, reply: shown, ages: ages.readsSame() } satisfies Rendered);
  }
  return reply;
}

interface Rendered {
  answers: readonly object[];
  reply: Reply;
  /** When every age in the reply reads as it did when rendered (a clock set back is outside too). */
  ages: { from: number; until: number };
}

const readsSameAt = (rendered: Rendered, now: number): boolean => rendered.ages.from <= now && now < rendered.ages.until;

const RENDERED = 'rendered';

/** Everything a render may depend on about who asked, and the person themselves: nothing is ever shown to another caller. */
const callerKey = (caller: Caller): string =>
  `${chatKey(caller)} ${caller.workspaceId ?? ''} ${caller.userId} ${caller.isAdmin} ${caller.mayManageSubscriptions} ${caller.locale}`;

const isKeptAnswer = (answer: unknown): boolean => typeof answer === 'object' && answer !== null && Object.isFrozen(answer);

const sameObjects = (a: readonly object[], b: readonly object[]): boolean => a.length === b.length && a.every((each, i) => each === b[i]);
