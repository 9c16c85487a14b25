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
import type { VerificationRecord } from '../domain/verification.js';

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
