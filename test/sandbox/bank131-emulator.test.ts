import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 41 });
});
afterAll(() => sandbox.close());

async function check(id: string, options: { project?: string | null; prefix?: string; method?: string } = {}) {
  const origin = new URL(sandbox.urls.bank131).origin;
  const project = options.project === undefined ? sandbox.credentials.bank131Project : options.project;
  const response = await fetch(`${origin}${options.prefix ?? '/api/v1.1'}/check/${id}`, {
    method: options.method ?? 'GET',
    headers: project === null ? {} : { 'X-PARTNER-PROJECT': project },
  });
  return { status: response.status, body: (await response.json()) as any };
}

const byKind = (kind: string) => sandbox.data.checks.find((c) => (c.errorCode ?? c.status) === kind)!;

describe('Bank 131 emulator', () => {
  it('answers 422 when X-PARTNER-PROJECT is missing', async () => {
    const { status, body } = await check(byKind('ok').id, { project: null });
    expect(status).toBe(422);
    expect(body.status).toBe('error');
  });

  it('answers partner_project_not_found for an unknown project', async () => {
    const { status, body } = await check(byKind('ok').id, { project: 'nobody' });
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'error', error: { code: 'partner_project_not_found', description: 'partner project not found' } });
  });

  it('answers an ok check exactly in the documented shape, on both API versions', async () => {
    const ok = byKind('ok');
    const expected = { status: 'ok', data: { id: ok.id, description: 'valid', participant: { reference: ok.participantReference } } };
    expect((await check(ok.id)).body).toEqual(expected);
    expect((await check(ok.id, { prefix: '/api/v1.1' })).body).toEqual(expected);
    // The live server documents POST for the same call.
    expect((await check(ok.id, { method: 'POST' })).body).toEqual(expected);
  });

  it('answers a pending check and each documented error', async () => {
    // Answers about a person name them by the merchant's reference (the Love&Pay customer id in the demo).
    const pending = byKind('pending');
    expect((await check(pending.id)).body).toEqual({
      status: 'pending',
      data: { id: pending.id, description: 'Check in progress', participant: { reference: pending.customerId } },
    });
    expect((await check(byKind('invalid_sign').id)).body).toEqual({ status: 'error', error: { code: 'invalid_sign', description: expect.any(String) } });
    for (const code of ['passport_validation_failure', 'inn_validation_failure']) {
      const verdict = byKind(code);
      expect((await check(verdict.id)).body).toEqual({
        status: 'error',
        error: { code, description: expect.any(String) },
        data: { participant: { reference: verdict.customerId } },
      });
    }
    const duplicate = byKind('already_exists');
    expect((await check(duplicate.id)).body).toEqual({
      status: 'error',
      error: { code: 'already_exists', description: 'Request with the same data already exists' },
      data: { id: duplicate.earlierCheckId },
    });
  });

  it('answers request_not_found for an id it never issued', async () => {
    const { body } = await check('424242');
    expect(body.error.code).toBe('request_not_found');
  });
});
