/**
 * Runs a Dockerfile's stages without a Docker daemon (none runs on this
 * machine kind): each stage gets a folder standing in for its WORKDIR; COPY
 * from the build context copies from the repository (through .dockerignore's
 * allow-list), COPY --from copies out of an earlier stage's folder, and RUN
 * runs under bash in the stage's folder with the given environment (a Node
 * binary first on PATH stands in for the image's Node). The RUN steps of the
 * stages named in `runIn` run (the build); the others set up the image's own
 * filesystem and users (mkdir /app/data, chown), which a scratch folder has
 * no use for. FROM, ENV, USER, VOLUME, EXPOSE, HEALTHCHECK and CMD are read,
 * not run: the caller checks them. A RUN that fails stops everything with its output.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

/** Instructions with line continuations joined and comments dropped, grouped by stage. */
export function readDockerfile(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages: Stage[] = [];
  for (const line of logical.split('\n').map((each) => each.trim()).filter(Boolean)) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const [from = '', , name = `stage${stages.length}`] = instruction.args.split(/\s+/);
      stages.push({ name, from, instructions: [] });
    }
    stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

export interface RunOptions {
  /** The build context (the repository). */
  context: string;
  /** Where the stages' folders go: <scratch>/<stage name>. */
  scratch: string;
  /** Environment for RUN steps. */
  env: NodeJS.ProcessEnv;
  /** Stages whose RUN steps run. */
  runIn: readonly string[];
}

/**
 * .dockerignore as Docker reads it: the last pattern matching a path or one
 * of its parent folders decides, and `!` lets it in.
 */
export function dockerignore(text: string): (relativePath: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const allow = line.startsWith('!');
      const glob = (allow ? line.slice(1) : line).replace(/\/$/, '');
      const pattern = glob
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return { allow, regex: new RegExp(`^${pattern}$`) };
    });
  return (relativePath) => {
    const parts = relativePath.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let included = true;
    for (const rule of rules) if (candidates.some((candidate) => rule.regex.test(candidate))) included = rule.allow;
    return included;
  };
}

/** Runs every stage in order; returns each stage's folder. */
export function runStages(stages: Stage[], options: RunOptions): Map<string, string> {
  const included = dockerignore(fs.readFileSync(path.join(options.context, '.dockerignore'), 'utf8'));
  const folders = new Map<string, string>();
  for (const stage of stages) {
    const folder = path.join(options.scratch, stage.name);
    fs.mkdirSync(folder, { recursive: true });
    folders.set(stage.name, folder);
    for (const { keyword, args } of stage.instructions) {
      if (keyword === 'COPY') copy(args, folder, folders, options.context, included);
      if (keyword === 'RUN' && options.runIn.includes(stage.name)) run(args, folder, options.env);
    }
  }
  return folders;
}

function copy(args: string, folder: string, folders: Map<string, string>, context: string, included: (path: string) => boolean): void {
  const words = args.split(/\s+/);
  const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : null;
  const target = words.pop()!;
  const base = from ? folders.get(from) : context;
  if (!base) throw new Error(`COPY --from=${from}: no such stage`);
  for (const source of words) {
    // An absolute path in a stage (/app/dist) is relative to that stage's WORKDIR (/app).
    const relative = from ? source.replace(/^\/app\/?/, '') : source;
    const destination = path.resolve(folder, target.replace(/^\/app\/?/, ''), target.endsWith('/') || words.length > 1 ? path.basename(relative) : '');
    // From the build context, only what .dockerignore lets in (a folder is entered to find allowed files in it).
    const filter = (src: string) => from !== null || fs.statSync(src).isDirectory() || included(path.relative(base, src));
    fs.cpSync(path.join(base, relative), destination, { recursive: true, filter });
  }
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): void {
  try {
    execFileSync('bash', ['-eo', 'pipefail', '-c', command], { cwd, env, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`RUN ${command} failed:\n${failure.stdout?.toString() ?? ''}\n${failure.stderr?.toString() ?? ''}`);
  }
}
