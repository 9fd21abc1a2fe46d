/**
 * `npm run partner:add -- partner.json`: adds a partner (TM Forum APIs) to the configured store
 * (MONGODB_URI, else the embedded store under DATA_DIR) from a JSON file
 * {clientId, name, scopes, accountNumbers, visibleFields?}, with a new random client secret that
 * is printed once and stored only as a scrypt hash. Give the client id and secret to the partner.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config/config';
import { createStores } from '../src/adapters/stores';
import { createScryptHasher } from '../src/adapters/crypto/scrypt-hasher';
import { createIds } from '../src/adapters/crypto/ids';
import { systemClock, type SecretHasher } from '../src/domain/shared/ports';
import type { Stores } from '../src/domain/ports/store';
import { createPartnersApi } from '../src/domain/partners/partners-api';
import type { Partner } from '../src/domain/partners/partner';

/** Registers the partner described by `input` (validated by the domain); returns it and its new secret. */
export async function addPartner(stores: Stores, hasher: SecretHasher, input: unknown): Promise<{ partner: Partner; secret: string }> {
  const secret = randomBytes(32).toString('base64url');
  const partners = createPartnersApi({ partners: stores.partners, customers: stores.customers, hasher, clock: systemClock, ids: createIds() });
  const partner = await partners.register(input as Parameters<typeof partners.register>[0], secret);
  return { partner, secret };
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npm run partner:add -- partner.json\n');
    process.exitCode = 1;
    return;
  }
  const input = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const config = loadConfig();
  const stores = await createStores({ mongodbUri: config.mongodbUri, dataDir: config.dataDir });
  try {
    const { partner, secret } = await addPartner(stores, createScryptHasher(), input);
    process.stdout.write(`Partner ${partner.name} added.\n  client_id:     ${partner.clientId}\n  client_secret: ${secret}\n(shown once; only its hash is stored)\n`);
  } finally {
    await stores.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    const details = e && typeof e === 'object' && 'details' in e ? ` ${JSON.stringify((e as { details: unknown }).details)}` : '';
    process.stderr.write(`partner:add failed: ${e instanceof Error ? e.message : String(e)}${details}\n`);
    process.exitCode = 1;
  });
}
