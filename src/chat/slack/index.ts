export { createSlackApp, SLACK_COMMANDS, type SlackApp, type SlackAppOptions } from './create-slack-app.js';
export { SLACK_EVENTS_PATH } from './transport.js';
export { EVERY_CHANNEL } from './access.js';
export { SLACK_BODY_LIMIT_BYTES, type RequestMemory } from './events-route.js';
export { ALERT_EVENT_TYPE, type SlackSender } from './slack-sender.js';
