/**
 * The whole domain over real parts for tests: in-memory embedded store, the demo catalog and
 * rules files, the reference back-ends, the demo operator seeded, and a clock tests can set.
 */
import path from 'node:path';
import { composeCare, type ComposeOptions, type Composed } from '../../src/compose';
import { createStores } from '../../src/adapters/stores';
import { createScryptHasher } from '../../src/adapters/crypto/scrypt-hasher';
import { createThrottle } from '../../src/adapters/throttle';
import { loadCatalogFile } from '../../src/adapters/files/catalog-file';
import { createRulesEngine } from '../../src/adapters/rules/rules-engine';
import { seedDemo } from '../../src/demo/seed-demo';
import { DEMO_PEOPLE } from '../../src/demo/demo-people';
import type { Stores } from '../../src/domain/ports/store';
import type { Clock } from '../../src/domain/shared/ports';

export const ROOT = path.resolve(__dirname, '../..');
export const CATALOG_FILE = path.join(ROOT, 'catalog/catalog.json');
export const RULES_DIR = path.join(ROOT, 'rules');
/** Demo data and promotions are laid out around this moment. */
export const FIXTURE_NOW = '2026-11-20T15:00:00.000Z';

export interface SettableClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function settableClock(iso = FIXTURE_NOW): SettableClock {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (v) => {
      t = new Date(v).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface CareFixture extends Composed {
  stores: Stores;
  clock: SettableClock;
  people: typeof DEMO_PEOPLE;
  close(): Promise<void>;
}

export interface FixtureOptions extends Partial<Omit<ComposeOptions, 'stores' | 'catalog' | 'rules' | 'clock'>> {
  /** Seed the demo operator (default true). */
  seed?: boolean;
  now?: string;
  stores?: Stores;
}

/** A low scrypt cost keeps tests quick; production uses the adapter's default. */
export const testHasher = createScryptHasher({ cost: 1024 });

export async function makeCare(opts: FixtureOptions = {}): Promise<CareFixture> {
  const clock = settableClock(opts.now);
  const stores = opts.stores ?? (await createStores({ inMemory: true }));
  const catalog = loadCatalogFile(CATALOG_FILE);
  const rules = await createRulesEngine({ dir: RULES_DIR });
  const composed = composeCare({
    hasher: testHasher,
    throttle: createThrottle({ points: 1000, durationSec: 60 }),
    completeAfterMs: 0,
    ...opts,
    stores,
    catalog: () => catalog,
    rules,
    clock,
  });
  if (opts.seed !== false) await seedDemo({ stores, hasher: testHasher, catalog, clock });
  return {
    ...composed,
    stores,
    clock,
    people: DEMO_PEOPLE,
    close: async () => {
      rules.close();
      await stores.close();
    },
  };
}
