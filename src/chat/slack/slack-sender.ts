/**
 * The ChatSender alerts use: chat.postMessage of a rendered Reply. Rate
 * limits are not waited out here (rejectRateLimitedCalls): the outbox owns
 * retries and gets Slack's Retry-After in the DeliveryError. It says whether
 * a digest fits one message with the render it then posts, and paces alerts
 * at Slack's documented rate (limits.ts).
 *
 * It also offers the optional members of the ChatSender port
 * (domain/delivery.ts): a card's message as channel + ts, edited with
 * chat.update and answered in its thread (thread_ts), its permalink
 * (chat.getPermalink), and what closes the exactly-once window: a message
 * tagged with a delivery key in its metadata (docs.slack.dev/messaging/message-metadata),
 * and a look back through the channel's history (or the card's thread) for
 * that key after a crash.
 */
import type { webApi } from '@slack/bolt';
import type { Locale } from '../../domain/chat.js';
import { DeliveryError, type ChatSender, type MessageRef, type SendOptions } from '../../domain/delivery.js';
import { forAskerOnly, type Reply } from '../../domain/reply.js';
import { silentLogger, type Logger } from '../../log.js';
import { renderOnce } from '../render-once.js';
import { toDeliveryError } from './client.js';
import { slackPace } from './limits.js';
import { fitsOneMessage, renderSlack } from './render.js';
import { createFileUploader } from './upload-file.js';

export interface SlackSender extends ChatSender {
  platform: 'slack';
  send(chatId: string, reply: Reply, options?: SendOptions): Promise<MessageRef>;
  edit(message: MessageRef, reply: Reply): Promise<void>;
  findDelivered(chatId: string, deliveryKey: string, since: Date, thread?: MessageRef): Promise<MessageRef | null>;
  permalink(message: MessageRef): Promise<string | null>;
  /** auth.test: resolves when the bot token works. */
  checkAuth(): Promise<void>;
}

/** The metadata event type of alert messages; its payload holds only the random delivery key. */
export const ALERT_EVENT_TYPE = 'kyc_desk_alert';
/** conversations.history pages of 200 messages (its documented maximum is 999); enough for any crash window. */
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 5;
/**
 * chat.update's errors for a message that cannot be edited any more
 * (docs.slack.dev/reference/methods/chat.update, "Errors"): it was deleted,
 * or it is not one this bot may edit. The card is then posted afresh.
 */
const MESSAGE_GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

type HistoryPage = Pick<webApi.ConversationsHistoryResponse, 'messages' | 'has_more' | 'response_metadata'>;

export function createSlackSender(client: webApi.WebClient, locale: Locale, log: Logger = silentLogger): SlackSender {
  const render = renderOnce((reply) => renderSlack(reply, { locale }));
  const uploadFile = createFileUploader(client);
  const post = async (chatId: string, reply: Reply, options: SendOptions = {}): Promise<MessageRef> => {
    const message = render(reply);
    try {
      const posted = await client.chat.postMessage({
        channel: chatId,
        ...message,
        // Unfurling a receipt image or verification link would copy it into the channel.
        unfurl_links: false,
        unfurl_media: false,
        ...(options.replyTo ? { thread_ts: options.replyTo.messageId } : {}),
        ...(options.deliveryKey ? { metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { delivery_key: options.deliveryKey } } } : {}),
      });
      return { chatId: posted.channel ?? chatId, messageId: posted.ts ?? '' };
    } catch (error) {
      throw toDeliveryError(error);
    }
  };

  /** Pages of the channel's history, or of one thread's replies, from `since`; null when Slack will not show them. */
  const readPage = async (chatId: string, since: Date, thread: MessageRef | undefined, cursor: string | undefined): Promise<HistoryPage | null> => {
    const common = {
      channel: chatId,
      oldest: (since.getTime() / 1000).toFixed(6),
      include_all_metadata: true,
      limit: HISTORY_PAGE,
      ...(cursor ? { cursor } : {}),
    };
    try {
      // A reply in a thread is not in the channel's history (docs.slack.dev/reference/methods/conversations.replies).
      return thread ? await client.conversations.replies({ ...common, ts: thread.messageId }) : await client.conversations.history(common);
    } catch (error) {
      // Without history (missing scope, not a member, Slack down) we cannot tell: the alert is sent again.
      log.warn({ chatId, reason: toDeliveryError(error).reason }, 'slack history not readable; an in-doubt alert may repeat');
      return null;
    }
  };

  const findDelivered = async (chatId: string, deliveryKey: string, since: Date, thread?: MessageRef): Promise<MessageRef | null> => {
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const result = await readPage(chatId, since, thread, cursor);
      if (!result) return null;
      const found = (result.messages ?? []).find(
        (message) =>
          message.metadata?.event_type === ALERT_EVENT_TYPE &&
          (message.metadata.event_payload as { delivery_key?: unknown } | undefined)?.delivery_key === deliveryKey,
      );
      if (found?.ts) return { chatId, messageId: found.ts };
      cursor = result.response_metadata?.next_cursor;
      if (!result.has_more || !cursor) return null;
    }
    return null;
  };

  return {
    platform: 'slack',
    fits: (reply) => fitsOneMessage(reply, render(reply)),
    pace: slackPace,
    async send(chatId, reply, options) {
      const posted = await post(chatId, reply, options);
      // A file for the whole chat (a daily summary's chart) follows its message into the channel. A failed
      // upload is logged and the message stays delivered: sending again would post the message twice.
      if (reply.attachment && !forAskerOnly(reply.attachment)) {
        await uploadFile({ channelId: posted.chatId }, reply.attachment).catch((error: unknown) => {
          const reason = toDeliveryError(error).reason;
          log.warn({ chatId, reason }, 'slack: the file after a message could not be uploaded');
          options?.onFileFailed?.(reason);
        });
      }
      return posted;
    },
    async edit(target, reply) {
      try {
        await client.chat.update({ channel: target.chatId, ts: target.messageId, ...render(reply) });
      } catch (error) {
        const failure = toDeliveryError(error);
        if (MESSAGE_GONE.has(failure.reason)) throw new DeliveryError(`Slack cannot edit the card: ${failure.reason}`, 'message', failure.reason);
        throw failure;
      }
    },
    async permalink(target) {
      try {
        const answer = await client.chat.getPermalink({ channel: target.chatId, message_ts: target.messageId });
        return answer.permalink ?? null;
      } catch (error) {
        log.warn({ reason: toDeliveryError(error).reason }, 'slack permalink not available; the card is kept without a link');
        return null;
      }
    },
    async checkAuth() {
      try {
        await client.auth.test();
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    findDelivered,
  };
}
