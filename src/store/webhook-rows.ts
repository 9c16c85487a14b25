/**
 * webhook_events rows, as both databases return them, to WebhookEvent: a
 * time as epoch milliseconds (SQLite) or a Date (pg), the observation as
 * JSON text (SQLite) or the value itself (pg jsonb); and the SQL both
 * stores share about outcomes only a webhook has committed.
 */
import type { Observation } from './types.js';
import type { WebhookEvent, WebhookProvider } from './webhook-types.js';

export interface WebhookEventRow {
  provider: WebhookProvider;
  event_id: string;
  type: string;
  object_id: string;
  occurred_at: Date | number;
  received_at: Date | number;
  observation: Observation | string | null;
  attempts: number;
}

/** The columns toWebhookEvent reads. */
export const WEBHOOK_EVENT_COLUMNS = 'provider, event_id, type, object_id, occurred_at, received_at, observation, attempts';

export function toWebhookEvent(row: WebhookEventRow): WebhookEvent {
  return {
    provider: row.provider,
    eventId: row.event_id,
    type: row.type,
    objectId: row.object_id,
    occurredAt: new Date(row.occurred_at),
    receivedAt: new Date(row.received_at),
    observation: typeof row.observation === 'string' ? (JSON.parse(row.observation) as Observation) : row.observation,
    attempts: row.attempts,
  };
}

/**
 * knownObjectIds' filter, the same SQL in both stores: an outcome only a
 * webhook has committed (CommitObservations.fromWebhook) is not known yet to
 * a sweep counting a final list's growth.
 */
export const NOT_UNSWEPT = `NOT EXISTS (SELECT 1 FROM unswept_outcomes u
  WHERE u.provider = observations.provider AND u.object_id = observations.object_id AND u.outcome = observations.outcome)`;
