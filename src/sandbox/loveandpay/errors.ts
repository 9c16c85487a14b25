/**
 * Love&Pay's two error shapes (DESIGN.md, "Love&Pay API v2"). The emulator
 * answers like a gateway in front of an app: the gateway (headers, signature,
 * rate limit, unknown routes) speaks the flat shape, the API's own handlers
 * (validation, internal errors) the nested one. An unknown record is live's
 * bare 404 `{"error":"Not found"}`.
 */
import type { Outgoing } from '../http-kit.js';

export function nestedError(status: number, code: string, message: string, requestId: string): Outgoing {
  return { status, body: { success: false, error: { code, message, requestId } } };
}

export function flatError(status: number, code: string, error: string, message: string, hint?: string): Outgoing {
  return { status, body: { error, message, ...(hint ? { hint } : {}), code } };
}

export const validationError = (message: string, requestId: string) =>
  nestedError(400, 'VALIDATION_ERROR', message, requestId);

export const notFound = (): Outgoing => ({ status: 404, body: { error: 'Not found' } });
