import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as readDotenv } from 'dotenv';

/** The repository root's .env, when present; real environment variables win over it. */
export function loadDotenv(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.KYC_DESK_IGNORE_DOTENV === '1') return null;
  const root = packageRoot(dirname(fileURLToPath(import.meta.url)));
  const path = root && join(root, '.env');
  if (!path || !existsSync(path)) return null;
  readDotenv({ path, processEnv: env, quiet: true });
  return path;
}

/** The nearest folder up from `start` holding package.json: the same root from src/ (tsx) and from dist/ (built). */
function packageRoot(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}
