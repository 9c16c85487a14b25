/**
 * How the console sends a file (an audit CSV, a chart): it writes it into a
 * folder and prints the path, since a terminal cannot show one. The name
 * starts with the time, so two exports never overwrite each other, and keeps
 * only safe characters of the name the command gave it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { attachmentBytes, type Attachment } from '../../domain/reply.js';

/** Where files go unless the console is told otherwise: the system's temporary folder. */
export const DEFAULT_FILES_DIR = path.join(tmpdir(), 'kyc-desk');

export async function saveAttachment(attachment: Attachment, dir: string = DEFAULT_FILES_DIR, now: Date = new Date()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const name = path.basename(attachment.filename).replace(/[^A-Za-z0-9._-]/g, '_') || 'file';
  const file = path.join(dir, `${stamp}-${name}`);
  // Owner only: an audit export names users and what they looked up.
  await writeFile(file, attachmentBytes(attachment), { mode: 0o600 });
  return file;
}
