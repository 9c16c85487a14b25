import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as readDotenv } from 'dotenv';

/** The repository root's .env, when present; real environment variables win over it. */
export function loadDotenv(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.KYC_DESK_IGNORE_DOTENV === '1') return null;
  const path = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.env');
  if (!existsSync(path)) return null;
  readDotenv({ path, processEnv: env, quiet: true });
  return path;
}
