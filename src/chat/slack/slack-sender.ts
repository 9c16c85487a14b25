/**
 * The ChatSender alerts use: chat.postMessage of a rendered Reply. Rate
 * limits are not waited out here (rejectRateLimitedCalls): the outbox owns
 * retries and gets Slack's Retry-After in the DeliveryError. It says whether
 * a digest fits one message with the render it then posts, and paces alerts
 * at Slack's documented rate (limits.ts).
 *
 * It also offers the optional members of the ChatSender port
 * (domain/delivery.ts) that close the exactly-once window: a message tagged
 * with a delivery key in its metadata (docs.slack.dev/messaging/message-metadata),
 * and a look back through the channel's history for that key after a crash.
 */
import type { webApi } from '@slack/bolt';
import type { Locale } from '../../domain/chat.js';
import type { ChatSender } from '../../domain/delivery.js';
import type { Reply } from '../../domain/reply.js';
import { silentLogger, type Logger } from '../../log.js';
import { renderOnce } from '../render-once.js';
import { toDeliveryError } from './client.js';
import { slackPace } from './limits.js';
import { fitsOneMessage, renderSlack } from './render.js';

export interface SlackSender extends ChatSender {
  platform: 'slack';
  /** Posts like send() and tags the message with `deliveryKey` (message metadata, visible to apps only). */
  sendTagged(chatId: string, reply: Reply, deliveryKey: string): Promise<void>;
  /** True when a message tagged `deliveryKey` was posted in the channel since `since`; false when it cannot tell. */
  wasDelivered(chatId: string, deliveryKey: string, since: Date): Promise<boolean>;
  /** auth.test: resolves when the bot token works. */
  checkAuth(): Promise<void>;
}

/** The metadata event type of alert messages; its payload holds only the random delivery key. */
export const ALERT_EVENT_TYPE = 'kyc_desk_alert';
/** conversations.history pages of 200 messages (its documented maximum is 999); enough for any crash window. */
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 5;

export function createSlackSender(client: webApi.WebClient, locale: Locale, log: Logger = silentLogger): SlackSender {
  const render = renderOnce((reply) => renderSlack(reply, { locale }));
  const post = async (chatId: string, reply: Reply, deliveryKey?: string): Promise<void> => {
    const message = render(reply);
    try {
      await client.chat.postMessage({
        channel: chatId,
        ...message,
        // Unfurling a receipt image or verification link would copy it into the channel.
        unfurl_links: false,
        unfurl_media: false,
        ...(deliveryKey ? { metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { delivery_key: deliveryKey } } } : {}),
      });
    } catch (error) {
      throw toDeliveryError(error);
    }
  };

  return {
    platform: 'slack',
    fits: (reply) => fitsOneMessage(reply, render(reply)),
    pace: slackPace,
    send: (chatId, reply) => post(chatId, reply),
    async checkAuth() {
      try {
        await client.auth.test();
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    sendTagged: (chatId, reply, deliveryKey) => post(chatId, reply, deliveryKey),
    async wasDelivered(chatId, deliveryKey, since) {
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page += 1) {
        let result: webApi.ConversationsHistoryResponse;
        try {
          result = await client.conversations.history({
            channel: chatId,
            oldest: (since.getTime() / 1000).toFixed(6),
            include_all_metadata: true,
            limit: HISTORY_PAGE,
            ...(cursor ? { cursor } : {}),
          });
        } catch (error) {
          // Without history (missing scope, not a member, Slack down) we cannot tell: the alert is sent again.
          log.warn({ chatId, reason: toDeliveryError(error).reason }, 'slack history not readable; an in-doubt alert may repeat');
          return false;
        }
        const found = (result.messages ?? []).some(
          (message) =>
            message.metadata?.event_type === ALERT_EVENT_TYPE &&
            (message.metadata.event_payload as { delivery_key?: unknown } | undefined)?.delivery_key === deliveryKey,
        );
        if (found) return true;
        cursor = result.response_metadata?.next_cursor;
        if (!result.has_more || !cursor) return false;
      }
      return false;
    },
  };
}
