/**
 * Every platform limit the renderers respect, in one file (STYLE.md, "One card
 * tree, rendered per platform"). Each number names its source so the next
 * person can check it. Renderers cut to these numbers; they never rely on the
 * platform to truncate for them.
 *
 * Owners: the Slack section belongs to the Slack app (issue 4); the Telegram
 * engineer may append to the Telegram section.
 */

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
  /** Slash commands and interactions must be acknowledged within 3 seconds (docs.slack.dev/interactivity/handling-user-interaction). */
  ackDeadlineMs: 3_000,
  /** A request whose X-Slack-Request-Timestamp is more than five minutes old is rejected (docs.slack.dev/authentication/verifying-requests-from-slack). */
  signatureMaxAgeSeconds: 300,
} as const;

/** Telegram Bot API limits (core.telegram.org/bots/api). The Telegram engineer may append here. */
export const TELEGRAM_LIMITS = {
  /** sendMessage `text`: "1-4096 characters after entities parsing" (core.telegram.org/bots/api#sendmessage). */
  messageText: 4_096,
  /** Media `caption`: "0-1024 characters after entities parsing" (core.telegram.org/bots/api#sendphoto). */
  caption: 1_024,
  /** InlineKeyboardButton `callback_data`: "1-64 bytes" — bytes, not characters (core.telegram.org/bots/api#inlinekeyboardbutton). */
  callbackDataBytes: 64,
  /**
   * Inline keyboards: the Bot API documents no size, but Telegram rejects more
   * than 100 buttons in total (BUTTON_DATA_INVALID / reply markup too long) and
   * shows at most 8 buttons in a row; both are widely observed limits
   * (e.g. python-telegram-bot's constants, InlineKeyboardMarkupLimit).
   */
  inlineKeyboardButtons: 100,
  inlineKeyboardRowButtons: 8,
  /** answerCallbackQuery `text`: "0-200 characters" (core.telegram.org/bots/api#answercallbackquery). */
  callbackAnswerText: 200,
  /** Bots FAQ: about 1 message per second per chat, 20 messages per minute per group, 30 per second overall (core.telegram.org/bots/faq). */
  messagesPerSecondPerChat: 1,
  /**
   * Our own bound, not Telegram's: an answer is cut to this many messages, so a
   * 100 KB provider string cannot spend a group's 20 messages a minute on one reply.
   */
  messagesPerReply: 3,
  messagesPerMinutePerGroup: 20,
  messagesPerSecondOverall: 30,
} as const;
