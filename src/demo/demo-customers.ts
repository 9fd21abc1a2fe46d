import type { Catalog } from '../domain/catalog/catalog-schema';
import type { Customer, PostalAddress, ServiceInstance } from '../domain/customers/customer';
import type { NewRecord } from '../domain/ports/store';
import type { IdGenerator } from '../domain/shared/ports';
import type { BillingProfile } from './demo-bills';
import { DEMO_PEOPLE, demoPerson, type DemoPerson } from './demo-people';
import { demoLineId } from './demo-network';
import { addMonthsDay, daysAgo, isoDay, monthsAgo } from './demo-time';

/** A customer to seed: the document without credentials, the secrets to hash, how its bills look. */
export interface CustomerSeed {
  customer: Omit<NewRecord<Customer>, 'credentials'>;
  pin: string;
  password?: string;
  billing: BillingProfile;
}

export interface ServiceSpec {
  productId: string;
  activatedAt: Date;
  config?: Record<string, string>;
  features?: string[];
  addons?: string[];
  number?: string;
  status?: ServiceInstance['status'];
}

export const address = (line1: string, postalCode: string): PostalAddress => ({ line1, city: 'Riverton', region: 'IL', postalCode, country: 'US' });

/**
 * A service instance as provisioning would have left it: configuration defaults filled in,
 * the contract end if still under contract, and promotions the customer signed up under.
 */
/** `id` comes from the ids adapter: an opaque id, never one derived from the account number (it ends up in URL paths and logs). */
export function makeService(catalog: Catalog, now: Date, id: string, lineId: string, spec: ServiceSpec, serviceAddress: PostalAddress): ServiceInstance {
  const product = catalog.products.find((p) => p.id === spec.productId);
  if (!product) throw new Error(`demo data names product "${spec.productId}", which the catalog does not have`);
  const config: Record<string, string> = {};
  for (const option of product.config) {
    const value = spec.config?.[option.key] ?? option.default;
    if (value !== undefined) config[option.key] = value;
  }
  const activatedDay = isoDay(spec.activatedAt);
  const contractEnd = product.contract ? addMonthsDay(spec.activatedAt, product.contract.termMonths) : undefined;
  const promotions = catalog.promotions
    .filter((p) => p.appliesTo.includes(product.id) && p.validFrom <= activatedDay && activatedDay <= p.validTo)
    .map((p) => ({ id: p.id, until: addMonthsDay(spec.activatedAt, p.discount.type === 'waive-one-time' ? 1 : p.discount.months) }))
    .filter((p) => p.until >= isoDay(monthsAgo(now, 3)));
  const status = spec.status ?? 'active';
  return {
    id,
    productId: product.id,
    status,
    config,
    features: spec.features ?? [],
    addons: spec.addons ?? [],
    ...(spec.number ? { number: spec.number } : {}),
    ...(product.family === 'mobile' ? {} : { serviceAddress }),
    activatedAt: spec.activatedAt.toISOString(),
    ...(contractEnd && contractEnd > isoDay(now) ? { contractEnd } : {}),
    ...(status === 'suspended' ? { suspendedReason: 'non-payment' as const } : {}),
    promotions,
    lineId,
  };
}

function documented(
  catalog: Catalog,
  now: Date,
  ids: IdGenerator,
  person: DemoPerson,
  opts: { tenureMonths: number; street: string; services: ServiceSpec[]; billing: BillingProfile; accountStatus?: Customer['accountStatus']; locale?: Customer['locale'] },
): CustomerSeed {
  const home = address(opts.street, person.postalCode);
  const createdAt = monthsAgo(now, opts.tenureMonths);
  return {
    customer: {
      id: ids.next('cus'),
      accountNumber: person.accountNumber,
      accountStatus: opts.accountStatus ?? 'active',
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email.toLowerCase(),
      phones: [person.phone],
      billingAddress: home,
      locale: opts.locale ?? 'en',
      lockout: { consecutiveFailures: 0 },
      services: opts.services.map((spec, i) => makeService(catalog, now, ids.next('svc'), demoLineId(person.accountNumber, i + 1), spec, home)),
      createdAt: createdAt.toISOString(),
      marketing: [],
    },
    pin: person.pin,
    password: person.password,
    billing: opts.billing,
  };
}

