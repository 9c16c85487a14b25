/**
 * A reply's file (domain/reply.ts, Attachment) into a Slack channel, the way
 * Bolt's client.files.uploadV2 does it (docs.slack.dev/messaging/working-with-files):
 * files.getUploadURLExternal for an upload URL, the bytes posted there, then
 * files.completeUploadExternal shares the file into the channel. A file for
 * the asker only goes to their direct message with the bot (conversations.open).
 * Needs the files:write and im:write scopes (manifest.yml).
 */
import type { webApi } from '@slack/bolt';
import { attachmentBytes, type Attachment } from '../../domain/reply.js';
import { toDeliveryError } from './client.js';

/** Where a file goes: the channel it was asked in, or the asker's direct message. */
export type UploadTarget = { channelId: string } | { userId: string };

export type UploadFile = (target: UploadTarget, attachment: Attachment) => Promise<void>;

export function createFileUploader(client: webApi.WebClient): UploadFile {
  return async (target, attachment) => {
    try {
      const channelId = 'channelId' in target ? target.channelId : await directMessage(client, target.userId);
      await client.files.uploadV2({
        channel_id: channelId,
        file: attachmentBytes(attachment),
        filename: attachment.filename,
        title: attachment.title,
      });
    } catch (error) {
      throw toDeliveryError(error);
    }
  };
}

/** The bot's direct message with a user (conversations.open returns the existing one when there is one). */
async function directMessage(client: webApi.WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('Slack opened no direct message');
  return id;
}
