export { createSlackApp, SLACK_COMMANDS, type SlackApp, type SlackAppOptions } from './create-slack-app.js';
export { SLACK_EVENTS_PATH } from './transport.js';
export { ALERT_EVENT_TYPE, type SlackSender } from './slack-sender.js';
