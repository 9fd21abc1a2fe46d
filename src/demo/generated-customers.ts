import type { Catalog } from '../domain/catalog/catalog-schema';
import type { IdGenerator } from '../domain/shared/ports';
import type { UsageCharge } from './demo-bills';
import { address, makeService, type CustomerSeed, type ServiceSpec } from './demo-customers';
import { generatedLineId } from './demo-network';
import { daysAgo, monthsAgo } from './demo-time';
import { createPrng, type Prng } from './prng';

/**
 * The rest of the demo operator's customers: fictional, generated from a fixed seed so every
 * start produces the same people. Account numbers 31000200 onwards; the PIN of each is the last
 * four digits of the account number, so a CSR demo can verify any of them.
 */
export const GENERATED_COUNT = 45;
const SEED = 20261122;

const FIRST = ['Avery', 'Jordan', 'Mei', 'Santiago', 'Olivia', 'Kwame', 'Hana', 'Mateo', 'Ingrid', 'Rafael', 'Noor', 'Elliot', 'Sofia', 'Tariq', 'Lena', 'Dmitri', 'Amara', 'Caleb', 'Yuki', 'Beatriz', 'Owen', 'Zainab', 'Felix', 'Imani'];
const LAST = ['Abernathy', 'Brennan', 'Castellanos', 'Delacroix', 'Ellison', 'Fairbanks', 'Gallardo', 'Hollister', 'Iwasaki', 'Jablonski', 'Kettering', 'Lindqvist', 'Marchetti', 'Nakamura', 'Okonkwo', 'Pemberton', 'Quintero', 'Rasmussen', 'Szabo', 'Thornbury', 'Ulloa', 'Vasquez', 'Whitcombe', 'Yilmaz'];
const STREETS = ['Elm Street', 'Cedar Avenue', 'Prairie Lane', 'Lakeview Drive', 'Harvest Road', 'Willow Court', 'Juniper Way', 'Quarry Road', 'Orchard Street', 'Maple Grove Drive', 'Sycamore Bend', 'Foundry Row'];
const POSTAL_CODES = ['62701', '62702', '62703', '62704', '62705', '62706', '62707', '62708', '62709', '62710', '62711', '62712'];

export function generatedCustomers(catalog: Catalog, now: Date, ids: IdGenerator): CustomerSeed[] {
  const prng = createPrng(SEED);
  return Array.from({ length: GENERATED_COUNT }, (_, i) => generateOne(catalog, now, ids, prng, i));
}

function generateOne(catalog: Catalog, now: Date, ids: IdGenerator, prng: Prng, i: number): CustomerSeed {
  const accountNumber = String(31000200 + i);
  const firstName = FIRST[i % FIRST.length];
  const lastName = LAST[(i * 7 + 3) % LAST.length];
  const tenureMonths = prng.int(4, 120);
  const created = monthsAgo(now, tenureMonths);
  const home = address(`${prng.int(10, 2999)} ${prng.pick(STREETS)}`, prng.pick(POSTAL_CODES));
  const contactPhone = `+121755501${String(50 + i).padStart(2, '0')}`;
  const specs = pickServices(prng, created, now, i);
  const services = specs.map((spec, n) => makeService(catalog, now, ids.next('svc'), generatedLineId(i, n + 1), spec, home));

  const usage: UsageCharge[] = [];
  services.forEach((s, n) => {
    const overage = s.productId === 'mobile-5gb' ? 1000 : s.productId === 'mobile-20gb' ? 1000 : 0;
    if (overage > 0 && prng.chance(0.4)) {
      const gb = prng.int(1, 3);
      usage.push({ k: prng.int(0, 2), serviceIndex: n, description: `Data overage: ${gb} GB over the plan`, amountMinor: gb * overage });
    }
    if (s.addons.includes('intl-calling') && prng.chance(0.6)) {
      const over = prng.int(10, 150);
      usage.push({ k: 0, serviceIndex: n, description: `International calls: ${100 + over} minutes (${over} over the plan)`, amountMinor: over * 8 });
    }
  });

  const unpaid = i % 9 === 4 ? 2 : prng.chance(0.25) ? 0 : 1;
  return {
    customer: {
      id: ids.next('cus'),
      accountNumber,
      accountStatus: 'active',
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${accountNumber.slice(-3)}@example.com`.toLowerCase(),
      phones: [contactPhone],
      billingAddress: home,
      locale: i % 6 === 5 ? 'es' : 'en',
      lockout: { consecutiveFailures: 0 },
      services,
      createdAt: created.toISOString(),
      marketing: [],
    },
    pin: accountNumber.slice(-4),
    ...(i % 3 === 0 ? { password: `Demo-${accountNumber}` } : {}),
    billing: { unpaid, usage, method: prng.pick(['card', 'bank', 'card'] as const) },
  };
}

/** A plausible household: mostly internet, often TV on top, some phones, mobiles and alarms. */
function pickServices(prng: Prng, created: Date, now: Date, i: number): ServiceSpec[] {
  const specs: ServiceSpec[] = [];
  // Now and then a service was added recently (so current promotions show up on the account).
  const when = (): Date => (prng.chance(0.12) ? daysAgo(now, prng.int(5, 40)) : created);
  if (prng.chance(0.85)) {
    const productId = prng.weighted([['dsl-legacy-10', 1], ['dsl-25', 2], ['fiber-300', 3], ['fiber-500', 2.5], ['fiber-1000', 1.5]] as const);
    const addons = prng.chance(0.2) ? [prng.pick(productId === 'dsl-legacy-10' ? ['static-ip'] : ['static-ip', 'mesh-wifi'])] : [];
    specs.push({ productId, activatedAt: productId === 'dsl-legacy-10' ? created : when(), config: { router: prng.chance(0.7) ? 'rent' : 'own' }, addons });
    if (prng.chance(0.45)) {
      const tv = prng.weighted([['tv-basic', 3], ['tv-plus', 2], ['tv-premium', 1]] as const);
      const tvAddons = ['sports-pack', 'movie-pack', 'extra-set-top-box'].filter(() => prng.chance(0.25));
      const tvAt = when();
      const internetAt = specs[0].activatedAt;
      specs.push({ productId: tv, activatedAt: tvAt < internetAt ? internetAt : tvAt, addons: tvAddons, config: { dvr: prng.pick(['none', 'none', 'cloud-dvr-50h', 'cloud-dvr-200h']) } });
    }
  }
  if (prng.chance(0.3)) {
    const features = ['voicemail', 'caller-id', 'call-waiting'].filter(() => prng.chance(0.5));
    specs.push({ productId: 'home-phone', activatedAt: created, features, addons: prng.chance(0.3) ? ['intl-calling'] : [], number: `+161855501${String(50 + i).padStart(2, '0')}` });
  }
  const wantsMobile = specs.length === 0 || prng.chance(0.45);
  if (wantsMobile) {
    const productId = prng.weighted([['mobile-5gb', 2], ['mobile-20gb', 2], ['mobile-unlimited', 2]] as const);
    specs.push({ productId, activatedAt: when(), number: `+130955501${String(50 + i).padStart(2, '0')}`, features: prng.chance(0.5) ? ['voicemail'] : [], addons: prng.chance(0.15) ? ['intl-roaming'] : [] });
  }
  if (prng.chance(0.15)) specs.push({ productId: 'home-security', activatedAt: when(), features: ['mobile-alerts'] });
  // The first service is what the account was opened for, so every bill has something on it.
  specs[0] = { ...specs[0], activatedAt: created };
  return specs;
}
