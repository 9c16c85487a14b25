/**
 * POST /telegram/webhook on the shared server. grammY's webhookCallback
 * compares X-Telegram-Bot-Api-Secret-Token with the secret in constant time
 * and answers 401 before reading the update when it is wrong or missing
 * (grammy/out/convenience/webhook.js, frameworks.js "http" adapter).
 */
import { webhookCallback, type Bot } from 'grammy';
import type { Route } from '../../domain/front-end.js';
import { answerTooLarge } from '../../server/read-capped-body.js';

/** An update is a few kilobytes; Telegram states the size in Content-Length, so a larger one is refused unread. */
const MAX_UPDATE_BYTES = 1_048_576;

/**
 * Telegram waits for the answer and sends the update again when none comes
 * in time; past this bound the request is answered 200 and the update keeps
 * running, so a slow provider cannot make a command run twice.
 */
const WEBHOOK_ANSWER_WITHIN_MS = 10_000;

export function webhookRoute(bot: Bot, secretToken: string): Route {
  const callback = webhookCallback(bot, 'http', {
    secretToken,
    onTimeout: 'return',
    timeoutMilliseconds: WEBHOOK_ANSWER_WITHIN_MS,
  });
  return {
    method: 'POST',
    path: '/telegram/webhook',
    handle: async (request, response) => {
      if (Number(request.headers['content-length'] ?? 0) > MAX_UPDATE_BYTES) return answerTooLarge(request, response, MAX_UPDATE_BYTES);
      await callback(request, response);
    },
  };
}
