/** Builders shared by the store contract tests. */
import type { ChatRef } from '../../src/domain/chat.js';
import type { AlertOutcome, ProviderName } from '../../src/domain/outcome.js';
import type { AlertEvent, Observation, Store } from '../../src/store/types.js';

export const T0 = new Date('2025-03-01T09:00:00.000Z');

/** T0 plus some milliseconds: tests pass time in, never read the clock. */
export function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

export const slack = (chatId: string): ChatRef => ({ platform: 'slack', chatId });
export const telegram = (chatId: string): ChatRef => ({ platform: 'telegram', chatId });

export function alertEvent(provider: ProviderName, objectId: string, outcome: AlertOutcome): AlertEvent {
  return {
    provider,
    objectId,
    outcome,
    native: outcome === 'APPROVED' ? 'APPROVED' : 'DECLINED',
    occurredAt: T0.toISOString(),
    details: { customer: '+7 999 ***-**-67', score: 0.97, country: null },
  };
}

/** An observation; APPROVED and DECLINED ones carry an event, as the watcher builds them. */
export function observed(
  provider: ProviderName,
  objectId: string,
  outcome: Observation['outcome'],
  alsoNotify?: ChatRef[],
): Observation {
  const event = outcome === 'APPROVED' || outcome === 'DECLINED' ? alertEvent(provider, objectId, outcome) : undefined;
  return { provider, objectId, outcome, native: event?.native ?? outcome, ...(event ? { event } : {}), ...(alsoNotify ? { alsoNotify } : {}) };
}

export async function subscribeAll(store: Store, chat: ChatRef, filter: Partial<{ outcomes: AlertOutcome[]; providers: ProviderName[] }> = {}) {
  return store.subscribe({
    chat,
    outcomes: filter.outcomes ?? [],
    providers: filter.providers ?? [],
    source: 'command',
    createdBy: 'U1',
    now: T0,
  });
}

/** What the outbox would send, as "platform:chat provider/object/outcome", by claiming everything due. */
export async function drainOutbox(store: Store, now = at(0), worker = 'drain'): Promise<string[]> {
  const entries = await store.claimOutbox({ worker, limit: 10_000, leaseMs: 60_000, now });
  await store.markSent(
    entries.map((e) => e.id),
    now,
  );
  return entries.map((e) => `${e.chat.platform}:${e.chat.chatId} ${e.event.provider}/${e.event.objectId}/${e.event.outcome}`);
}
