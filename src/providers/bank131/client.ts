import { z } from 'zod';
import { bank131Outcome, type Status } from '../../domain/outcome.js';
import { ProviderError } from '../errors.js';
import { ProviderHttpClient, type SharedHttpOptions } from '../http.js';
import { checkIdSegment } from '../path-segment.js';

/**
 * Bank 131 KYC check status (shared/provider-docs/bank131-check-status.txt;
 * DESIGN.md, "Bank 131 KYC"). Of the six documented error codes, two are the
 * bank's verdict on the person (DECLINED), one points at an earlier check,
 * and three are faults of the request or the setup: those are thrown as
 * ProviderErrors, so no caller can mistake them for a verdict.
 */
export const BANK131_ERROR_CODES = [
  'invalid_sign',
  'passport_validation_failure',
  'inn_validation_failure',
  'already_exists',
  'request_not_found',
  'partner_project_not_found',
] as const;

const idSchema = z.union([z.string(), z.number()]).transform(String);

const checkResponseSchema = z.looseObject({
  status: z.string(),
  data: z
    .looseObject({
      id: idSchema.nullish(),
      description: z.string().nullish(),
      participant: z.looseObject({ reference: idSchema.nullish() }).nullish(),
    })
    .nullish(),
  error: z.looseObject({ code: z.string(), description: z.string().nullish() }).nullish(),
});

export interface CheckAnswer {
  /** The id that was asked for. */
  id: string;
  /** ok | pending | error, or a status the docs do not list yet. */
  status: string;
  description: string | null;
  participantReference: string | null;
  error: { code: string; description: string | null } | null;
  /** For already_exists: the earlier check's id (docs: "data.id"). */
  earlierCheckId: string | null;
}

/**
 * A check as the bot reads it: the answer for the id asked, and for
 * already_exists the earlier check's own answer, read once (never followed
 * further, so two checks pointing at each other cannot loop).
 */
export interface CheckResult extends CheckAnswer {
  earlier: { answer: CheckAnswer } | { failure: ProviderError } | null;
}

export interface Bank131Credentials {
  baseUrl: string;
  project: string;
}

export class Bank131Client {
  private readonly http: ProviderHttpClient;

  constructor(credentials: Bank131Credentials, shared: SharedHttpOptions = {}) {
    this.http = new ProviderHttpClient({
      ...shared,
      provider: 'bank131',
      baseUrl: credentials.baseUrl,
      // The doc's request example sends it, although the body is empty.
      headers: { 'content-type': 'application/json' },
      authenticate: () => ({ 'X-PARTNER-PROJECT': credentials.project }),
      readErrorBody: readBank131Error,
    });
  }

  /** The check and, for already_exists, the earlier check it points at (one extra request). */
  async getCheck(id: string): Promise<CheckResult> {
    const answer = await this.readAnswer(id);
    const earlierId = answer.earlierCheckId;
    if (!earlierId || earlierId === id) return { ...answer, earlier: null };
    try {
      return { ...answer, earlier: { answer: await this.readAnswer(earlierId) } };
    } catch (error) {
      if (error instanceof ProviderError) return { ...answer, earlier: { failure: error } };
      throw error;
    }
  }

  private async readAnswer(id: string): Promise<CheckAnswer> {
    const body = await this.fetchCheck(id);
    const code = body.error?.code;
    if (code === 'request_not_found') {
      throw new ProviderError({ provider: 'bank131', kind: 'not_found', code, message: `check ${id} not found` });
    }
    if (code === 'partner_project_not_found') {
      throw new ProviderError({ provider: 'bank131', kind: 'auth', code, message: 'partner project not found' });
    }
    if (code === 'invalid_sign') {
      throw new ProviderError({ provider: 'bank131', kind: 'bad_request', code, message: 'check request signature invalid' });
    }
    return {
      id,
      status: body.status,
      description: body.data?.description ?? null,
      participantReference: body.data?.participant?.reference ?? null,
      error: body.error ? { code: body.error.code, description: body.error.description ?? null } : null,
      earlierCheckId: code === 'already_exists' ? (body.data?.id ?? null) : null,
    };
  }

  /**
   * The bank answers every check, known or not, with HTTP 200 (an unknown id
   * is request_not_found in the body); a 404 means the address is wrong.
   */
  private async fetchCheck(id: string) {
    try {
      return await this.http.get({ endpoint: 'GET /check/:id', path: `/check/${checkIdSegment(id)}`, schema: checkResponseSchema });
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404) {
        throw new ProviderError({ ...error, kind: 'bad_request', code: 'wrong_address', message: 'HTTP 404: no such address at Bank 131' });
      }
      throw error;
    }
  }
}

/**
 * The answer that decides a check's outcome: its own, or for already_exists
 * the earlier check's. Null when that is unknown (the earlier check could not
 * be read, or is itself already_exists).
 */
export function decidingAnswer(result: CheckResult): CheckAnswer | null {
  if (!result.earlierCheckId) return result;
  if (!result.earlier || !('answer' in result.earlier)) return null;
  return result.earlier.answer.earlierCheckId ? null : result.earlier.answer;
}

/** The outcome of a check in the shared vocabulary, already_exists resolved to the earlier check's. */
export function checkOutcome(result: CheckResult): Status {
  const answer = decidingAnswer(result);
  if (!answer) return { outcome: 'UNKNOWN', native: result.error?.code ?? result.status };
  return bank131Outcome(answer.status, answer.error?.code);
}

function readBank131Error(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: { code?: unknown; description?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return {};
  return {
    code: typeof error.code === 'string' ? error.code : undefined,
    message: typeof error.description === 'string' ? error.description : undefined,
  };
}
