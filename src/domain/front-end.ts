/**
 * A chat front end (Slack, Telegram): how people reach the app, and how the
 * app reaches them. Like Bolt's Receiver it only carries events; app/ starts
 * every configured one, mounts its routes on the one HTTP server, gives its
 * sender to alerts and asks it for readiness, without knowing which it is.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Platform } from './chat.js';
import type { ChatSender } from './delivery.js';

/** One path on the shared HTTP server (chat/http-server.ts only dispatches). */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle(request: IncomingMessage, response: ServerResponse): void | Promise<void>;
}

export interface ChatFrontEnd {
  platform: Platform;
  /** How it is connected, for the start-up log: 'http', 'socket', 'webhook', 'long polling'. */
  mode: string;
  /** Its paths on the shared server ([] when it connects out: Socket Mode, long polling). */
  routes: Route[];
  /** Sends alerts and notices; failures are DeliveryErrors. */
  sender: ChatSender;
  /** Checks the token and connects; throws one clear line when it cannot. */
  start(): Promise<void>;
  /** Takes no new work and lets what is in flight finish (bounded); safe to call twice. */
  stop(): Promise<void>;
  /** For /readyz. */
  isConnected(): boolean;
  /**
   * What an overview shows changed (a review action, a new alert, a
   * subscription): a front end that keeps one on screen (Slack's App Home)
   * refreshes it, paced per person. Optional: Telegram's is a message.
   */
  stateChanged?(): void;
}
