/** Stripe-shaped errors (Stripe API reference, "Errors"): {error:{type, code, message, param}}. */
import type { Outgoing } from '../http-kit.js';

export function stripeError(
  status: number,
  type: string,
  message: string,
  extra: { code?: string; param?: string } = {},
): Outgoing {
  return { status, body: { error: { type, message, ...extra } } };
}

export const invalidParam = (param: string, message: string, code = 'parameter_invalid') =>
  stripeError(400, 'invalid_request_error', message, { code, param });

export const resourceMissing = (kind: string, id: string, param = 'id') =>
  stripeError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param });
