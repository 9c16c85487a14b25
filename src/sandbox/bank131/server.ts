/**
 * The Bank 131 KYC emulator (shared/provider-docs/bank131-check-status.txt).
 * Routes: GET (and POST, which the live server documents) /api/v1.1/check/{id},
 * the prefix of the seed doc; anything else is a 404, as a wrong address is at
 * the bank. X-PARTNER-PROJECT is required (422 without it); the answer objects
 * below come with HTTP 200, as the docs describe them, including
 * request_not_found and partner_project_not_found.
 */
import { randomUUID } from 'node:crypto';
import type { FaultReplies, Handler, Outgoing } from '../http-kit.js';
import { matchPath } from '../http-kit.js';
import { BANK131_DESCRIPTIONS } from '../seed/checks.js';
import type { SandboxState } from '../state.js';
import type { Bank131Check } from '../types.js';

const BANK131_PREFIX = '/api/v1.1';

export const newBank131RequestId = () => randomUUID();

export function bank131Handler(state: SandboxState, project: string): Handler {
  return (request) => {
    const id = matchPath(`${BANK131_PREFIX}/check/:id`, request.rawPath)?.id;
    if (id === undefined || (request.method !== 'GET' && request.method !== 'POST')) {
      return { status: 404, body: { status: 'error', error: { code: 'not_found', description: 'Route not found' } } };
    }
    const given = request.headers['x-partner-project'];
    if (typeof given !== 'string' || given.trim() === '') {
      return validationFailure('X-PARTNER-PROJECT header is required');
    }
    if (given !== project) return errorAnswer('partner_project_not_found');
    if (!/^\d{1,19}$/.test(id)) return validationFailure('id must be a number');
    const check = state.checks.get(id);
    return check ? { status: 200, body: present(check) } : errorAnswer('request_not_found');
  };
}

/**
 * A check as the bank answers it. `data.participant.reference` (the
 * merchant's reference for the person, optional in every answer by the doc's
 * response table) comes with every answer about a person: ok, pending and
 * the two verdicts (test/fixtures/providers/bank131/*-with-participant.json).
 */
export function present(check: Bank131Check) {
  const participant = check.participantReference ? { participant: { reference: check.participantReference } } : {};
  if (check.status === 'error') {
    return {
      status: 'error',
      error: { code: check.errorCode, description: check.errorDescription },
      // Only already_exists points somewhere: data.id is the earlier check (docs, "Data already verified").
      ...(check.earlierCheckId ? { data: { id: check.earlierCheckId } } : check.participantReference ? { data: participant } : {}),
    };
  }
  return {
    status: check.status,
    data: { id: check.id, description: check.description, ...participant },
  };
}

function errorAnswer(code: string): Outgoing {
  return { status: 200, body: { status: 'error', error: { code, description: BANK131_DESCRIPTIONS[code] ?? code } } };
}

function validationFailure(description: string): Outgoing {
  return { status: 422, body: { status: 'error', error: { code: 'validation_error', description } } };
}

export const bank131Faults: FaultReplies = {
  failure: (status) => ({
    status,
    body: { status: 'error', error: { code: 'internal_error', description: 'Internal server error' } },
  }),
  rateLimited: () => ({
    status: 429,
    body: { status: 'error', error: { code: 'too_many_requests', description: 'Too many requests' } },
  }),
};
