import { ProviderError } from '../errors.js';
import { readJson, type Layer, type ProviderRequest, type ProviderResponse, type SchemaIssue } from './call.js';

/**
 * Validation: a 2xx answer must be JSON of the request's documented shape,
 * or it fails as invalid_response naming the field that broke (never its
 * value). The parsed value travels on as `data`. Never retried: it sits
 * outside withRetry, as the same request would bring the same answer.
 */
export function withValidation(): Layer {
  return (next) => async (request) => {
    const response = await next(request);
    if (!request.schema) return response;
    const json = readJson(response);
    if (!json.ok) throw invalidResponse(request, response, `the answer to ${request.endpoint} was not JSON`);
    const result = request.schema.safeParse(json.value);
    if (result.success) return { ...response, data: result.data };
    const issues = describeIssues(result.error);
    throw invalidResponse(request, response, `the answer to ${request.endpoint} did not have the documented shape (${issues})`);
  };
}

function invalidResponse(request: ProviderRequest, response: ProviderResponse, message: string): ProviderError {
  return new ProviderError({
    provider: request.provider,
    kind: 'invalid_response',
    message,
    status: response.status,
    requestId: response.requestId,
    attempts: response.attempts,
  });
}

/**
 * The first few places an answer broke its schema, for error messages. Zod
 * issues name paths and expected types, never the received values, so no
 * personal data leaks here.
 */
export function describeIssues(error: { issues: readonly SchemaIssue[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
