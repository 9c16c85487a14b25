/**
 * What the demo clock does once a minute: a few open verifications reach a
 * final outcome at each provider, so alerts can be watched arriving, and a
 * few new ones start so the demo never runs dry.
 */
import type { Mutations } from './mutations.js';
import type { Rng } from './prng.js';
import { STRIPE_ERROR_REASONS } from './seed/stripe-sessions.js';
import type { SandboxState } from './state.js';
import type { Transition } from './types.js';

export function demoTick(state: SandboxState, mutations: Mutations, rng: Rng): Transition[] {
  const moved: Transition[] = [];
  const { sessions, stripeSessions, checks } = state.data;

  for (const session of oldest(sessions, (s) => s.status === 'IN_PROGRESS', 2)) {
    moved.push(mutations.setSessionStatus(session.id, rng.chance(0.7) ? 'APPROVED' : 'DECLINED'));
  }
  for (const session of oldest(sessions, (s) => s.status === 'NOT_STARTED', 1)) {
    moved.push(mutations.setSessionStatus(session.id, 'IN_PROGRESS'));
  }
  if (sessions.filter((s, i) => i < 500 && s.status === 'IN_PROGRESS').length < 3) mutations.addSessions(2, 'IN_PROGRESS');

  for (const session of oldest(stripeSessions, (s) => s.status === 'processing', 1)) {
    moved.push(
      rng.chance(0.7)
        ? mutations.setStripeStatus(session.id, 'verified')
        : mutations.setStripeStatus(session.id, 'requires_input', rng.pick(Object.keys(STRIPE_ERROR_REASONS))),
    );
  }
  for (const session of oldest(stripeSessions, (s) => s.status === 'requires_input' && !s.last_error, 1)) {
    moved.push(mutations.setStripeStatus(session.id, 'processing'));
  }

  for (const check of oldest(checks, (c) => c.status === 'pending', 1)) {
    moved.push(
      rng.chance(0.7)
        ? mutations.setCheck(check.id, 'ok')
        : mutations.setCheck(check.id, 'error', rng.pick(['passport_validation_failure', 'inn_validation_failure'])),
    );
  }
  return moved;
}

/** Up to `count` matching items from the end of a newest-first list: the ones waiting longest. */
function oldest<T>(items: T[], matches: (item: T) => boolean, count: number): T[] {
  const found: T[] = [];
  for (let i = items.length - 1; i >= 0 && found.length < count; i -= 1) {
    const item = items[i]!;
    if (matches(item)) found.push(item);
  }
  return found;
}
