/**
 * A reply's file (domain/reply.ts, Attachment) into a Slack channel, the way
 * Bolt's client.files.uploadV2 does it (docs.slack.dev/messaging/working-with-files):
 * files.getUploadURLExternal for an upload URL, the bytes posted there, then
 * files.completeUploadExternal shares the file into the channel. Needs the
 * files:write scope (manifest.yml).
 */
import type { webApi } from '@slack/bolt';
import { attachmentBytes, type Attachment } from '../../domain/reply.js';
import { toDeliveryError } from './client.js';

export type UploadFile = (channelId: string, attachment: Attachment) => Promise<void>;

export function createFileUploader(client: webApi.WebClient): UploadFile {
  return async (channelId, attachment) => {
    try {
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
