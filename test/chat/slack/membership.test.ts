/**
 * Who is in which channel (membership.ts) against the fake Slack Web API over
 * HTTP: a Slack failure is never taken as "not a member". The last answer
 * kept stands, however old; without one the answer is `unknown`. And the
 * App Home follows for refreshes only the people it had something to show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotClient, slackClientOptions, createBoltLogger } from '../../../src/chat/slack/client.js';
import { createHome } from '../../../src/chat/slack/home.js';
import { createMembership } from '../../../src/chat/slack/membership.js';
import { viewMetadataKey } from '../../../src/chat/slack/view-metadata.js';
import { silentLogger } from '../../../src/log.js';
import { rateLimited, startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { waitFor } from '../../support/wait-for.js';

const CHANNEL = 'CKYC0001';
const policy = { allowedChannels: [CHANNEL], admins: [] };

describe('Slack membership', () => {
  let fake: FakeSlack;
  const client = () => createBotClient('xoxb-test', slackClientOptions(createBoltLogger(silentLogger), fake.apiUrl));

  beforeAll(async () => {
    fake = await startFakeSlack();
  });

  afterAll(async () => {
    await fake.close();
  });

  it('keeps the last good answer when Slack fails after it expired, and says unknown when there is none', async () => {
    let now = 0;
    const membership = createMembership(client(), policy, silentLogger, { ttlMs: 60_000, now: () => now });
    fake.setMemberships('UKNOWN01', [CHANNEL]);
    expect(await membership.accessChannel('UKNOWN01')).toEqual({ kind: 'member', channel: CHANNEL });
    expect(await membership.isMember('UKNOWN01', CHANNEL)).toBe(true);

    now = 10 * 60_000;
    fake.answerAlways('users.conversations', rateLimited(30));
    try {
      // Expired and Slack rate-limited: the member stays a member.
      expect(await membership.accessChannel('UKNOWN01')).toEqual({ kind: 'member', channel: CHANNEL });
      expect(await membership.isMember('UKNOWN01', CHANNEL)).toBe(true);
      // Someone never looked up: neither a member nor outside.
      expect(await membership.accessChannel('UNEVER01')).toEqual({ kind: 'unknown' });
      expect(await membership.isMember('UNEVER01', CHANNEL)).toBe('unknown');
    } finally {
      fake.answerNormally('users.conversations');
    }
    // Slack answers again: someone in no allowed channel is outside, and not in the channel.
    fake.setMemberships('UNEVER01', ['CGENERAL']);
    expect(await membership.accessChannel('UNEVER01')).toEqual({ kind: 'outside' });
    expect(await membership.isMember('UNEVER01', CHANNEL)).toBe(false);
    // A direct message is only ever seen by its own people: no call needed.
    const calls = fake.calls('users.conversations').length;
    expect(await membership.isMember('UNEVER01', 'D0DIRECT')).toBe(true);
    expect(fake.calls('users.conversations')).toHaveLength(calls);
  });

  it('lets the App Home follow a member for refreshes, and not someone in no allowed channel', async () => {
    fake.setMemberships('UMEMBER1', [CHANNEL]);
    fake.setMemberships('UOUTSIDE', ['CGENERAL']);
    const botClient = client();
    const home = createHome(
      {
        runCommand: async () => ({ kind: 'ok', title: 'unused' }),
        policy,
        locale: 'en',
        log: silentLogger,
        client: botClient,
        overview: async () => [{ kind: 'ok', title: 'KYC Desk' }],
        membership: createMembership(botClient, policy, silentLogger),
        metadataKey: viewMetadataKey('xoxb-test'),
      },
      { spacingMs: 0 },
    );
    try {
      const opened = (user: string) =>
        home.opened({ event: { type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home', event_ts: '1700000000.000100' } } as Parameters<typeof home.opened>[0]);
      await opened('UOUTSIDE');
      await opened('UMEMBER1');
      await waitFor(() => fake.published('UOUTSIDE')[0] && fake.published('UMEMBER1')[0], { message: 'both Homes published' });
      // The publish resolves before the refresh decides whom it follows: wait for that, not for time.
      await waitFor(() => (home.refresh.size === 1 ? true : undefined), { message: 'only the member followed' });
      expect(home.refresh.size).toBe(1);
    } finally {
      home.refresh.stop();
    }
  });
});
