import assert from 'node:assert/strict';
import {
  activeProducts,
  allowedModifications,
  checkAddon,
  checkOffer,
  dependantsOf,
  presentProducts,
  requireAllowed,
  sellableOffers,
} from '../../../../src/domain/catalog/compatibility';
import { applyModification } from '../../../../src/domain/catalog/modifications';
import { findProduct } from '../../../../src/domain/catalog/pricing';
import type { Product } from '../../../../src/domain/catalog/catalog-schema';
import type { ServiceInstance } from '../../../../src/domain/customers/customer';
import { DomainError } from '../../../../src/domain/shared/errors';
import { smallCatalog, svc } from './small-catalog';

const catalog = smallCatalog();
const product = (id: string): Product => findProduct(catalog, id) as Product;
const offerIds = (services: ServiceInstance[]): string[] => sellableOffers(catalog, services).map((p) => p.id);
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('compatibility', () => {
  describe('offers', () => {
    it('when the account is empty, then sellable services without requirements are offered, not add-ons or retired products', () => {
      assert.deepEqual(offerIds([]), ['net-100', 'net-500', 'phone', 'lease']);
    });

    it('when the customer has broadband, then other broadband is excluded and TV (which needs broadband) is offered', () => {
      assert.deepEqual(offerIds([svc('net-100')]), ['tv', 'phone', 'lease']);
    });

    it('when the broadband is only pending, then it still excludes other broadband but does not yet meet requirements', () => {
      assert.deepEqual(offerIds([svc('net-100', { status: 'pending' })]), ['phone', 'lease']);
    });

    it('when a service is disconnected, then it neither excludes nor satisfies anything', () => {
      assert.deepEqual(offerIds([svc('net-100', { status: 'disconnected' })]), ['net-100', 'net-500', 'phone', 'lease']);
    });

    it('when checking one product, then unknown, retired and add-on ids are not sellable and clashes are incompatible', () => {
      assert.equal(checkOffer(catalog, 'nope', []).ok, false);
      const results = ['nope', 'net-old', 'static-ip'].map((id) => checkOffer(catalog, id, []));
      assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.code)), ['PRODUCT_NOT_SELLABLE', 'PRODUCT_NOT_SELLABLE', 'PRODUCT_NOT_SELLABLE']);
      const clash = checkOffer(catalog, 'net-500', [svc('net-100')]);
      assert.ok(!clash.ok && clash.code === 'PRODUCT_INCOMPATIBLE' && /Net 100/.test(clash.reason));
      const unmet = checkOffer(catalog, 'tv', []);
      assert.ok(!unmet.ok && unmet.code === 'PRODUCT_INCOMPATIBLE' && /broadband/.test(unmet.reason));
    });

    it('when only the held product declares the exclusion, then the exclusion still holds (it counts both ways)', () => {
      const oneWay = smallCatalog();
      (oneWay.products.find((p) => p.id === 'lease') as Product).excludes = ['phone'];
      const r = checkOffer(oneWay, 'phone', [svc('lease')]);
      assert.ok(!r.ok && r.code === 'PRODUCT_INCOMPATIBLE');
    });
  });

  describe('add-ons', () => {
    const account = (services: ServiceInstance[]) => ({ active: activeProducts(catalog, services), present: presentProducts(catalog, services) });

    it('when the host product offers the add-on, then the host itself meets its requirement', () => {
      assert.equal(checkAddon(catalog, 'sports', product('tv'), account([svc('net-100')])).ok, true);
    });

    it('when the add-on is not one of the host product add-ons, then it is incompatible', () => {
      const r = checkAddon(catalog, 'static-ip', product('tv'), account([svc('net-100')]));
      assert.ok(!r.ok && r.code === 'PRODUCT_INCOMPATIBLE');
    });
  });

  describe('allowed modifications', () => {
    it('when a service is active, then it may change product to sellable targets, add add-ons, change configuration', () => {
      const service = svc('net-100', { config: { router: 'rent' } });
      const allowed = allowedModifications(catalog, service, [service]);
      assert.deepEqual(
        allowed.map((a) => [a.id, a.category, a.amount?.amountMinor]),
        [
          ['change-product:net-500', 'upgrade', 2000],
          ['add-addon:static-ip', 'addon', 500],
          ['change-config:router:own', 'config', -1000],
        ],
      );
      assert.equal(allowed[0]!.label, 'Upgrade to Net 500');
    });

    it('when a service has add-ons and features, then they can be removed or switched off', () => {
      const service = svc('phone', { addons: ['intl'], features: ['caller-id'] });
      const ids = allowedModifications(catalog, service, [service]).map((a) => a.id);
      assert.deepEqual(ids, ['remove-addon:intl', 'feature-on:voicemail', 'feature-off:caller-id']);
    });

    it('when a retired product is held, then it may still move to a sellable product', () => {
      const service = svc('net-old');
      assert.deepEqual(allowedModifications(catalog, service, [service]).map((a) => a.id), ['change-product:net-100']);
    });

    it('when a transition target would clash with another service, then it is not offered', () => {
      const clashing = smallCatalog();
      (clashing.products.find((p) => p.id === 'net-500') as Product).excludes = ['broadband', 'phone'];
      const service = svc('net-100');
      const ids = allowedModifications(clashing, service, [service, svc('phone')]).map((a) => a.id);
      assert.ok(!ids.includes('change-product:net-500'));
    });

    for (const status of ['pending', 'suspended', 'disconnected'] as const) {
      it(`when a service is ${status}, then it is not modifiable`, () => {
        const service = svc('net-100', { status });
        assert.equal(codeOf(() => allowedModifications(catalog, service, [service])), 'SERVICE_NOT_MODIFIABLE');
      });
    }

    it('when the change asked for is not among the allowed ones, then it is refused', () => {
      const service = svc('net-100');
      const allowed = allowedModifications(catalog, service, [service]);
      assert.equal(requireAllowed(allowed, { kind: 'add-addon', addonId: 'static-ip' }).category, 'addon');
      assert.equal(codeOf(() => requireAllowed(allowed, { kind: 'change-product', toProductId: 'net-old' })), 'MODIFICATION_NOT_ALLOWED');
      assert.equal(codeOf(() => requireAllowed(allowed, { kind: 'feature-on', featureId: 'voicemail' })), 'MODIFICATION_NOT_ALLOWED');
    });
  });

  describe('effects', () => {
    it('when changing product, then configuration carries over where valid and add-ons the new product does not offer are dropped', () => {
      const changed = applyModification(catalog, svc('net-old', { addons: ['static-ip'] }), { kind: 'change-product', toProductId: 'net-100' });
      assert.equal(changed.productId, 'net-100');
      assert.deepEqual(changed.config, { router: 'rent' });
      assert.deepEqual(changed.addons, ['static-ip']);
      const toTv = applyModification(catalog, svc('net-100', { addons: ['static-ip'], config: { router: 'own' } }), { kind: 'change-product', toProductId: 'net-500' });
      assert.deepEqual(toTv.config, { router: 'own' });
    });

    it('when a service is ended, then the services that need it are named', () => {
      const net = svc('net-100');
      assert.deepEqual(dependantsOf(catalog, net, [net, svc('tv', { addons: ['sports'] }), svc('phone')]).map((p) => p.id), ['tv']);
      assert.deepEqual(dependantsOf(catalog, net, [net, svc('net-500', { id: 'second' }), svc('tv')]), []);
    });
  });
});