/** The five documented customers (docs/demo-customers.md), in DEMO_PEOPLE order. */
export function documentedCustomers(catalog: Catalog, now: Date, ids: IdGenerator): CustomerSeed[] {
  const dana = demoPerson('bundle');
  const marcus = demoPerson('suspended');
  const priya = demoPerson('outage');
  const tom = demoPerson('reset');
  const grace = demoPerson('technician');
  const seeds = [
    documented(catalog, now, ids, dana, {
      tenureMonths: 40,
      street: '418 Cedar Avenue',
      services: [
        { productId: 'fiber-500', activatedAt: monthsAgo(now, 40), config: { router: 'rent', installation: 'technician' }, addons: ['mesh-wifi'] },
        { productId: 'tv-plus', activatedAt: monthsAgo(now, 40), config: { dvr: 'cloud-dvr-50h' }, addons: ['sports-pack'] },
        { productId: 'home-phone', activatedAt: monthsAgo(now, 40), features: ['voicemail', 'caller-id'], addons: ['intl-calling'], number: '+16185550142' },
      ],
      // 100 international minutes are included, then 8 cents a minute.
      billing: { unpaid: 1, method: 'card', usage: [
        { k: 1, serviceIndex: 2, description: 'International calls: 130 minutes (30 over the plan)', amountMinor: 240 },
        { k: 0, serviceIndex: 2, description: 'International calls: 212 minutes (112 over the plan)', amountMinor: 896 },
      ] },
    }),
    documented(catalog, now, ids, marcus, {
      tenureMonths: 20,
      street: '77 Prairie Lane, Apt 3',
      accountStatus: 'suspended',
      services: [
        { productId: 'dsl-25', activatedAt: monthsAgo(now, 20), config: { router: 'rent' }, status: 'suspended' },
        { productId: 'mobile-20gb', activatedAt: monthsAgo(now, 20), number: marcus.phone, status: 'suspended' },
      ],
      billing: { unpaid: 3, method: 'card', usage: [{ k: 2, serviceIndex: 1, description: 'Data overage: 3 GB over 20 GB', amountMinor: 3000 }] },
    }),
    documented(catalog, now, ids, priya, {
      tenureMonths: 30,
      street: '1290 Elm Street',
      services: [
        { productId: 'fiber-1000', activatedAt: monthsAgo(now, 14), config: { router: 'rent' } },
        { productId: 'tv-basic', activatedAt: monthsAgo(now, 30) },
      ],
      billing: { unpaid: 1, method: 'bank', usage: [] },
    }),
    documented(catalog, now, ids, tom, {
      tenureMonths: 96,
      street: '5 Quarry Road',
      services: [
        { productId: 'dsl-legacy-10', activatedAt: monthsAgo(now, 96), config: { router: 'own' } },
        { productId: 'home-phone', activatedAt: monthsAgo(now, 96), features: ['voicemail'], number: '+16185550145' },
      ],
      billing: { unpaid: 0, method: 'bank', usage: [] },
    }),
    documented(catalog, now, ids, grace, {
      tenureMonths: 26,
      street: '63 Willow Court',
      locale: 'en',
      services: [
        { productId: 'home-phone', activatedAt: monthsAgo(now, 26), features: ['voicemail', 'caller-id', 'call-waiting'], number: '+16185550146' },
        { productId: 'fiber-500', activatedAt: monthsAgo(now, 26), config: { router: 'rent' } },
        { productId: 'mobile-unlimited', activatedAt: daysAgo(now, 12), number: grace.phone },
        { productId: 'home-security', activatedAt: monthsAgo(now, 26), features: ['mobile-alerts'], addons: ['video-doorbell'] },
      ],
      billing: { unpaid: 1, method: 'card', usage: [] },
    }),
  ];
  if (seeds.length !== DEMO_PEOPLE.length) throw new Error('every demo person needs a customer document');
  return seeds;
}
