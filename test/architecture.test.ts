/**
 * Keeps the layers' imports pointing one way (DESIGN.md, "Architecture"):
 * chat -> commands -> providers/domain; views know only domain and the Reply
 * model; alerts use providers, store and views; only app/ and main.ts know
 * everything.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', 'src');

/** For each layer, the layers and packages it must never import. */
const FORBIDDEN: Record<string, string[]> = {
  domain: ['providers', 'commands', 'views', 'chat', 'alerts', 'store', 'sandbox', 'app', 'observability'],
  providers: ['commands', 'views', 'chat', 'alerts', 'store', 'sandbox', 'app', '@slack/bolt', 'grammy'],
  views: ['providers', 'commands', 'chat', 'alerts', 'store', 'sandbox', 'app', '@slack/bolt', 'grammy', 'undici'],
  commands: ['chat', 'sandbox', 'app', '@slack/bolt', 'grammy'],
  store: ['commands', 'views', 'chat', 'alerts', 'sandbox', 'app', 'providers'],
  alerts: ['chat', 'sandbox', 'app', '@slack/bolt', 'grammy'],
  sandbox: ['commands', 'views', 'chat', 'alerts', 'store', 'app'],
  observability: ['commands', 'views', 'chat', 'alerts', 'store', 'providers', 'sandbox', 'app'],
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

/** The layer an import lands in: a top-level folder of src/, or the package name. */
function targetOf(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) {
    return specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  }
  const target = relative(SRC, resolve(dirname(file), specifier));
  return target.split(/[\\/]/)[0]!.replace(/\.(js|ts)$/, '');
}

describe('layer boundaries', () => {
  for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    it(`keeps ${layer}/ from importing ${forbidden.join(', ')}`, () => {
      const dir = join(SRC, layer);
      const offences = sourceFiles(dir).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => forbidden.includes(targetOf(file, specifier)))
          .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
      );
      expect(offences).toEqual([]);
    });
  }

  it('finds the imports it checks (the scanner itself works)', () => {
    const imports = importsOf(join(SRC, 'providers', 'http.ts')).map((s) => targetOf(join(SRC, 'providers', 'http.ts'), s));
    expect(imports).toContain('undici');
    expect(imports).toContain('domain');
  });
});
