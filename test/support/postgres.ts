/**
 * A real PostgreSQL server for tests (issue 7: "Tests use a real PostgreSQL
 * server").
 *
 * - `TEST_DATABASE_URL` set: that server is used (its role needs CREATEDB).
 * - Else, when PostgreSQL's binaries are installed, a throwaway cluster is
 *   started in a temp dir on a free loopback port (trust auth, fsync off) and
 *   removed afterwards. initdb refuses to run as root, so as root the
 *   cluster runs as the `postgres` user (or `nobody`) via runuser or su.
 * - Else `skipReason` says why, printed once per test run.
 *
 * Every `createDatabase()` is a fresh, empty database, so suites never share
 * state. Usage:
 *
 *   const pg = testPostgres();
 *   describe.skipIf(pg.skipReason !== null)('...', () => {
 *     afterAll(() => pg.stop());
 *     it('...', async () => { const url = await pg.createDatabase(); ... });
 *   });
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { freePort } from './free-port.js';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import pg from 'pg';

export interface TestPostgres {
  /** Why PostgreSQL tests cannot run here, or null when they can. */
  readonly skipReason: string | null;
  /** The URL of a new empty database; starts the throwaway cluster on first use. */
  createDatabase(): Promise<string>;
  /** Drops the databases made here and stops the throwaway cluster, if any. */
  stop(): Promise<void>;
}

export function testPostgres(): TestPostgres {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return serverAt(async () => external, { dropDatabases: true, shutdown: async () => {} });

  const binDir = findBinDir();
  if (!binDir) {
    const reason =
      'PostgreSQL tests skipped: no TEST_DATABASE_URL and no PostgreSQL binaries (initdb, pg_ctl) found; install the postgresql package to run them';
    noticeOnce(reason);
    return { skipReason: reason, createDatabase: () => Promise.reject(new Error(reason)), stop: async () => {} };
  }

  let cluster: Promise<Cluster> | undefined;
  return serverAt(async () => (await (cluster ??= startCluster(binDir))).url, {
    // The whole cluster goes, databases and all.
    dropDatabases: false,
    shutdown: async () => {
      if (cluster) await (await cluster).stop();
    },
  });
}

function serverAt(
  adminUrl: () => Promise<string>,
  { dropDatabases, shutdown }: { dropDatabases: boolean; shutdown: () => Promise<void> },
): TestPostgres {
  const created: string[] = [];
  return {
    skipReason: null,
    async createDatabase() {
      const base = await adminUrl();
      const name = `kyc_test_${randomBytes(6).toString('hex')}`;
      await withClient(base, (client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = new URL(base);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      try {
        if (dropDatabases && created.length > 0) {
          await withClient(await adminUrl(), async (client) => {
            // FORCE (PostgreSQL 13+) ends sessions a failed test left open.
            for (const name of created.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          });
        }
      } finally {
        await shutdown();
      }
    },
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

interface Cluster {
  url: string;
  stop(): Promise<void>;
}

/** Debian/Ubuntu keep server binaries in /usr/lib/postgresql/<version>/bin; elsewhere they are on PATH. */
function findBinDir(): string | null {
  const debian = '/usr/lib/postgresql';
  const versions = safeReaddir(debian)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  const candidates = [
    ...versions.map((version) => path.join(debian, version, 'bin')),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
  ];
  return candidates.find((dir) => isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'pg_ctl'))) ?? null;
}

async function startCluster(binDir: string): Promise<Cluster> {
  const runAs = unprivilegedUser();
  const root = fs.mkdtempSync(path.join(tempParent(runAs !== null), 'kyc-desk-pg-'));
  if (runAs) fs.chownSync(root, runAs.uid, runAs.gid);
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  const command = (tool: string, args: string[]) => asUser(runAs?.name ?? null, path.join(binDir, tool), args);
  const run = (tool: string, args: string[]) => runTool(command(tool, args), tool);
  const stopNow = command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  const removeNow = () => {
    spawnSync(stopNow[0]!, stopNow.slice(1), { stdio: 'ignore' });
    fs.rmSync(root, { recursive: true, force: true });
  };
  // A test process that ends without stop() (a failed hook, a killed worker: vitest ends workers without
  // an 'exit' event) must not leave a postgres server or temp dir behind. A detached shell waits for this
  // process to go and then removes the cluster.
  const watchdog = spawn(
    '/bin/sh',
    [
      '-c',
      `while kill -0 "$1" 2>/dev/null; do sleep 1; done; ${stopNow.map(shellQuote).join(' ')}; rm -rf ${shellQuote(root)}`,
      'kyc-desk-pg-watchdog',
      String(process.pid),
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();

  try {
    await run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    let lastError: unknown;
    // The free port is found by binding port 0 and releasing it; another process may grab it first, so retry.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const options = [
        '-c listen_addresses=127.0.0.1',
        `-c port=${port}`,
        `-c unix_socket_directories=${root}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=100',
      ].join(' ');
      try {
        await run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', options, 'start']);
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          async stop() {
            await run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
            fs.rmSync(root, { recursive: true, force: true });
            watchdog.kill();
          },
        };
      } catch (error) {
        lastError = error;
      }
    }
    const log = safeRead(logFile).split('\n').slice(-10).join('\n');
    throw new Error(`could not start a throwaway PostgreSQL cluster: ${String(lastError)}\n${log}`);
  } catch (error) {
    removeNow();
    watchdog.kill();
    throw error;
  }
}

interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

/** initdb: "cannot be run as root"; pick a user that exists, preferring the one the package made. */
function unprivilegedUser(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = idOf(name, '-u');
    const gid = idOf(name, '-g');
    if (uid !== null && gid !== null) return { name, uid, gid };
  }
  throw new Error('running as root, but neither the postgres nor the nobody user exists to run initdb');
}

function idOf(user: string, flag: '-u' | '-g'): number | null {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  const value = Number(result.stdout.trim());
  return result.status === 0 && Number.isInteger(value) ? value : null;
}

/** The argv that runs a tool as `user` (runuser where present, else su), or as ourselves. */
function asUser(user: string | null, tool: string, args: string[]): string[] {
  if (!user) return [tool, ...args];
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(isExecutable);
  if (runuser) return [runuser, '-u', user, '--', tool, ...args];
  return ['su', '-s', '/bin/sh', user, '-c', [tool, ...args].map(shellQuote).join(' ')];
}

function runTool(argv: string[], label: string): Promise<void> {
  const [command, ...args] = argv;
  return new Promise((resolve, reject) => {
    // pg_ctl -l sends the server's output to the log file, so the server keeps none of our pipes open.
    execFile(command!, args, { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${label} failed: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** As root the cluster's user must be able to reach the temp dir; a private TMPDIR would not do. */
function tempParent(otherUser: boolean): string {
  const dir = os.tmpdir();
  if (!otherUser) return dir;
  const mode = fs.statSync(dir).mode;
  return (mode & 0o001) !== 0 ? dir : '/tmp';
}


/**
 * Prints the skip reason once per test run, not once per test file: test
 * files run in child processes (or threads) of one vitest process, whose pid
 * names a marker file.
 */
function noticeOnce(reason: string): void {
  const runPid = isMainThread ? process.ppid : process.pid;
  try {
    fs.writeFileSync(path.join(os.tmpdir(), `kyc-desk-pg-skip-notice-${runPid}`), '', { flag: 'wx' });
  } catch {
    return;
  }
  console.warn(reason);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
