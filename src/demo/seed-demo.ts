import type { Bill } from '../domain/billing/billing';
import type { Catalog } from '../domain/catalog/catalog-schema';
import type { Customer } from '../domain/customers/customer';
import type { NewRecord, Stores } from '../domain/ports/store';
import type { Clock, IdGenerator, SecretHasher } from '../domain/shared/ports';
import { createIds } from '../adapters/crypto/ids';
import { buildBills } from './demo-bills';
import { documentedCustomers, type CustomerSeed } from './demo-customers';
import { unfinishedInteractions } from './demo-interactions';
import { generatedCustomers } from './generated-customers';
import { seedDemoStaff } from './demo-staff';
import { demoHistory } from './demo-history';
import { seedDemoPartners } from './demo-partners';

export interface SeedDemoDeps {
  stores: Stores;
  hasher: SecretHasher;
  catalog: Catalog;
  clock: Clock;
  /** Opaque ids for customers, services, bills and payments (default: the ids adapter on the clock). */
  ids?: IdGenerator;
  /** Also three weeks of generated contact history (demo-history.ts); default false. */
  history?: boolean;
  /** Also the demo partners (public client secrets): never in production (default false). */
  partners?: boolean;
}

/** The demo operator's customers: the five documented people first, then the generated ones. */
export function demoCustomerSeeds(catalog: Catalog, now: Date, ids: IdGenerator): CustomerSeed[] {
  return [...documentedCustomers(catalog, now, ids), ...generatedCustomers(catalog, now, ids)];
}

/**
 * Loads the demo operator (Brightwave Telecom) into an empty store: ~50 customers with services,
 * three monthly bills each, a few unfinished interactions to resume, and three weeks of contact
 * history for the reports and the wallboard (demo-history.ts). Does nothing when any
 * customer already exists, so it is safe on every start.
 */
export async function seedDemo(deps: SeedDemoDeps): Promise<{ seeded: boolean; customers: number; staff: number }> {
  const { stores, hasher, catalog, clock } = deps;
  // Staff on their own: a demo store from before staff existed gets them too.
  const staff = await seedDemoStaff(deps);
  const ids = deps.ids ?? createIds(() => clock.now().getTime());
  // Partners on their own too (they name customers by account number, so order does not matter).
  if (deps.partners) await seedDemoPartners({ stores, hasher, clock, ids });
  const existing = await stores.customers.count({});
  if (existing > 0) return { seeded: false, customers: existing, staff };

  const now = clock.now();
  const seeds = demoCustomerSeeds(catalog, now, ids);
  const customers: NewRecord<Customer>[] = await Promise.all(
    seeds.map(async (s) => {
      const [pinHash, passwordHash] = await Promise.all([hasher.hash(s.pin), s.password === undefined ? undefined : hasher.hash(s.password)]);
      return { ...s.customer, credentials: { pinHash, ...(passwordHash === undefined ? {} : { passwordHash }) } };
    }),
  );
  const bills = new Map<string, NewRecord<Bill>[]>(seeds.map((s, i) => [s.customer.id, buildBills(customers[i], s.billing, catalog, now, ids)]));
  const contacts = unfinishedInteractions(seeds, (id) => bills.get(id) ?? [], catalog, now);

  for (const customer of customers) await stores.customers.insert(customer);
  await Promise.all([...bills.values()].flat().map((bill) => stores.bills.insert(bill)));
  await Promise.all(contacts.map(async ({ interaction, transcript }) => {
    await stores.interactions.insert(interaction);
    await stores.transcripts.insert(transcript);
  }));
  const history = deps.history ? demoHistory(catalog, now) : { interactions: [], escalations: [] };
  for (const interaction of history.interactions) await stores.interactions.insert(interaction);
  for (const escalation of history.escalations) await stores.escalations.insert(escalation);
  return { seeded: true, customers: customers.length, staff };
}
