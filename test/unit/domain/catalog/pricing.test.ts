import assert from 'node:assert/strict';
import {
  addMonths,
  bundleDiscounts,
  earlyTerminationFeeMinor,
  findProduct,
  fromMonthlyMinor,
  heldProductIds,
  productMonthlyMinor,
  promotionMonthlyMinor,
  proRatedMinor,
  remainingContractMonths,
  serviceMonthlyMinor,
  validPromotions,
} from '../../../../src/domain/catalog/pricing';
import type { Product, Promotion } from '../../../../src/domain/catalog/catalog-schema';
import { smallCatalog, svc } from './small-catalog';

const catalog = smallCatalog();
const product = (id: string): Product => findProduct(catalog, id) as Product;
const promo = (id: string): Promotion => catalog.promotions.find((p) => p.id === id) as Promotion;
const ids = (promos: Promotion[]): string[] => promos.map((p) => p.id).sort();

describe('pricing', () => {
  describe('monthly prices', () => {
    it('when a product has a configuration delta and features on, then its monthly price adds them to the recurring charges', () => {
      assert.equal(productMonthlyMinor(product('net-100'), { router: 'rent' }), 5000);
      assert.equal(productMonthlyMinor(product('net-100'), { router: 'own' }), 4000);
      assert.equal(productMonthlyMinor(product('phone'), {}, ['voicemail', 'caller-id']), 2300);
    });

    it('when a service has add-ons, then the service price includes their recurring charges but not usage', () => {
      assert.equal(serviceMonthlyMinor(catalog, svc('phone', { addons: ['intl'], features: ['voicemail'] })), 2800);
      assert.equal(serviceMonthlyMinor(catalog, svc('net-100', { config: { router: 'rent' }, addons: ['static-ip'] })), 5500);
    });

    it('when a product has a required option, then "from" uses its cheapest value', () => {
      assert.equal(fromMonthlyMinor(product('net-100')), 4000);
      assert.equal(fromMonthlyMinor(product('tv')), 3000);
    });
  });

  describe('promotions', () => {
    it('when today is on the first or last valid day, then the promotion applies; outside, it does not', () => {
      assert.deepEqual(ids(validPromotions(catalog, 'net-500', '2026-10-01', { newCustomer: true })), ['fall', 'free-install']);
      assert.deepEqual(ids(validPromotions(catalog, 'net-500', '2026-12-31', { newCustomer: true })), ['fall', 'free-install']);
      assert.deepEqual(ids(validPromotions(catalog, 'net-500', '2027-01-01', { newCustomer: true })), []);
      assert.deepEqual(ids(validPromotions(catalog, 'net-500', '2026-09-30', { newCustomer: true })), ['free-install']);
    });

    it('when the buyer is not a new customer, then new-customer promotions are left out', () => {
      assert.deepEqual(ids(validPromotions(catalog, 'net-500', '2026-11-20', { newCustomer: false })), ['free-install']);
    });

    it('when a promotion is a percentage or a fixed amount, then the saving is rounded and never more than the price', () => {
      assert.equal(promotionMonthlyMinor(promo('fall'), 7005), 1401);
      assert.equal(promotionMonthlyMinor(promo('phone-deal'), 2000), 500);
      assert.equal(promotionMonthlyMinor(promo('phone-deal'), 300), 300);
      assert.equal(promotionMonthlyMinor(promo('free-install'), 2000), 0);
    });
  });

  describe('bundles', () => {
    it('when the account holds every product of a bundle, then its discount applies; with one missing, it does not', () => {
      const both = bundleDiscounts(catalog, [svc('net-100'), svc('tv')]);
      assert.deepEqual(both.map((b) => [b.bundle.id, b.minor]), [['net-tv', 1000]]);
      assert.deepEqual(bundleDiscounts(catalog, [svc('net-100'), svc('phone')]), []);
    });

    it('when a percent bundle applies, then the percentage is of the bundled products monthly prices', () => {
      const held = [svc('net-500', { config: { router: 'rent' } }), svc('tv', { addons: ['sports'] }), svc('phone')];
      // (7000 + 3000 + 2000) * 10%: add-ons outside the bundle do not count.
      assert.deepEqual(bundleDiscounts(catalog, held).map((b) => [b.bundle.id, b.minor]), [['big', 1200]]);
    });

    it('when a bundle is no longer sold, then it keeps applying only where it applied already', () => {
      const held = [svc('net-old'), svc('phone')];
      assert.deepEqual(bundleDiscounts(catalog, held), []);
      assert.deepEqual(bundleDiscounts(catalog, held, ['old-duo']).map((b) => b.minor), [500]);
    });

    it('when disconnected services are on the account, then they hold nothing', () => {
      assert.deepEqual(heldProductIds([svc('net-100', { addons: ['static-ip'] }), svc('tv', { status: 'disconnected' })]), ['net-100', 'static-ip']);
    });
  });

  describe('pro-rating and contracts', () => {
    it('when pro-rating on 20 November, then 11 of 30 days remain and 20 are used', () => {
      const now = new Date('2026-11-20T15:00:00Z');
      assert.equal(proRatedMinor(3000, now), 1100);
      assert.equal(proRatedMinor(3000, now, 'used'), 2000);
      assert.equal(proRatedMinor(-3000, now), -1100);
    });

    it('when pro-rating in February of a leap year or on the last day of a month, then the month length is right', () => {
      assert.equal(proRatedMinor(2900, new Date('2028-02-01T00:00:00Z')), 2900);
      assert.equal(proRatedMinor(2900, new Date('2028-02-29T23:00:00Z')), 100);
      assert.equal(proRatedMinor(3100, new Date('2026-01-31T12:00:00Z')), 100);
    });

    it('when adding months to the end of a month, then the day is clamped to the shorter month', () => {
      assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
      assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
      assert.equal(addMonths('2026-11-20', 14), '2028-01-20');
    });

    it('when counting the contract months left, then a started month counts whole and an ended contract counts none', () => {
      assert.equal(remainingContractMonths('2026-11-20', '2027-01-20'), 2);
      assert.equal(remainingContractMonths('2026-11-20', '2027-01-21'), 3);
      assert.equal(remainingContractMonths('2026-11-20', '2026-11-25'), 1);
      assert.equal(remainingContractMonths('2026-11-20', '2026-11-20'), 0);
    });

    it('when leaving a contract early, then the fee is fixed or per remaining month, and nothing once it has ended', () => {
      assert.equal(earlyTerminationFeeMinor(product('net-500'), '2027-06-01', '2026-11-20'), 20000);
      assert.equal(earlyTerminationFeeMinor(product('net-100'), '2027-02-20', '2026-11-20'), 3000);
      assert.equal(earlyTerminationFeeMinor(product('net-100'), '2026-11-19', '2026-11-20'), 0);
      assert.equal(earlyTerminationFeeMinor(product('net-100'), undefined, '2026-11-20'), 0);
      assert.equal(earlyTerminationFeeMinor(product('tv'), '2027-02-20', '2026-11-20'), 0);
    });
  });
});
