/**
 * How Slack reaches the app, kept apart from what the app does (STYLE.md,
 * "Transport apart from logic"): Bolt's own HTTPReceiver mounted on the shared
 * server, or Bolt's SocketModeReceiver when an app-level token is set.
 */
import { HTTPReceiver, SocketModeReceiver, type Logger as BoltLogger, type Receiver, type webApi } from '@slack/bolt';
import type { Route } from '../../domain/front-end.js';
import type { Logger } from '../../log.js';
import { SLACK_BODY_LIMIT_BYTES, slackEventsRoute, type RequestMemory } from './events-route.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackTransport {
  mode: 'http' | 'socket';
  receiver: Receiver;
  routes: Route[];
  /** Only Socket Mode has something to connect; App.start() would start a server of its own in HTTP mode. */
  connects: boolean;
  isConnected(): boolean;
  markStopped(): void;
}

export interface TransportOptions {
  signingSecret?: string;
  appToken?: string;
  /** HTTP mode: where accepted request signatures are remembered, so a replay is refused; default this process only. */
  requestMemory?: RequestMemory;
  logger: BoltLogger;
  /** Our own log, for refused requests. */
  log: Logger;
  clientOptions: webApi.WebClientOptions;
}

/** Socket Mode when an app-level token is set (DESIGN.md: SLACK_APP_TOKEN), otherwise HTTP with the signing secret. */
export function createTransport(options: TransportOptions): SlackTransport {
  if (options.appToken) return socketTransport(options.appToken, options);
  if (options.signingSecret) return httpTransport(options.signingSecret, options.requestMemory ?? createLocalRequestMemory(), options);
  throw new Error('Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
}

function httpTransport(signingSecret: string, memory: RequestMemory, options: TransportOptions): SlackTransport {
  // The route caps the body, checks signature, timestamp and replays before Bolt sees the request (events-route.ts),
  // and is the only way to this receiver: Bolt need not check the signature again.
  const receiver = new HTTPReceiver({
    signingSecret,
    signatureVerification: false,
    endpoints: SLACK_EVENTS_PATH,
    logger: options.logger,
    processBeforeResponse: false,
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
  });
  let stopped = false;
  return {
    mode: 'http',
    receiver,
    routes: [slackEventsRoute({ path: SLACK_EVENTS_PATH, signingSecret, receiver, memory, log: options.log })],
    connects: false,
    // Slack calls us; while the shared server serves the route there is nothing to lose.
    isConnected: () => !stopped,
    markStopped: () => {
      stopped = true;
    },
  };
}

function socketTransport(appToken: string, options: TransportOptions): SlackTransport {
  const receiver = new SocketModeReceiver({
    appToken,
    logger: options.logger,
    installerOptions: { clientOptions: options.clientOptions },
  });
  let connected = false;
  receiver.client.on('connected', () => {
    connected = true;
  });
  for (const state of ['connecting', 'reconnecting', 'disconnecting', 'disconnected']) {
    receiver.client.on(state, () => {
      connected = false;
    });
  }
  return {
    mode: 'socket',
    receiver,
    routes: [],
    connects: true,
    isConnected: () => connected,
    markStopped: () => {
      connected = false;
    },
  };
}

/**
 * Replay memory held in this process, for a Slack app built without the
 * store (tests, benchmarks). The app passes its store instead, whose memory
 * every replica shares. Only requests with a valid, fresh signature are
 * remembered, and each for at most ten minutes, so its size follows Slack's
 * own traffic.
 */
function createLocalRequestMemory(): RequestMemory {
  const expiries = new Map<string, number>();
  return {
    async rememberRequest({ key, now, expiresAt }) {
      const at = now.getTime();
      // Requests arrive in about the order they expire, so the expired ones sit at the front:
      // stop at the first that is still fresh instead of walking the whole map on every request.
      for (const [seen, expiry] of expiries) {
        if (expiry > at) break;
        expiries.delete(seen);
      }
      if (expiries.has(key)) return false;
      expiries.set(key, expiresAt.getTime());
      return true;
    },
  };
}
