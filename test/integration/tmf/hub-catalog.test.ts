import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTmf, specs, wholesale, type Tmf } from './tmf-harness';
import { startPartnerListener, type PartnerListenerServer, type Received } from './partner-listener';
import { SIGNATURE_HEADER } from '../../../src/domain/partners/listeners';
import { CATALOG_FILE } from '../../support/care-fixture';
import { problemOf } from '../api/api-harness';
import { BILLING_CSR, staffSignIn, SUPERVISOR } from '../staff/staff-harness';
import { eventually } from '../../support/eventually';

const PC = '/tmf-api/productCatalogManagement/v5';
type Json = Record<string, unknown>;
type Product = Json & { id: string; name: string; sellable?: boolean; pricing: (Json & { amountMinor?: number })[] };
type CatalogJson = { products: Product[] } & Json;

function signatureValid(r: Received, key: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers[SIGNATURE_HEADER.toLowerCase()] ?? ''));
  return !!m && createHmac('sha256', key).update(`${m[1]}.${r.body}`).digest('hex') === m[2];
}

describe('TMF620 hub: partners listening to the catalog hear of each offering a reload changed', () => {
  let tmf: Tmf;
  let dir: string;
  let file: string;
  let original: string;
  let originalText: string;
  let supervisor: string;
  let mine: PartnerListenerServer;

  const catalogNow = (): CatalogJson => JSON.parse(original) as CatalogJson;
  const product = (c: CatalogJson, id: string): Product => c.products.find((p) => p.id === id)!;
  const write = (c: CatalogJson | string) => writeFileSync(file, typeof c === 'string' ? c : JSON.stringify(c, null, 2));
  const reload = (auth = supervisor) => tmf.http.post('/api/v1/staff/catalog/reload').set('Authorization', auth);
  const register = async (callback: string, query?: string) => {
    const res = await tmf.call('post', `${PC}/hub`, await tmf.token(), { '@type': 'Hub', callback, ...(query ? { query } : {}) });
    assert.equal(res.status, 201, res.text);
    return res.body as { id: string; signingKey: string };
  };

  before(async () => {
    // The operator's catalog and its text, copied: the tests edit the copy and reload it.
    dir = mkdtempSync(path.join(tmpdir(), 'tmf-catalog-'));
    file = path.join(dir, 'catalog.json');
    copyFileSync(CATALOG_FILE, file);
    copyFileSync(path.join(path.dirname(CATALOG_FILE), 'catalog-text.es.yaml'), path.join(dir, 'catalog-text.es.yaml'));
    original = readFileSync(file, 'utf8');
    originalText = readFileSync(path.join(dir, 'catalog-text.es.yaml'), 'utf8');
    tmf = await startTmf({ env: { CATALOG_FILE: file } });
    supervisor = await staffSignIn(tmf, SUPERVISOR);
  });
  beforeEach(async () => {
    mine = await startPartnerListener();
  });
  afterEach(async () => {
    for (const l of await tmf.runtime.stores.listeners.find({})) await tmf.runtime.stores.listeners.delete(l.id);
    await mine.close();
    // Back to the operator's catalog (nobody listens now).
    write(original);
    writeFileSync(path.join(dir, 'catalog-text.es.yaml'), originalText);
    const back = await reload();
    assert.equal(back.status, 200, back.text);
  });
  after(async () => {
    await tmf.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a listening reseller\'s operator reprices one offering and retires another, then signed events valid against TMF620 carry each as GET shows it, and the supervisor sees what changed', async () => {
    const hub = await register(mine.url);
    const token = await tmf.token();
    const next = catalogNow();
    const fiber = product(next, 'fiber-300');
    fiber.pricing[0] = { ...fiber.pricing[0], amountMinor: (fiber.pricing[0]!.amountMinor as number) + 100 };
    product(next, 'dsl-25').sellable = false;
    write(next);

    const res = await reload();
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.reloaded, true);
    assert.deepEqual(res.body.offerings, [
      { id: 'dsl-25', change: 'changed', fields: ['sellable'], pricing: { added: [], removed: [], changed: [], renamed: [] } },
      { id: 'fiber-300', change: 'changed', fields: ['pricing'], pricing: { added: [], removed: [], changed: [0], renamed: [] } },
    ]);

    const price = await mine.next((r) => r.json['@type'] === 'ProductOfferingPriceAttributeValueChangeEvent');
    assert.deepEqual(specs.validate('TMF620', 'ProductOfferingPriceAttributeValueChangeEvent', price.json), []);
    assert.ok(signatureValid(price, hub.signingKey), 'signed with the key given at registration');
    const priceNow = await tmf.call('get', `${PC}/productOfferingPrice/fiber-300.1`, token);
    assert.deepEqual((price.json.event as Json).productOfferingPrice, priceNow.body, 'the price as the partner reads it now');
    assert.equal(((priceNow.body as Json).price as { value: number }).value, (fiber.pricing[0]!.amountMinor as number) / 100);

    const state = await mine.next((r) => r.json['@type'] === 'ProductOfferingStateChangeEvent');
    assert.deepEqual(specs.validate('TMF620', 'ProductOfferingStateChangeEvent', state.json), []);
    assert.ok(signatureValid(state, hub.signingKey));
    const offeringNow = await tmf.call('get', `${PC}/productOffering/dsl-25`, token);
    assert.equal((offeringNow.body as Json).lifecycleStatus, 'Retired');
    assert.deepEqual((state.json.event as Json).productOffering, offeringNow.body);

    // Exactly these two: an amount is no attribute of the offering, and nothing else changed.
    assert.deepEqual((await tmf.runtime.stores.notifications.find({ listenerId: hub.id })).map((n) => n.eventType).sort(), ['ProductOfferingPriceAttributeValueChangeEvent', 'ProductOfferingStateChangeEvent']);
    const audit = await tmf.runtime.stores.audit.find({ action: 'catalog.reload', result: 'ok' });
    assert.ok(audit.some((a) => a.username === SUPERVISOR.username && (a.detail as Json).offerings === 2));
  });

  it('when a new offering comes without its Spanish text, or the file is no valid catalog, then 422 says why, nothing changes and nobody is told; with its text it is created and told', async () => {
    const hub = await register(mine.url, 'eventType=ProductOfferingCreateEvent');
    const token = await tmf.token();
    const next = catalogNow();
    next.products.push({ ...structuredClone(product(next, 'fiber-1000')), id: 'fiber-2000', name: 'Fiber 2000', description: 'Multi-gigabit fiber internet.' });
    write(next);
    const untranslated = await reload();
    assert.equal(untranslated.status, 422, untranslated.text);
    const problem = problemOf(untranslated);
    assert.equal(problem.code, 'VALIDATION_FAILED');
    assert.match(problem.detail, /the catalog in use is unchanged: catalog text: no translation: es: products\.fiber-2000/);

    write('{"products": [');
    const broken = await reload();
    assert.equal(broken.status, 422, broken.text);
    assert.match(problemOf(broken).detail, /the catalog file was not loaded/);
    const noPricing = catalogNow();
    product(noPricing, 'fiber-300').pricing = [];
    write(noPricing);
    const invalid = await reload();
    assert.equal(invalid.status, 422, invalid.text);
    assert.match(problemOf(invalid).detail, /products\[\d+\]\.pricing/);

    assert.equal((await tmf.call('get', `${PC}/productOffering/fiber-2000`, token)).status, 404, 'the refused offering is not served');
    assert.equal(((await tmf.call('get', `${PC}/productOfferingPrice/fiber-300.1`, token)).body as Json).name, product(catalogNow(), 'fiber-300').pricing[0]!.label);

    // The same offering with its words: accepted, served and told (so the refusals above would have been told too).
    writeFileSync(path.join(dir, 'catalog-text.es.yaml'), originalText.replace(/^products:\n/m, 'products:\n  fiber-2000: Internet de fibra multigigabit.\n'));
    write(next);
    const accepted = await reload();
    assert.equal(accepted.status, 200, accepted.text);
    assert.deepEqual(accepted.body.offerings.map((o: Json) => [o.id, o.change]), [['fiber-2000', 'created']]);
    const created = await mine.next((r) => r.json['@type'] === 'ProductOfferingCreateEvent');
    assert.deepEqual(specs.validate('TMF620', 'ProductOfferingCreateEvent', created.json), []);
    assert.deepEqual((created.json.event as Json).productOffering, (await tmf.call('get', `${PC}/productOffering/fiber-2000`, token)).body);
    assert.equal(await tmf.runtime.stores.notifications.count({ listenerId: hub.id }), 1, 'only the accepted reload was told (its prices are other event types)');
    assert.equal(mine.received.length, 1);
  });

  it('when a listener is deleted, then a later change reaches the listener still registered and not it', async () => {
    const gone = await register(mine.url);
    const other = await startPartnerListener();
    try {
      const staying = await register(other.url);
      const del = await tmf.call('delete', `${PC}/hub/${gone.id}`, await tmf.token());
      assert.equal(del.status, 204, del.text);
      const next = catalogNow();
      product(next, 'tv-basic').name = 'Brightwave TV Basic 2027';
      write(next);
      assert.equal((await reload()).status, 200);
      const heard = await other.next((r) => r.json['@type'] === 'ProductOfferingAttributeValueChangeEvent');
      assert.deepEqual(specs.validate('TMF620', 'ProductOfferingAttributeValueChangeEvent', heard.json), []);
      assert.equal(((heard.json.event as Json).productOffering as Json).name, 'Brightwave TV Basic 2027');
      await eventually(async () => (await tmf.runtime.stores.notifications.count({ listenerId: staying.id })) === 1, 'the event owed to the listener still registered');
      assert.equal(await tmf.runtime.stores.notifications.count({ listenerId: gone.id }), 0);
      assert.equal(mine.received.length, 0);
    } finally {
      await other.close();
    }
  });

  it('when a partner without productCatalog:read registers, then 403 in the TMF Error shape and nothing is stored', async () => {
    const refused = await tmf.call('post', `${PC}/hub`, await tmf.token(wholesale.input.clientId), { '@type': 'Hub', callback: mine.url });
    assert.equal(refused.status, 403);
    assert.equal(refused.body['@type'], 'Error');
    assert.equal(await tmf.runtime.stores.listeners.count({}), 0);
  });

  it('when a CSR asks for a reload, then 403 and the catalog in use stays', async () => {
    const next = catalogNow();
    product(next, 'tv-plus').sellable = false;
    write(next);
    const csr = await staffSignIn(tmf, BILLING_CSR);
    const refused = await reload(csr);
    assert.equal(refused.status, 403, refused.text);
    assert.equal(problemOf(refused).code, 'NOT_PERMITTED');
    assert.equal(((await tmf.call('get', `${PC}/productOffering/tv-plus`, await tmf.token())).body as Json).lifecycleStatus, 'Launched');
    assert.ok((await tmf.runtime.stores.audit.find({ action: 'catalog.reload', result: 'refused', username: BILLING_CSR.username })).length >= 1);
  });
});
