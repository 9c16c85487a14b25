/**
 * `npm run build`: src/ -> dist/, one bundled ES module per entry point
 * (the app and the sandbox CLI), with source maps. Packages stay external
 * (better-sqlite3 is native, and production node_modules ship beside dist/),
 * so only our own code is bundled. Type checking is `npm run typecheck`'s
 * job; esbuild only strips types, which takes well under a second.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts', 'src/sandbox/cli.ts'],
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  // Modules imported with import() (a store, a chat platform) become chunks loaded only when that part is configured.
  splitting: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  // The oldest Node this project supports (package.json engines).
  target: 'node20.18',
  sourcemap: true,
  // Smaller to parse at start (about a fifth of the start-up here); source maps keep stack traces readable.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
});
