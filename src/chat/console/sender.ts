/**
 * Alerts in the console chat: the sandbox demo shows them in the terminal,
 * between the answers, as the demo clock moves sessions.
 */
import type { Writable } from 'node:stream';
import type { ChatSender } from '../../domain/delivery.js';
import { renderText } from './render.js';

export const CONSOLE_CHAT_ID = 'console';

export function createConsoleSender(output: Writable): ChatSender {
  return {
    platform: 'console',
    send: async (_chatId, reply) => {
      output.write(`${renderText(reply)}\n\n`);
    },
  };
}
