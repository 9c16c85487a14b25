/**
 * An alert event must describe its own observation: the outbox's unique key
 * comes from the observation, the message from the event, and a mismatch
 * would announce one thing under another's key.
 */
import type { AlertEvent, Observation } from './types.js';

export function checkEvent(observation: Observation, event: AlertEvent): void {
  if (
    event.provider !== observation.provider ||
    event.objectId !== observation.objectId ||
    event.outcome !== observation.outcome
  ) {
    throw new Error(
      `alert event ${event.provider}/${event.objectId}/${event.outcome} does not match its observation ` +
        `${observation.provider}/${observation.objectId}/${observation.outcome}`,
    );
  }
}
