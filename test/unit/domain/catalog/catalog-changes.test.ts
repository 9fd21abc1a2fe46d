import assert from 'node:assert/strict';
import { catalogChanges } from '../../../../src/domain/catalog/catalog-changes';
import { createLiveCatalog, type CatalogRead } from '../../../../src/domain/catalog/live-catalog';
import type { CareEvent, EventPort } from '../../../../src/domain/events/care-events';
import { isDomainError } from '../../../../src/domain/shared/errors';
import { smallCatalog } from './small-catalog';
import { settableClock } from '../../../support/care-fixture';

const NONE = { added: [], removed: [], changed: [], renamed: [] };

describe('catalog changes: what a reload changed, offering by offering', () => {
  it('when nothing differs, then no offering changed', () => {
    assert.deepEqual(catalogChanges(smallCatalog(), smallCatalog()), []);
  });

  it('when an offering is added, one taken out, one retired and one repriced, then each is told with what changed', () => {
    const before = smallCatalog();
    const after = smallCatalog();
    const net100 = after.products.find((p) => p.id === 'net-100')!;
    net100.pricing[0] = { ...net100.pricing[0]!, amountMinor: 4200 } as (typeof net100.pricing)[number];
    net100.pricing[1] = { ...net100.pricing[1]!, label: 'Set-up' } as (typeof net100.pricing)[number];
    after.products.find((p) => p.id === 'net-500')!.sellable = false;
    after.products.find((p) => p.id === 'net-500')!.technology = 'copper';
    const removed = after.products.pop()!;
    after.products.push({ ...structuredClone(removed), id: 'net-1000', name: 'Net 1000' });
    assert.deepEqual(catalogChanges(before, after), [
      { id: 'net-100', change: 'changed', fields: ['pricing'], pricing: { ...NONE, changed: [0, 1], renamed: [1] } },
      { id: 'net-500', change: 'changed', fields: ['sellable', 'technology'], pricing: NONE },
      { id: 'net-1000', change: 'created', fields: [], pricing: { ...NONE, added: removed.pricing.map((_, i) => i) } },
      { id: removed.id, change: 'removed', fields: [], pricing: { ...NONE, removed: removed.pricing.map((_, i) => i) } },
    ]);
  });

  it('when a price component is added and the currency changes, then the new place is added and every price changed', () => {
    const before = smallCatalog();
    const after = smallCatalog();
    after.operator.currency = 'EUR';
    const net100 = after.products.find((p) => p.id === 'net-100')!;
    net100.pricing.push({ type: 'one-time', label: 'Router', amountMinor: 9900 });
    const changes = catalogChanges(before, after);
    assert.equal(changes.length, after.products.length, 'every offering has a changed price');
    assert.deepEqual(changes.find((c) => c.id === 'net-100'), { id: 'net-100', change: 'changed', fields: ['pricing'], pricing: { ...NONE, added: [2], changed: [0, 1] } });
  });
});

describe('live catalog: reloading the file', () => {
  const published: CareEvent[] = [];
  const events: EventPort = { publish: async (e) => void published.push(e), subscribe: () => () => undefined, ready: async () => undefined, close: async () => undefined };
  let next: CatalogRead;
  const live = () => createLiveCatalog({ initial: { catalog: smallCatalog(), revision: 'r1' }, read: () => next, clock: settableClock(), events });
  beforeEach(() => {
    published.length = 0;
  });

  it('when the file is not a valid catalog, then VALIDATION_FAILED with its problems, and the catalog in use and its revision stay', async () => {
    const catalog = live();
    const inUse = catalog.current();
    next = { ok: false, problems: [{ place: 'products[0].pricing', reason: 'must not be empty' }] };
    await assert.rejects(catalog.reload(), (e: unknown) => isDomainError(e) && e.code === 'VALIDATION_FAILED' && /products\[0\]\.pricing: must not be empty/.test(e.message) && (e.details.problems as unknown[]).length === 1);
    assert.equal(catalog.current(), inUse);
    assert.equal(catalog.revision(), 'r1');
    assert.equal(published.length, 0);
  });

  it('when the file changed, then the new catalog is in use and catalog.changed names the revision and the offerings; the same revision again changes nothing', async () => {
    const catalog = live();
    const after = smallCatalog();
    after.products[0]!.name = 'Net 100 Plus';
    next = { ok: true, catalog: after, revision: 'r2' };
    const result = await catalog.reload();
    assert.deepEqual(result, { revision: 'r2', reloaded: true, offerings: [{ id: after.products[0]!.id, change: 'changed', fields: ['name'], pricing: NONE }] });
    assert.equal(catalog.current(), after);
    assert.equal(catalog.at('r2'), after);
    assert.notEqual(catalog.at('r1'), undefined, 'the previous revision is still held for events being told');
    assert.equal(catalog.at('r0'), undefined);
    assert.equal(published.length, 1);
    assert.deepEqual({ ...published[0], at: undefined }, { type: 'catalog.changed', at: undefined, revision: 'r2', offerings: result.offerings });
    assert.deepEqual(await catalog.reload(), { revision: 'r2', reloaded: false, offerings: [] });
    assert.equal(published.length, 1);
  });
});
