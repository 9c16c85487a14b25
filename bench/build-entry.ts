/**
 * Builds one bench entry the way `npm run build` builds the app (esbuild:
 * bundled, minified with names kept, packages external), so a figure "for
 * the built app" is measured on built code under plain node, without tsx's
 * compiler in the process. Split into chunks as the app is, so what the app
 * loads on demand (the chart renderer, PostgreSQL) is not loaded here either.
 * The bundle goes under node_modules/.cache, where node still finds the
 * packages it leaves external.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './child.js';

export const BENCH_BUILD_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'kyc-desk-bench');

/** `entry` relative to bench/; returns the built file's path. */
export async function buildBenchEntry(entry: string): Promise<string> {
  const outdir = path.join(BENCH_BUILD_DIR, path.basename(entry, '.ts'));
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join('bench', entry)],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    // As scripts/build.mjs builds dist/.
    target: 'node20.18',
    minify: true,
    keepNames: true,
    logLevel: 'warning',
  });
  return path.join(outdir, path.basename(entry, '.ts') + '.mjs');
}
