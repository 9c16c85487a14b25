import { z } from 'zod';
import { ProviderError } from '../errors.js';
import { ProviderHttpClient, type HttpClientOptions } from '../http.js';
import { checkIdSegment } from '../path-segment.js';

/**
 * Bank 131 KYC check status (shared/provider-docs/bank131-check-status.txt).
 * Documented error codes; any other code is kept as it is.
 */
export const BANK131_ERROR_CODES = [
  'invalid_sign',
  'passport_validation_failure',
  'inn_validation_failure',
  'already_exists',
  'request_not_found',
  'partner_project_not_found',
] as const;

const checkResponseSchema = z.looseObject({
  status: z.string(),
  data: z
    .looseObject({
      id: z.union([z.string(), z.number()]).transform(String).nullish(),
      description: z.string().nullish(),
      participant: z.looseObject({ reference: z.union([z.string(), z.number()]).transform(String).nullish() }).nullish(),
    })
    .nullish(),
  error: z.looseObject({ code: z.string(), description: z.string().nullish() }).nullish(),
});

export interface CheckResult {
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

export interface Bank131Credentials {
  baseUrl: string;
  project: string;
}

type Shared = Omit<HttpClientOptions, 'provider' | 'baseUrl' | 'authenticate' | 'readErrorBody'>;

export class Bank131Client {
  private readonly http: ProviderHttpClient;

  constructor(credentials: Bank131Credentials, shared: Shared = {}) {
    this.http = new ProviderHttpClient({
      ...shared,
      provider: 'bank131',
      baseUrl: credentials.baseUrl,
      authenticate: () => ({ 'X-PARTNER-PROJECT': credentials.project }),
      readErrorBody: readBank131Error,
    });
  }

  async getCheck(id: string): Promise<CheckResult> {
    const body = await this.http.get({
      endpoint: 'GET /check/:id',
      path: `/check/${checkIdSegment(id)}`,
      schema: checkResponseSchema,
    });
    const code = body.error?.code;
    // These two codes say the request itself failed, not the person's check.
    if (code === 'request_not_found') {
      throw new ProviderError({ provider: 'bank131', kind: 'not_found', code, message: `check ${id} not found` });
    }
    if (code === 'partner_project_not_found') {
      throw new ProviderError({
        provider: 'bank131',
        kind: 'auth',
        code,
        message: body.error?.description ?? 'partner project not found',
      });
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
}

function readBank131Error(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: { code?: unknown; description?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return {};
  return {
    code: typeof error.code === 'string' ? error.code : undefined,
    message: typeof error.description === 'string' ? error.description : undefined,
  };
}
