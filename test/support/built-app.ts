/**
 * How tests start the built app (dist/, made by test/support/build-app.ts),
 * as `npm start` and `npm run sandbox` do. The Node 24 smoke in .ci/ points
 * these at another Node binary and another build with KYC_DESK_TEST_NODE and
 * KYC_DESK_TEST_APP_DIR.
 */
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface AppCommand {
  command: string;
  args: string[];
  cwd: string;
}

/** `node --enable-source-maps [nodeFlags] dist/<entry>.js [extraArgs]`, from the app's folder. */
export function builtApp(entry: 'main' | 'sandbox/cli', extraArgs: string[] = [], nodeFlags: string[] = []): AppCommand {
  return {
    command: process.env.KYC_DESK_TEST_NODE || process.execPath,
    args: ['--enable-source-maps', ...nodeFlags, `dist/${entry}.js`, ...extraArgs],
    cwd: process.env.KYC_DESK_TEST_APP_DIR || REPO,
  };
}
