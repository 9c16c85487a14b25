/**
 * Every Slack limit the Slack adapter respects, each with its source so the
 * next person can check it. The renderer cuts to these numbers; it never
 * relies on Slack to truncate for it.
 */
import type { Pace } from '../../domain/delivery.js';

/** Slack Block Kit and Web API limits for one message. */
export const SLACK_LIMITS = {
  /** "You can include up to 50 blocks in each message" (docs.slack.dev/reference/block-kit/blocks). */
  blocksPerMessage: 50,
  /**
   * Slack answers `msg_blocks_too_long` once all blocks together pass roughly
   * 13,200 characters, although no single documented limit is hit
   * (github.com/slackapi/bolt-js/issues/2509: failures from 13,172 characters).
   * We count the blocks' JSON, which is longer than their text, and stay under
   * 12,000 of it for a margin.
   */
  blocksTotalCharacters: 12_000,
  /**
   * Top-level `text`: Slack truncates past 40,000 characters and recommends
   * staying under 4,000 (docs.slack.dev/reference/methods/chat.postMessage, "text").
   */
  messageText: 4_000,
  /** Section `text`: "maximum length ... 3000 characters" (docs.slack.dev/reference/block-kit/blocks/section-block). */
  sectionText: 3_000,
  /** Section `fields`: "Maximum number of items is 10" (section block reference). */
  sectionFields: 10,
  /** Each field's text: "Maximum length for the text in each item is 2000 characters" (section block reference). */
  fieldText: 2_000,
  /** Header text: "Maximum length ... 150 characters" (docs.slack.dev/reference/block-kit/blocks/header-block). */
  headerText: 150,
  /** Context `elements`: "Maximum number of items is 10" (docs.slack.dev/reference/block-kit/blocks/context-block). */
  contextElements: 10,
  /** Any text object: "maximum length is 3000 characters" (docs.slack.dev/reference/block-kit/composition-objects/text-object). */
  textObject: 3_000,
  /** Actions `elements`: "There is a maximum of 25 elements in each action block" (actions block reference). */
  actionsElements: 25,
  /** Button `text`: "Maximum length ... 75 characters" (docs.slack.dev/reference/block-kit/block-elements/button-element). */
  buttonText: 75,
  /** Button `value`: "Maximum length ... 2000 characters" (button element reference). */
  buttonValue: 2_000,
  /** Button `url`: "Maximum length ... 3000 characters" (button element reference). */
  buttonUrl: 3_000,
  /** Overflow menu `options`: "Maximum number of options is 5" (docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element). */
  overflowOptions: 5,
  /** Option object `value`: "Maximum length ... 150 characters" (docs.slack.dev/reference/block-kit/composition-objects/option-object). */
  optionValue: 150,
  /** Option object `text`: "Maximum length ... 75 characters" (option object reference). */
  optionText: 75,
  /** `action_id` and `block_id`: "Maximum length ... 255 characters" (button element and blocks reference). */
  actionId: 255,
  blockId: 255,
  /**
   * Web API rate limit for posting: chat.postMessage allows "1 message per
   * second" per channel, with short bursts tolerated
   * (docs.slack.dev/reference/methods/chat.postMessage, "Rate limiting").
   */
  messagesPerSecondPerChannel: 1,
  /** A view's `blocks`: "Maximum of 100 blocks" for modals and Home tabs (docs.slack.dev/reference/surfaces/views). */
  viewBlocks: 100,
  /** A modal's `title`, `submit` and `close` texts: "Maximum length ... 24 characters" (views reference). */
  viewText: 24,
  /** A view's `private_metadata`: "Maximum length of 3000 characters" (views reference). */
  viewPrivateMetadata: 3_000,
  /** views.publish is Tier 4, "100+ per minute", per workspace (docs.slack.dev/reference/methods/views.publish). */
  viewsPublishPerMinute: 100,
  /** plain_text_input `max_length`: at most 3000 (docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element). */
  inputMaxLength: 3_000,
  /** A response_url takes "up to 5 times within 30 minutes" (docs.slack.dev/interactivity/handling-user-interaction). */
  responseUrlAnswers: 5,
  /** Slash commands and interactions must be acknowledged within 3 seconds (docs.slack.dev/interactivity/handling-user-interaction). */
  ackDeadlineMs: 3_000,
  /**
   * A slash command's answer may be the ack's own body ("an immediate
   * response", docs.slack.dev/interactivity/implementing-slash-commands);
   * one not ready this soon goes through response_url, after an empty ack
   * well inside ackDeadlineMs (Slack's way to us takes some of it).
   */
  answerInAckWithinMs: 2_000,
  /** A request whose X-Slack-Request-Timestamp is more than five minutes old is rejected (docs.slack.dev/authentication/verifying-requests-from-slack). */
  signatureMaxAgeSeconds: 300,
} as const;

/** How fast alerts may follow each other in one channel (the outbox paces by it). */
export const slackPace = (): Pace => ({ intervalMs: 1000 / SLACK_LIMITS.messagesPerSecondPerChannel });
