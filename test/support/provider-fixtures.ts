/**
 * The providers' documented answers (test/fixtures/providers/): one JSON file
 * per answer, with the endpoint label the clients use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProviderName } from '../../src/domain/outcome.js';

export interface ProviderFixture {
  provider: ProviderName;
  /** File name without `.json`: `customer-check-found`. */
  name: string;
  /** `GET /customers/:id`, or `error` for an error shape any endpoint may send. */
  endpoint: string;
  status: number;
  source: string;
  body: any;
}

const ROOT = resolve(import.meta.dirname, '..', 'fixtures', 'providers');
const PROVIDERS: readonly ProviderName[] = ['loveandpay', 'bank131', 'stripe'];

let loaded: ProviderFixture[] | undefined;

export function allFixtures(): ProviderFixture[] {
  loaded ??= PROVIDERS.flatMap((provider) =>
    readdirSync(join(ROOT, provider))
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => {
        const parsed = JSON.parse(readFileSync(join(ROOT, provider, file), 'utf8'));
        return { provider, name: file.replace(/\.json$/, ''), ...parsed } as ProviderFixture;
      }),
  );
  return loaded;
}

export function fixture(provider: ProviderName, name: string): ProviderFixture {
  const found = allFixtures().find((each) => each.provider === provider && each.name === name);
  if (!found) throw new Error(`no fixture ${provider}/${name}`);
  return structuredClone(found);
}

/** Every fixture of one provider's endpoint. */
export function fixturesFor(provider: ProviderName, endpoint: string): ProviderFixture[] {
  return allFixtures().filter((each) => each.provider === provider && each.endpoint === endpoint);
}
