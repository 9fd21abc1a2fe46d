/**
 * The demo operator's partners: a reseller acting for three of the documented customers (orders,
 * tickets, their customer record and installed products; never bills) and a wholesale billing
 * partner who sees bills of two of them (amounts and dates only). Fictional; the secrets are
 * public on purpose (README) and never seeded in production.
 */
import type { Stores } from '../domain/ports/store';
import type { Clock, IdGenerator, SecretHasher } from '../domain/shared/ports';
import { createPartnersApi } from '../domain/partners/partners-api';
import type { PartnerInput } from '../domain/partners/partner';

export interface DemoPartner {
  input: PartnerInput;
  clientSecret: string;
}

export const DEMO_PARTNERS: readonly DemoPartner[] = [
  {
    input: {
      clientId: 'demo-reseller',
      name: 'Northgate Connect (demo reseller)',
      scopes: ['productCatalog:read', 'productOrder:read', 'productOrder:write', 'troubleTicket:read', 'troubleTicket:write', 'customer:read', 'product:read'],
      accountNumbers: ['31000101', '31000103', '31000104', '31000105'],
      visibleFields: {
        customer: ['name', 'status', 'engagedParty', 'account'],
      },
    },
    clientSecret: 'demo-reseller-secret-2026-public',
  },
  {
    input: {
      clientId: 'demo-wholesale',
      name: 'Prairie Wholesale Billing (demo)',
      scopes: ['customerBill:read', 'customer:read'],
      accountNumbers: ['31000101', '31000102'],
      visibleFields: {
        customer: ['name', 'status'],
        customerBill: ['billDate', 'billNo', 'paymentDueDate', 'amountDue', 'remainingAmount', 'taxIncludedAmount', 'state', 'billingPeriod', 'billingAccount', 'category', 'runType'],
      },
    },
    clientSecret: 'demo-wholesale-secret-2026-public',
  },
];

/** Inserts the demo partners missing from the store; returns how many exist afterwards. */
export async function seedDemoPartners(deps: { stores: Stores; hasher: SecretHasher; clock: Clock; ids: IdGenerator }): Promise<number> {
  const partners = createPartnersApi({ partners: deps.stores.partners, customers: deps.stores.customers, hasher: deps.hasher, clock: deps.clock, ids: deps.ids });
  for (const p of DEMO_PARTNERS) {
    if (await deps.stores.partners.findOne({ clientId: p.input.clientId })) continue;
    await partners.register(p.input, p.clientSecret);
  }
  return deps.stores.partners.count({});
}
