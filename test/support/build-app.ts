/**
 * Vitest global setup: builds dist/ once before any test file runs, so the
 * end-to-end tests start the app as `npm start` does (compiled JavaScript),
 * from the sources being tested.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default function buildApp(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
