/**
 * Short ids (issue 15): lists print a Love&Pay UUID's first 8 characters, and
 * any prefix of 8 or more characters of an id the store's index knows finds
 * the object; several matches are a short list to pick from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlerts } from '../../src/alerts/index.js';
import { startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness();
  // The first sweep puts every finished Love&Pay session into the index.
  await createAlerts({ store: harness.store, providers: harness.providers, senders: {} }).sweepOnce();
});
afterAll(() => harness.close());

const approved = () => harness.sandbox.data.sessions.find((s) => s.status === 'APPROVED')!;

describe('short ids', () => {
  it('opens a session from the 8 characters a list shows, and from any longer prefix', async () => {
    const session = approved();
    for (const typed of [session.id.slice(0, 8), session.id.slice(0, 13), session.id.slice(0, 20).toUpperCase()]) {
      const reply = await harness.runCommand(`/kyc ${typed}`, viewer());
      expect(reply.kind, typed).toBe('ok');
      expect(reply.fields?.find((field) => field.label === 'ID')?.value, typed).toBe(session.id);
    }
  });

  it('opens a customer from the first 8 characters of their id', async () => {
    const session = approved();
    const reply = await harness.runCommand(`/customer ${session.customerId.slice(0, 8)}`, viewer());
    expect(reply.fields?.find((field) => field.label === 'ID')?.value).toBe(session.customerId);
  });

  it("answers a customer's short id given to /kyc with the customer, and says so", async () => {
    const { customerId } = approved();
    const reply = await harness.runCommand(`/kyc ${customerId.slice(0, 8)}`, viewer());
    expect(reply.notes?.[0]?.text).toBe(`${customerId.slice(0, 8)} is a customer, not a KYC session.`);
    expect(reply.fields?.find((field) => field.label === 'ID')?.value).toBe(customerId);
  });

  it('lists the matches to pick from when a short id is ambiguous', async () => {
    const ids = ['dbdbdbdb-0000-4000-8000-000000000001', 'dbdbdbdb-1111-4000-8000-000000000002'];
    await harness.store.recordVerifications(
      ids.map((id) => ({ provider: 'loveandpay', objectId: id, customerRef: null, outcome: 'PENDING', native: 'IN_PROGRESS', reason: null, startedAt: null, decidedAt: null })),
      new Date(),
    );
    const reply = await harness.runCommand('/kyc dbdbdbdb', viewer());
    expect(reply).toMatchObject({ kind: 'ok', title: 'Several ids start with dbdbdbdb' });
    expect(reply.items?.map((item) => item.command)).toEqual(ids.map((id) => `/kyc ${id}`));
    expect(reply.notes?.[0]?.text).toBe('Pick one.');
    // A longer prefix only one id has is that id (made up here, so Love&Pay itself does not know it).
    const one = await harness.runCommand('/kyc dbdbdbdb-1', viewer());
    expect(one).toMatchObject({ kind: 'not_found', title: 'KYC session dbdbdbdb-1 not found' });
  });

  it('says when the bot has seen no id that starts so, instead of refusing its shape', async () => {
    const reply = await harness.runCommand('/kyc 0f0f0f0f', viewer());
    expect(reply).toMatchObject({ kind: 'not_found', title: 'No session or customer the bot has seen starts with 0f0f0f0f' });
    expect(reply.notes?.[0]?.text).toBe("Give the whole id; short ids work for what the bot has already seen.");
  });
});
