/**
 * Bench helpers in child processes (node --import tsx), talking JSON lines:
 * the parent writes requests to the child's stdin, the child answers one line
 * each on stdout. A child stops on SIGTERM or when its stdin closes, so none
 * outlives the bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchChild {
  pid: number;
  /** The next line the child prints, parsed. */
  next<T>(timeoutMs?: number): Promise<T>;
  /** Writes one request line and returns the answer line. */
  ask<T>(request: unknown, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export function startBenchChild(script: string, args: string[] = []): BenchChild {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'bench', script), ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  const lines: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  child.once('exit', () => {
    for (const waiter of waiting.splice(0)) waiter(null);
  });

  const next = <T>(timeoutMs = 120_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const settle = (line: string | null) => {
        clearTimeout(timer);
        if (line === null) reject(new Error(`${script} exited (${child.exitCode ?? child.signalCode})\n${stderr}`));
        else resolve(JSON.parse(line) as T);
      };
      const timer = setTimeout(() => {
        const index = waiting.indexOf(settle);
        if (index !== -1) waiting.splice(index, 1);
        reject(new Error(`${script} did not answer within ${timeoutMs} ms\n${stderr}`));
      }, timeoutMs);
      const ready = lines.shift();
      if (ready !== undefined) settle(ready);
      else if (child.exitCode !== null || child.signalCode !== null) settle(null);
      else waiting.push(settle);
    });

  return {
    pid: child.pid!,
    next,
    ask: (request, timeoutMs) => {
      child.stdin!.write(`${JSON.stringify(request)}\n`);
      return next(timeoutMs);
    },
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** In a child: answers each request line on stdin with `handle`'s result as one line; exits when stdin ends. */
export function serveRequests(handle: (request: unknown) => Promise<unknown>, onEnd: () => Promise<void>): void {
  let queue = Promise.resolve();
  createInterface({ input: process.stdin }).on('line', (line) => {
    queue = queue.then(async () => {
      const answer = await handle(JSON.parse(line)).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
      process.stdout.write(`${JSON.stringify(answer)}\n`);
    });
  });
  let ending = false;
  const end = () => {
    if (ending) return;
    ending = true;
    void queue.then(onEnd).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.stdin.on('end', end);
  process.on('SIGTERM', end);
}
