import assert from 'node:assert/strict';
import path from 'node:path';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';
import { checkCatalogIntegrity } from '../../../src/domain/catalog/catalog-integrity';
import type { Catalog } from '../../../src/domain/catalog/catalog-schema';

const ROOT = path.resolve(__dirname, '../../..');
const good = (): Catalog => structuredClone(loadCatalogFile(path.join(ROOT, 'test/fixtures/catalog/good-minimal.json')));
const places = (c: Catalog) => checkCatalogIntegrity(c).map((p) => p.path);

describe('catalog integrity', () => {
  it('when the catalog is sound, then there are no problems', () => {
    assert.deepEqual(checkCatalogIntegrity(good()), []);
    assert.deepEqual(checkCatalogIntegrity(loadCatalogFile(path.join(ROOT, 'catalog/catalog.json'))), []);
  });

  it('when a transition crosses families or targets itself, then it is reported', () => {
    const c = good();
    c.products[0].transitions = [{ to: 'mobile-5gb', kind: 'lateral' }, { to: 'fiber-100', kind: 'lateral' }];

    const problems = checkCatalogIntegrity(c);

    assert.deepEqual(problems.map((p) => p.path), ['products[0].transitions[0].to', 'products[0].transitions[1].to']);
    assert.match(problems[0].reason, /is mobile, not broadband/);
    assert.match(problems[1].reason, /itself/);
  });

  it('when requires names neither a family nor a product, then it is reported', () => {
    const c = good();
    c.products[2].requires = ['internet'];

    assert.deepEqual(places(c), ['products[2].requires[0]']);
  });

  it('when CSR limits do not ascend by role, then it is reported', () => {
    const c = good();
    c.adjustments.csrLimitMinor.senior = 1000;

    assert.deepEqual(places(c), ['adjustments.csrLimitMinor.senior']);
  });

  it('when an adjustable item type has no reason, then it is reported', () => {
    const c = good();
    c.adjustments.adjustableItemTypes.push('one-time');

    assert.deepEqual(places(c), ['adjustments.adjustableItemTypes[2]']);
  });

  it('when the time zone is unknown or a date is not on the calendar, then it is reported', () => {
    const c = good();
    c.operator.timezone = 'America/Springfield';
    c.promotions[0].validTo = '2026-02-30';

    assert.deepEqual(places(c), ['operator.timezone', 'promotions[0].validTo']);
  });

  it('when a family of services has no repair symptom, then it is reported', () => {
    const c = good();
    c.repair.symptoms = c.repair.symptoms.filter((s) => !s.families.includes('mobile'));

    const problems = checkCatalogIntegrity(c);

    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /"mobile" family/);
  });

  it('when a sellable bundle includes a product that is no longer sold, then it is reported', () => {
    const c = good();
    c.products[3].sellable = false;

    assert.deepEqual(places(c), ['bundles[0].products[1]']);
  });
});
