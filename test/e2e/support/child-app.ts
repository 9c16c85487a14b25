/**
 * Runs the real app (the built dist/main.js, as `npm start` does) as a child process,
 * so a test can SIGKILL or SIGTERM it and start it again on the same
 * database. The child gets a clean environment: only PATH, HOME and what the
 * test passes (never the developer's .env or the test runner's variables).
 *
 * The child listens on PORT=0; its port is read from its "KYC Desk started"
 * log line, which is why it logs at info level.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { builtApp } from '../../support/built-app.js';
import { waitFor } from '../../support/wait-for.js';


export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildApp {
  pid: number;
  /** The child's HTTP server, e.g. http://127.0.0.1:53122 (/healthz, /readyz, /slack/events). */
  url: string;
  /** Resolves when the process has exited. */
  exited: Promise<ChildExit>;
  /** Sends `signal` and resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<ChildExit>;
  /** Everything the child wrote so far (JSON log lines, then stderr if any), for failure messages. */
  output(): string;
  /** The child's log entries so far whose `msg` is `message`. */
  logged(message: string): Array<Record<string, unknown>>;
}

/** Children still running, so a failed test can end them (only these, by pid). */
const running = new Set<ChildProcess>();

/**
 * `node dist/main.js` with a clean environment plus `env`; resolves once the
 * app has started. `nodeFlags` go to node itself (the bench's `--cpu-prof`,
 * which NODE_OPTIONS may not carry).
 */
export async function startChildApp(env: Record<string, string>, timeoutMs = 30_000, nodeFlags: string[] = []): Promise<ChildApp> {
  const app = builtApp('main', [], nodeFlags);
  const child = spawn(app.command, app.args, {
    cwd: app.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KYC_DESK_IGNORE_DOTENV: '1', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  const output = () => (stderr ? `${stdout}\n--- stderr ---\n${stderr}` : stdout);
  let port: number | null = null;
  let pendingLine = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stdout += text;
    const lines = (pendingLine + text).split('\n');
    pendingLine = lines.pop() ?? '';
    for (const line of lines) port ??= startedPort(line);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  let exit: ChildExit | null = null;
  void exited.then((value) => (exit = value));

  // Waits for the start line, or for the child to exit first (a bad configuration, a port in use).
  await waitFor(() => port !== null || exit !== null, { timeoutMs, intervalMs: 20, message: 'the start line' }).catch(() => undefined);
  if (port === null) {
    child.kill('SIGKILL');
    // Set by the exit listener; TypeScript cannot see callbacks assign it.
    const ended = exit as ChildExit | null;
    const how = ended ? `exited (${ended.code ?? ended.signal}) before it started` : `did not start within ${timeoutMs} ms`;
    throw new Error(`the app ${how}:\n${output()}`);
  }

  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    exited,
    kill: (signal) => {
      if (!exit) child.kill(signal);
      return exited;
    },
    output,
    logged: (message) => logEntries(stdout).filter((entry) => entry.msg === message),
  };
}

/** Ends every child this module started that is still running (SIGKILL, each by its own pid). */
export async function killRunningChildren(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** GET /readyz's status, or null when the server does not answer (stopped, or closing). */
export async function readyStatus(app: ChildApp): Promise<number | null> {
  try {
    const response = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

function logEntries(output: string): Array<Record<string, unknown>> {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

function startedPort(line: string): number | null {
  if (!line.includes('KYC Desk started')) return null;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; port?: unknown };
    return entry.msg === 'KYC Desk started' && typeof entry.port === 'number' ? entry.port : null;
  } catch {
    return null;
  }
}
