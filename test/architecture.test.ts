/**
 * Keeps the layers' imports pointing one way (DESIGN.md, "Architecture"):
 * domain holds the contracts every layer shares and imports nothing of ours;
 * present (neutral presentation) knows only domain; chat -> commands ->
 * providers; alerts use providers, store and present, never chat or a
 * renderer; each chat adapter keeps its renderer to itself; only app/ and
 * main.ts know everything. server/ holds what every part that answers on
 * the one HTTP server shares (bounded bodies, JSON answers). stats/ turns
 * the store's index into figures, cards and charts for commands and alerts alike.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', 'src');

/**
 * For each layer, the parts of src/ it may import besides itself: top-level
 * folders, or top-level files by name (log for src/log.ts). app/ and main.ts
 * may import anything.
 */
const MAY_IMPORT: Record<string, string[]> = {
  domain: [],
  present: ['domain'],
  providers: ['domain'],
  store: ['domain', 'log'],
  observability: ['domain'],
  config: ['domain'],
  server: ['domain'],
  stats: ['domain', 'present', 'store', 'log'],
  commands: ['domain', 'present', 'providers', 'store', 'stats', 'log'],
  chat: ['domain', 'present', 'commands', 'store', 'server', 'log'],
  alerts: ['domain', 'present', 'providers', 'store', 'stats', 'server', 'log'],
  sandbox: ['domain', 'providers', 'load-dotenv'],
};

/** Packages that belong to one layer: the chat SDKs to chat/, the HTTP client to providers/, the databases to store/. */
const PACKAGE_OWNERS: Record<string, string> = {
  '@slack/bolt': 'chat',
  grammy: 'chat',
  '@grammyjs/runner': 'chat',
  '@grammyjs/auto-retry': 'chat',
  undici: 'providers',
  pg: 'store',
  'better-sqlite3': 'store',
  'prom-client': 'observability',
  echarts: 'stats',
  '@resvg/resvg-js': 'stats',
};

/** Each chat adapter's renderer: the files that turn a Reply into that platform's messages. */
const RENDERERS: Record<string, string[]> = {
  slack: ['render.ts'],
  telegram: ['render.ts', 'split-html.ts'],
  console: ['render.ts'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return [...specifiers, ...dynamic];
}

/** The layer an import lands in: a top-level folder of src/, a top-level file without its extension, or the package name. */
function targetOf(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) {
    return specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  }
  const target = relative(SRC, resolve(dirname(file), specifier));
  return target.split(/[\\/]/)[0]!.replace(/\.(js|ts)$/, '');
}

/** The file an import of ours lands on, relative to src/ with a .ts extension; null for packages. */
function fileOf(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return relative(SRC, resolve(dirname(file), specifier)).replace(/\\/g, '/').replace(/\.js$/, '.ts');
}

const layerOf = (file: string): string => relative(SRC, file).split(/[\\/]/)[0]!.replace(/\.ts$/, '');

describe('layer boundaries', () => {
  for (const [layer, allowed] of Object.entries(MAY_IMPORT)) {
    it(allowed.length ? `lets ${layer}/ import only ${allowed.join(', ')}` : `keeps ${layer}/ from importing anything of ours`, () => {
      const offences = sourceFiles(join(SRC, layer)).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => specifier.startsWith('.'))
          .filter((specifier) => {
            const target = targetOf(file, specifier);
            return target !== layer && !allowed.includes(target);
          })
          .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
      );
      expect(offences).toEqual([]);
    });
  }

  it('keeps each package to the layer it belongs to (app/ and main.ts aside)', () => {
    const offences = sourceFiles(SRC).flatMap((file) => {
      const layer = layerOf(file);
      if (layer === 'app' || layer === 'main') return [];
      return importsOf(file)
        .filter((specifier) => {
          const owner = PACKAGE_OWNERS[targetOf(file, specifier)];
          return owner !== undefined && owner !== layer;
        })
        .map((specifier) => `${relative(SRC, file)} imports ${specifier}`);
    });
    expect(offences).toEqual([]);
  });

  it("keeps each platform's renderer inside its chat adapter", () => {
    const offences = sourceFiles(SRC).flatMap((file) =>
      importsOf(file).flatMap((specifier) => {
        const target = fileOf(file, specifier);
        const match = target && /^chat\/([^/]+)\/([^/]+)$/.exec(target);
        if (!match || !RENDERERS[match[1]!]?.includes(match[2]!)) return [];
        const inside = relative(join(SRC, 'chat', match[1]!), file);
        return inside.startsWith('..') ? [`${relative(SRC, file)} imports ${specifier}`] : [];
      }),
    );
    expect(offences).toEqual([]);
  });

  it('keeps the chat adapters apart: no platform imports another', () => {
    const platforms = Object.keys(RENDERERS);
    const offences = platforms.flatMap((platform) =>
      sourceFiles(join(SRC, 'chat', platform)).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => {
            const target = fileOf(file, specifier);
            return platforms.some((other) => other !== platform && target?.startsWith(`chat/${other}/`));
          })
          .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
      ),
    );
    expect(offences).toEqual([]);
  });

  it('finds the imports it checks (the scanner itself works)', () => {
    const transport = join(SRC, 'providers', 'http', 'transport.ts');
    const imports = importsOf(transport).map((s) => targetOf(transport, s));
    expect(imports).toContain('undici');
    expect(imports).toContain('domain');
    const sender = join(SRC, 'chat', 'slack', 'slack-sender.ts');
    expect(importsOf(sender).map((s) => fileOf(sender, s))).toContain('chat/slack/render.ts');
  });
});
