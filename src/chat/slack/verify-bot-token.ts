/**
 * One auth.test at start: a revoked or mistyped SLACK_BOT_TOKEN should stop
 * start-up with a clear line, not surface later as failed answers. A network
 * blip only warns; answers work as soon as Slack is reachable again.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { toDeliveryError } from './delivery-error.js';

export async function verifyBotToken(client: webApi.WebClient, log: Logger): Promise<void> {
  try {
    const result = await client.auth.test();
    log.info({ team: result.team_id, botUser: result.user_id }, 'slack bot token verified');
  } catch (error) {
    const failure = toDeliveryError(error);
    if (failure.scope === 'platform') throw new Error(`SLACK_BOT_TOKEN: Slack rejected the bot token (${failure.reason})`);
    log.warn({ reason: failure.reason }, 'slack auth.test failed; starting anyway');
  }
}
