/**
 * The provider emulators in a process of their own, so the bot's figures
 * (time, and memory above all) are not mixed with the emulators' work and
 * 100,000 seeded sessions. Started by remote-sandbox.ts with the sandbox
 * options as a JSON argument; prints one JSON line with the URLs and
 * credentials, then serves until SIGTERM or until its stdin closes.
 */
import { startSandbox, type SandboxOptions } from '../src/sandbox/index.js';
import { serveRequests } from './child.js';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);
process.stdout.write(`${JSON.stringify({ urls: sandbox.urls, credentials: sandbox.credentials })}\n`);
serveRequests(async () => ({ error: 'this child takes no requests; use the control routes' }), () => sandbox.close());
