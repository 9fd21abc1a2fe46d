/**
 * `npm run seed`: loads the demo operator (Brightwave Telecom) into the configured store
 * (MONGODB_URI, else the embedded store under DATA_DIR). Does nothing if customers exist.
 * In production it refuses unless DEMO_DATA=true says the public demo credentials are wanted.
 */
import { loadConfig } from '../src/config/config';
import { createStores } from '../src/adapters/stores';
import { createScryptHasher } from '../src/adapters/crypto/scrypt-hasher';
import { loadCatalogFile } from '../src/adapters/files/catalog-file';
import { systemClock } from '../src/domain/shared/ports';
import { seedDemo } from '../src/demo/seed-demo';
import { DEMO_PEOPLE } from '../src/demo/demo-people';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.env === 'production' && !config.demoData) {
    process.stderr.write('seed refused: the demo customers have public PINs and passwords; in production set DEMO_DATA=true to load them on purpose\n');
    process.exitCode = 1;
    return;
  }
  const catalog = loadCatalogFile(config.catalogFile);
  const stores = await createStores({ mongodbUri: config.mongodbUri, dataDir: config.dataDir });
  const where = config.mongodbUri ? 'MongoDB' : `the embedded store in ${config.dataDir}`;
  try {
    const result = await seedDemo({ stores, hasher: createScryptHasher(), catalog, clock: systemClock, history: config.demoHistory, partners: config.env !== 'production' });
    if (!result.seeded) {
      process.stdout.write(`${where} already has ${result.customers} customers; nothing seeded.\n`);
      return;
    }
    process.stdout.write(`Seeded ${catalog.operator.name} into ${where}: ${result.customers} customers with bills and unfinished interactions.\n`);
    process.stdout.write('Documented demo customers (docs/demo-customers.md):\n');
    for (const p of DEMO_PEOPLE) process.stdout.write(`  ${p.accountNumber}  ${p.firstName} ${p.lastName}  ${p.phone}  ${p.email}\n`);
  } finally {
    await stores.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`seed failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
