import assert from 'node:assert/strict';
import { quoteDiscontinuation, quoteModification, quoteNewService, type QuoteContext } from '../../../../src/domain/catalog/quotes';
import { findProduct } from '../../../../src/domain/catalog/pricing';
import type { Product } from '../../../../src/domain/catalog/catalog-schema';
import type { Quote } from '../../../../src/domain/orders/order';
import { smallCatalog, svc } from './small-catalog';

const catalog = smallCatalog();
const product = (id: string): Product => findProduct(catalog, id) as Product;
const ctx: QuoteContext = { catalog, now: new Date('2026-11-20T15:00:00Z'), validityMinutes: 30 };
const lines = (q: Quote): [string, string, number][] => q.lines.map((l) => [l.kind, l.label, l.amount.amountMinor]);

describe('quotes', () => {
  describe('new service', () => {
    it('when a new customer buys Net 500 with a rented router, then the quote shows charges, promotions, pro-rating, contract and totals', () => {
      const q = quoteNewService(ctx, { product: product('net-500'), config: { router: 'rent' }, addons: [], services: [], newCustomer: true });
      assert.deepEqual(lines(q), [
        ['monthly', 'Net 500 internet', 6000],
        ['one-time', 'Activation', 5000],
        ['monthly', 'Router: Rent one', 1000],
        ['promotion', 'Fall: 20% off', -1400],
        ['promotion', 'Free activation', -5000],
        ['pro-rated', 'Rest of this month (11 of 30 days)', 2053],
      ]);
      assert.equal(q.lines.find((l) => l.label === 'Fall: 20% off')?.months, 6);
      assert.equal(q.monthlyTotal.amountMinor, 5600);
      assert.equal(q.monthlyDelta.amountMinor, 5600);
      assert.equal(q.oneTimeTotal.amountMinor, 2053);
      assert.equal(q.validUntil, '2026-11-20T15:30:00.000Z');
      assert.ok(q.notes.some((n) => /24-month contract .*until about 2028-11-20.*\$200\.00/.test(n)), q.notes.join('\n'));
      assert.ok(q.notes.some((n) => /Fall: 20% off: \$14\.00 off a month for 6 months, then \$70\.00/.test(n)));
    });

    it('when an existing customer buys it, then the new-customer promotion is not applied', () => {
      const q = quoteNewService(ctx, { product: product('net-500'), config: { router: 'own' }, addons: [], services: [svc('lease')], newCustomer: false });
      assert.ok(!q.lines.some((l) => l.label === 'Fall: 20% off'));
      assert.equal(q.monthlyDelta.amountMinor, 6000);
    });

    it('when the new service completes a bundle, then the bundle discount is a line and lowers the monthly delta', () => {
      const q = quoteNewService(ctx, { product: product('tv'), config: {}, addons: [product('sports')], services: [svc('net-100')], newCustomer: false });
      assert.deepEqual(lines(q).filter(([kind]) => kind === 'monthly'), [
        ['monthly', 'TV package', 3000],
        ['monthly', 'Sports channels', 1000],
        ['monthly', 'Net + TV bundle discount', -1000],
      ]);
      assert.equal(q.monthlyDelta.amountMinor, 3000);
      assert.ok(q.notes.some((n) => /Net \+ TV bundle saves \$10\.00 a month/.test(n)));
    });

    it('when an add-on is usage-priced, then a usage line shows the first tier price and a note explains the tiers', () => {
      const q = quoteNewService(ctx, { product: product('phone'), config: {}, addons: [product('intl')], services: [], newCustomer: true });
      assert.deepEqual(lines(q).filter(([kind]) => kind === 'usage'), [['usage', 'International minutes (per minute)', 0]]);
      assert.ok(q.notes.some((n) => n === 'International minutes per minute: the first 100 at $0.00, then $0.08.'));
      assert.ok(q.notes.some((n) => /works as soon as the order completes/.test(n)));
    });
  });

  describe('modification', () => {
    it('when downgrading under a contract, then the early-termination fee is a line and a note, and the new contract is explained', () => {
      const service = svc('net-500', { config: { router: 'rent' }, contractEnd: '2027-06-01' });
      const q = quoteModification(ctx, { service, modification: { kind: 'change-product', toProductId: 'net-100' }, category: 'downgrade', services: [service] });
      assert.deepEqual(lines(q).slice(0, 2), [
        ['monthly', 'Net 100', 5000],
        ['monthly', 'Net 500 (replaced)', -7000],
      ]);
      assert.deepEqual(lines(q).find(([kind]) => kind === 'early-termination'), ['early-termination', 'Early termination fee (Net 500 contract)', 20000]);
      assert.equal(q.monthlyDelta.amountMinor, -2000);
      assert.equal(q.monthlyTotal.amountMinor, 5000);
      assert.equal(q.oneTimeTotal.amountMinor, 20000 - 733);
      assert.ok(q.notes.some((n) => /contract runs until 2027-06-01.*early termination fee of \$200\.00/.test(n)));
      assert.ok(q.notes.some((n) => /Your contract restarts: Net 100 comes with a 12-month contract/.test(n)));
    });

    it('when upgrading under a contract, then there is no fee and the contract restarts', () => {
      const service = svc('net-100', { config: { router: 'own' }, contractEnd: '2027-03-01' });
      const q = quoteModification(ctx, { service, modification: { kind: 'change-product', toProductId: 'net-500' }, category: 'upgrade', services: [service] });
      assert.ok(!q.lines.some((l) => l.kind === 'early-termination'));
      assert.equal(q.monthlyDelta.amountMinor, 2000);
      assert.ok(q.notes.some((n) => /Your contract restarts: Net 500 comes with a 24-month contract/.test(n)));
    });

    it('when a feature is switched on, then the monthly delta is its price and the rest of the month is pro-rated', () => {
      const service = svc('phone');
      const q = quoteModification(ctx, { service, modification: { kind: 'feature-on', featureId: 'voicemail' }, category: 'feature', services: [service] });
      assert.deepEqual(lines(q), [
        ['monthly', 'Voicemail', 300],
        ['pro-rated', 'Rest of this month (11 of 30 days)', 110],
      ]);
      assert.equal(q.monthlyTotal.amountMinor, 2300);
    });

    it('when a configuration change lowers the price, then the pro-rated line is a credit', () => {
      const service = svc('net-100', { config: { router: 'rent' } });
      const q = quoteModification(ctx, { service, modification: { kind: 'change-config', key: 'router', value: 'own' }, category: 'config', services: [service] });
      assert.equal(q.monthlyDelta.amountMinor, -1000);
      assert.equal(q.oneTimeTotal.amountMinor, -367);
      assert.ok(q.notes.some((n) => /credit of \$3\.67/.test(n)));
    });

    it('when a change breaks up a bundle, then the lost discount is a line', () => {
      const net = svc('net-100', { config: { router: 'own' } });
      const q = quoteModification(ctx, { service: net, modification: { kind: 'change-product', toProductId: 'net-500' }, category: 'upgrade', services: [net, svc('tv')] });
      assert.deepEqual(lines(q).find(([, label]) => /Net \+ TV/.test(label)), ['monthly', 'Net + TV bundle discount ends', 1000]);
      assert.equal(q.monthlyDelta.amountMinor, 3000);
    });
  });

  describe('discontinuation', () => {
    it('when ending a service under contract, then the final charge, the fee, the lost bundle and what depends on it are told', () => {
      const net = svc('net-100', { config: { router: 'rent' }, addons: ['static-ip'], contractEnd: '2027-02-20' });
      const q = quoteDiscontinuation(ctx, { service: net, services: [net, svc('tv')] });
      assert.deepEqual(lines(q), [
        ['monthly', 'Net 100 (ends)', -5500],
        ['monthly', 'Net + TV bundle discount ends', 1000],
        ['final-charge', 'Net 100, 20 of 30 days this month', 3667],
        ['early-termination', 'Early termination fee (Net 100 contract)', 3000],
      ]);
      assert.equal(q.monthlyTotal.amountMinor, 0);
      assert.equal(q.monthlyDelta.amountMinor, -4500);
      assert.equal(q.oneTimeTotal.amountMinor, 6667);
      assert.ok(q.notes.some((n) => n === 'Static IP ends with it.'));
      assert.ok(q.notes.some((n) => /TV needs Net 100/.test(n)));
    });

    it('when the contract has ended, then there is no fee', () => {
      const net = svc('net-100', { contractEnd: '2026-11-01' });
      const q = quoteDiscontinuation(ctx, { service: net, services: [net] });
      assert.ok(!q.lines.some((l) => l.kind === 'early-termination'));
    });
  });
});
