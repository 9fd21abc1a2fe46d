/** A small catalog built in the tests, so pricing and compatibility are checked against known numbers. */
import { catalogSchema, type Catalog } from '../../../../src/domain/catalog/catalog-schema';
import type { ServiceInstance } from '../../../../src/domain/customers/customer';

const router = {
  key: 'router',
  label: 'Router',
  default: 'rent',
  values: [
    { id: 'rent', label: 'Rent one', monthlyDeltaMinor: 1000 },
    { id: 'own', label: 'My own', monthlyDeltaMinor: 0 },
  ],
};

export function smallCatalog(): Catalog {
  return catalogSchema.parse({
    operator: { name: 'Testwave', currency: 'USD', timezone: 'UTC', supportPhone: '+1 555 0100' },
    products: [
      {
        id: 'net-100', name: 'Net 100', family: 'broadband', kind: 'service', requiresServiceability: true, technology: 'fiber',
        pricing: [{ type: 'recurring', label: 'Net 100 internet', amountMinor: 4000 }, { type: 'one-time', label: 'Activation', amountMinor: 5000 }],
        contract: { termMonths: 12, earlyTerminationFee: { type: 'per-remaining-month', amountMinor: 1000 } },
        config: [router], addons: ['static-ip'], excludes: ['broadband'],
        transitions: [{ to: 'net-500', kind: 'upgrade' }, { to: 'net-old', kind: 'downgrade' }],
      },
      {
        id: 'net-500', name: 'Net 500', family: 'broadband', kind: 'service', requiresServiceability: true, technology: 'fiber',
        pricing: [{ type: 'recurring', label: 'Net 500 internet', amountMinor: 6000 }, { type: 'one-time', label: 'Activation', amountMinor: 5000 }],
        contract: { termMonths: 24, earlyTerminationFee: { type: 'fixed', amountMinor: 20000 } },
        config: [router], addons: ['static-ip'], excludes: ['broadband'], transitions: [{ to: 'net-100', kind: 'downgrade' }],
      },
      {
        id: 'net-old', name: 'Net Old', family: 'broadband', kind: 'service', sellable: false,
        pricing: [{ type: 'recurring', label: 'Old internet', amountMinor: 3000 }],
        excludes: ['broadband'], transitions: [{ to: 'net-100', kind: 'upgrade' }],
      },
      { id: 'static-ip', name: 'Static IP', family: 'broadband', kind: 'addon', requires: ['broadband'], pricing: [{ type: 'recurring', label: 'Static IP', amountMinor: 500 }] },
      {
        id: 'tv', name: 'TV', family: 'tv', kind: 'service', requires: ['broadband'], excludes: ['tv'], addons: ['sports'],
        pricing: [{ type: 'recurring', label: 'TV package', amountMinor: 3000 }],
      },
      { id: 'sports', name: 'Sports', family: 'tv', kind: 'addon', requires: ['tv'], pricing: [{ type: 'recurring', label: 'Sports channels', amountMinor: 1000 }] },
      {
        id: 'phone', name: 'Phone', family: 'phone', kind: 'service', instantActivation: true, addons: ['intl'],
        pricing: [{ type: 'recurring', label: 'Phone line', amountMinor: 2000 }],
        features: [{ id: 'voicemail', label: 'Voicemail', monthlyMinor: 300 }, { id: 'caller-id', label: 'Caller ID', monthlyMinor: 0 }],
      },
      {
        id: 'intl', name: 'International', family: 'phone', kind: 'addon', requires: ['phone'],
        pricing: [
          { type: 'recurring', label: 'International plan', amountMinor: 500 },
          { type: 'usage-tiered', label: 'International minutes', unit: 'minute', tiers: [{ upTo: 100, unitPriceMinor: 0 }, { upTo: null, unitPriceMinor: 8 }] },
        ],
      },
      { id: 'lease', name: 'Modem lease', family: 'device', kind: 'service', cancellable: false, pricing: [{ type: 'recurring', label: 'Lease', amountMinor: 700 }] },
    ],
    bundles: [
      { id: 'net-tv', name: 'Net + TV', products: ['net-100', 'tv'], discount: { type: 'fixed', monthlyMinor: 1000 } },
      { id: 'big', name: 'Big Three', products: ['net-500', 'tv', 'phone'], discount: { type: 'percent', percent: 10 } },
      { id: 'old-duo', name: 'Old Duo', products: ['net-old', 'phone'], discount: { type: 'fixed', monthlyMinor: 500 }, sellable: false },
    ],
    promotions: [
      { id: 'fall', name: 'Fall: 20% off', appliesTo: ['net-500'], validFrom: '2026-10-01', validTo: '2026-12-31', discount: { type: 'percent', percent: 20, months: 6 }, newCustomersOnly: true },
      { id: 'free-install', name: 'Free activation', appliesTo: ['net-100', 'net-500'], validFrom: '2026-09-01', validTo: '2026-12-31', discount: { type: 'waive-one-time' } },
      { id: 'phone-deal', name: 'Phone: $5 off', appliesTo: ['phone'], validFrom: '2026-11-01', validTo: '2026-11-30', discount: { type: 'fixed', monthlyMinor: 500, months: 3 } },
      { id: 'old-tv', name: 'Old TV deal', appliesTo: ['tv'], validFrom: '2025-01-01', validTo: '2025-12-31', discount: { type: 'percent', percent: 50, months: 2 } },
    ],
    adjustments: {
      adjustableItemTypes: ['usage'],
      reasons: [{ code: 'dispute', label: 'Dispute', appliesTo: ['usage'] }],
      selfServiceLimitMinor: { voice: 1000, chat: 1000, portal: 1000, api: 1000 },
      csrLimitMinor: { agent: 5000, senior: 10000, supervisor: 50000 },
    },
    extensions: { maxDays: 14, maxPerYear: 2, maxDaysPastDue: 30 },
    discontinuation: { reasons: [{ code: 'moving', label: 'Moving' }] },
    repair: { symptoms: [{ code: 'no-service', label: 'No service', families: ['broadband'] }], appointmentHorizonDays: 7 },
  });
}

/** A service instance with sensible defaults for the tests. */
export function svc(productId: string, over: Partial<ServiceInstance> = {}): ServiceInstance {
  return { id: `svc-${productId}`, productId, status: 'active', config: {}, features: [], addons: [], promotions: [], lineId: `line-${productId}`, ...over };
}
