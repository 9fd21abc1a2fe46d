import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalogFile, loadCatalogVersion, parseCatalog, problemsOf } from '../../../src/adapters/files/catalog-file';
import { catalogFileReader, watchCatalog } from '../../../src/catalog-mount';
import { createLiveCatalog } from '../../../src/domain/catalog/live-catalog';
import { isDomainError } from '../../../src/domain/shared/errors';
import { FileValidationError } from '../../../src/adapters/files/file-error';
import type { Catalog } from '../../../src/domain/catalog/catalog-schema';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/catalog');
const fixture = (name: string) => path.join(FIXTURES, name);

function failure(file: string): FileValidationError {
  try {
    loadCatalogFile(file);
  } catch (e) {
    assert.ok(e instanceof FileValidationError, `expected FileValidationError, got ${String(e)}`);
    return e;
  }
  assert.fail(`${file} loaded, but it should have been refused`);
}

describe('catalog file', () => {
  it('when the operator catalog is loaded, then it is valid and holds the Brightwave products', () => {
    const c = loadCatalogFile(path.join(ROOT, 'catalog/catalog.json'));

    assert.equal(c.operator.name, 'Brightwave Telecom');
    assert.equal(c.operator.currency, 'USD');
    assert.equal(c.operator.timezone, 'America/Chicago');
    const ids = c.products.map((p) => p.id);
    for (const id of ['home-phone', 'dsl-25', 'fiber-300', 'fiber-500', 'fiber-1000', 'tv-basic', 'tv-plus', 'tv-premium', 'mobile-5gb', 'mobile-20gb', 'mobile-unlimited', 'home-security']) {
      assert.ok(ids.includes(id), `missing ${id}`);
    }
    assert.ok(c.products.some((p) => p.kind === 'service' && !p.sellable), 'a legacy product that is no longer sold');
    assert.ok(c.products.filter((p) => p.family === 'mobile' && p.kind === 'service').every((p) => p.instantActivation));
    assert.deepEqual(c.adjustments.selfServiceLimitMinor, { voice: 2500, chat: 2500, portal: 2500, api: 2500 });
    assert.deepEqual(c.extensions, { maxDays: 14, maxPerYear: 2, maxDaysPastDue: 30 });
    assert.equal(c.repair.appointmentHorizonDays, 7);
  });

  it('when the catalog is loaded, then its promotions include current, expired and future ones for November 2026', () => {
    const c = loadCatalogFile(path.join(ROOT, 'catalog/catalog.json'));
    const day = '2026-11-15';

    assert.ok(c.promotions.some((p) => p.validFrom <= day && day <= p.validTo), 'current');
    assert.ok(c.promotions.some((p) => p.validTo < day), 'expired');
    assert.ok(c.promotions.some((p) => p.validFrom > day), 'future');
  });

  it('when a minimal good fixture is loaded, then defaults are filled in', () => {
    const c = loadCatalogFile(fixture('good-minimal.json'));

    assert.equal(c.products[2].sellable, true);
    assert.deepEqual(c.products[2].transitions, []);
    assert.equal(c.products[0].config[0].values[1].monthlyDeltaMinor, 0);
  });

  const cases: [file: string, place: string | RegExp, reason: RegExp][] = [
    ['bad-syntax.json', 'line 5, column 3', /invalid JSON/],
    ['bad-price-type.json', 'products[1].pricing[0].amountMinor', /expected number/],
    ['bad-unknown-field.json', 'products[0]', /unknown field "colour"/],
    ['bad-currency.json', 'operator.currency', /pattern/],
    ['bad-addon-unknown.json', 'products[0].addons[1]', /unknown product "mesh-wifi"/],
    ['bad-addon-not-addon.json', 'products[0].addons[0]', /"mobile-5gb" is a service, not an add-on/],
    ['bad-transition-unknown.json', 'products[1].transitions[0].to', /unknown product "fiber-5000"/],
    ['bad-config-default.json', 'products[0].config[0].default', /"lease" is not one of the values/],
    ['bad-promotion-window.json', 'promotions[0].validTo', /before validFrom/],
    ['bad-reason-type.json', 'adjustments.reasons[2].appliesTo[0]', /"late-fee" is not in adjustableItemTypes/],
    ['bad-duplicate-id.json', 'products[3].id', /duplicate product id "fiber-500"/],
    ['bad-bundle-product.json', 'bundles[0].products[1]', /unknown product "mobile-50gb"/],
    ['bad-usage-tiers.json', 'products[3].pricing[1].tiers[0].upTo', /only the last tier may be unbounded/],
  ];
  for (const [file, place, reason] of cases) {
    it(`when the catalog is ${file.replace(/^bad-|\.json$/g, '')}, then loading fails naming file, place and reason`, () => {
      const err = failure(fixture(file));

      assert.equal(err.file, fixture(file));
      if (typeof place === 'string') assert.equal(err.place, place);
      else assert.match(err.place, place);
      assert.match(err.reason, reason);
      assert.equal(err.message, `${err.file}: ${err.place}: ${err.reason}`);
    });
  }

  it('when the file does not exist, then the error names it', () => {
    const err = failure(fixture('no-such-catalog.json'));

    assert.equal(err.place, '(file)');
    assert.match(err.reason, /ENOENT/);
  });

  it('when a catalog has several problems, then all of them are listed', () => {
    const c = JSON.parse(readFileSync(fixture('good-minimal.json'), 'utf8')) as Catalog;
    c.products[0].addons = ['nope'];
    c.promotions[0].appliesTo = ['gone'];

    assert.throws(() => parseCatalog('x.json', JSON.stringify(c)), (e: unknown) => {
      assert.ok(e instanceof FileValidationError);
      assert.deepEqual(problemsOf(e).map((p) => p.place), ['products[0].addons[0]', 'promotions[0].appliesTo[0]']);
      return true;
    });
  });

  describe('watching', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'catalog-watch-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const until = async (check: () => boolean, ms = 3000): Promise<void> => {
      const end = Date.now() + ms;
      while (!check()) {
        if (Date.now() > end) throw new Error('timed out waiting for the watcher');
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    it('when a bad edit is saved, then the error is reported and the catalog in use stays; a good edit takes over', async () => {
      const file = path.join(dir, 'catalog.json');
      copyFileSync(fixture('good-minimal.json'), file);
      const errors: unknown[] = [];
      const reloaded: string[] = [];
      const logger = { info: (_o: object, msg: string) => void reloaded.push(msg), error: (o: { err?: unknown }) => void errors.push(o.err) };
      const read = catalogFileReader({ file, textLocales: [], requiredLocales: ['en'], rules: () => new Map(), diagnosis: {}, ruleTexts: {}, texts: {} });
      const live = createLiveCatalog({ initial: loadCatalogVersion(file), read, clock: { now: () => new Date() } });
      const first = live.current();
      const stop = watchCatalog(file, live, logger as unknown as Parameters<typeof watchCatalog>[2]);
      try {
        writeFileSync(file, readFileSync(fixture('bad-config-default.json')));
        await until(() => errors.length > 0);
        assert.equal(live.current(), first);
        assert.ok(isDomainError(errors[0]) && errors[0].code === 'VALIDATION_FAILED');
        assert.match((errors[0] as Error).message, /products\[0\]\.config\[0\]\.default/);

        const edited = JSON.parse(readFileSync(fixture('good-minimal.json'), 'utf8')) as Catalog;
        edited.products[0].pricing[0] = { type: 'recurring', label: 'Fiber 100', amountMinor: 4200 };
        writeFileSync(file, JSON.stringify(edited));
        await until(() => reloaded.includes('catalog reloaded'));
        const price = live.current().products[0].pricing[0];
        assert.equal(price.type === 'recurring' && price.amountMinor, 4200);
      } finally {
        stop();
      }
    });
  });
});
