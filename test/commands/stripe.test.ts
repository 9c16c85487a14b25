import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness();
});
afterAll(() => harness.close());

const stripeSessions = () => harness.sandbox.data.stripeSessions;

describe('/kyc stripe', () => {
  it('lists the newest Stripe sessions with outcome, native status and the last error in words', async () => {
    const text = await harness.consoleText(['/kyc stripe'], viewer());
    const newest = stripeSessions()[0]!;
    expect(text).toContain('Stripe Identity sessions');
    expect(text).toContain(`• ${newest.id}  [`);
    expect(text).toContain(`→ /kyc ${newest.id}`);
    const failed = stripeSessions()
      .slice(0, 10)
      .find((s) => s.status === 'requires_input' && s.last_error);
    expect(failed, 'the seed has a failed session among the newest ten').toBeDefined();
    expect(text).toContain(`• ${failed!.id}  [DECLINED · requires_input]`);
  });

  it('pages with Stripe cursors: Next carries after:<last id>, and the next page offers Prev', async () => {
    expect(stripeSessions().length).toBeGreaterThan(10);
    const page1 = await harness.runCommand('/kyc stripe', viewer());
    const tenth = stripeSessions()[9]!.id;
    expect(page1.actions).toEqual([{ label: 'Next', role: 'page', command: `/kyc stripe after:${tenth}` }]);
    const page2 = await harness.runCommand(`/kyc stripe after:${tenth}`, viewer());
    expect(page2.items?.[0]?.title).toBe(stripeSessions()[10]!.id);
    expect(page2.actions?.[0]).toEqual({ label: 'Prev', role: 'page', command: `/kyc stripe before:${stripeSessions()[10]!.id}` });
  });

  it('says the page cursor was not found when it names no Stripe session', async () => {
    const reply = await harness.runCommand('/kyc stripe after:vs_1NoSuchSessionAtAll00', viewer());
    expect(reply.kind).toBe('not_found');
    expect(reply.title).toMatch(/^Stripe session vs_1NoSuch.* not found$/);
  });

  it('filters by status', async () => {
    const reply = await harness.runCommand('/kyc stripe verified', viewer());
    expect(reply.items?.length).toBeGreaterThan(0);
    expect(reply.items?.every((item) => item.badge?.native === 'verified' && item.badge.outcome === 'APPROVED')).toBe(true);
  });
});

describe('/kyc vs_...', () => {
  it('explains selfie_face_mismatch in words', async () => {
    const session = stripeSessions().find((s) => s.status === 'processing' || s.status === 'requires_input')!;
    harness.sandbox.control.setStripeStatus(session.id, 'requires_input', 'selfie_face_mismatch');
    const text = await harness.consoleText([`/kyc ${session.id}`], viewer());
    expect(text).toContain(`Stripe Identity session ${session.id}\nDECLINED · requires_input`);
    expect(text).toContain('Last error: selfie does not match the document (selfie_face_mismatch)');
  });

  it('shows a verified session as APPROVED with no error', async () => {
    const session = stripeSessions().find((s) => s.status === 'verified')!;
    const reply = await harness.runCommand(`/kyc ${session.id}`, admin());
    expect(reply.badge).toEqual({ outcome: 'APPROVED', native: 'verified' });
    expect(reply.fields?.some((f) => f.label === 'Last error')).toBe(false);
  });

  it('links the client reference to the customer when it is a Love&Pay customer id', async () => {
    const session = stripeSessions().find((s) => s.client_reference_id && /^[0-9a-f-]{36}$/.test(s.client_reference_id))!;
    const reply = await harness.runCommand(`/kyc ${session.id}`, viewer());
    expect(reply.actions).toContainEqual({ label: 'Open customer', role: 'open', command: `/customer ${session.client_reference_id}` });
  });

  it('explains the error in Russian', async () => {
    const session = stripeSessions().find((s) => s.status === 'requires_input')!;
    harness.sandbox.control.setStripeStatus(session.id, 'requires_input', 'document_expired');
    const text = await harness.consoleText([`/kyc ${session.id}`], viewer('ru'));
    expect(text).toContain('Последняя ошибка: срок действия документа истёк (document_expired)');
  });

  it('says which Stripe session was not found', async () => {
    const reply = await harness.runCommand('/kyc vs_doesNotExist123', viewer());
    expect(reply.kind).toBe('not_found');
    expect(reply.title).toBe('Stripe session vs_doesNotExist123 not found');
  });
});
