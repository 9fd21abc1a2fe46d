import assert from 'node:assert/strict';
import request from 'supertest';
import { startTmf, reseller, wholesale, type Tmf } from './tmf-harness';
import { demoIds, type DemoIds } from '../../support/demo-ids';
import { loadConfig } from '../../../src/config/config';
import { bootstrap } from '../../../src/bootstrap';
import { silentLogger } from '../../../src/shared/logger';
import { CATALOG_FILE, RULES_DIR, testHasher } from '../../support/care-fixture';
import { createThrottle } from '../../../src/adapters/throttle';

const CUSTOMERS = '/tmf-api/customerManagement/v5/customer';

describe('TMF partners: tokens, scopes, customers, audit', () => {
  let tmf: Tmf;
  let ids: DemoIds;
  before(async () => {
    tmf = await startTmf();
    ids = await demoIds(tmf.runtime.stores);
  });
  after(() => tmf.close());

  describe('POST /oauth/token', () => {
    it('when the demo reseller sends client credentials as a form, then it gets a Bearer token with its scopes and an expiry', async () => {
      const res = await request(tmf.runtime.app).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: reseller.input.clientId, client_secret: reseller.clientSecret });
      assert.equal(res.status, 200);
      assert.equal(res.body.token_type, 'Bearer');
      assert.equal(res.body.expires_in, 3600);
      assert.deepEqual(res.body.scope.split(' ').sort(), [...reseller.input.scopes].sort());
      assert.equal(res.headers['cache-control'], 'no-store');
      const audit = await tmf.runtime.stores.audit.find({ action: 'partner.token', username: reseller.input.clientId, result: 'ok' });
      assert.ok(audit.length >= 1);
    });

    it('when the secret is wrong, then 401 invalid_client, and the refusal is audited', async () => {
      const before = await tmf.runtime.stores.audit.count({ action: 'partner.token', result: 'refused' });
      const res = await request(tmf.runtime.app).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: reseller.input.clientId, client_secret: 'not-the-secret-at-all-000' });
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'invalid_client');
      assert.equal(await tmf.runtime.stores.audit.count({ action: 'partner.token', result: 'refused' }), before + 1);
    });

    it('when HTTP Basic client authentication is used, then it works like the form fields', async () => {
      const res = await request(tmf.runtime.app).post('/oauth/token').auth(reseller.input.clientId, reseller.clientSecret).type('form').send({ grant_type: 'client_credentials' });
      assert.equal(res.status, 200);
    });

    it('when the grant type is not client_credentials, or the body is JSON, then 400 and no token', async () => {
      const wrongGrant = await request(tmf.runtime.app).post('/oauth/token').type('form').send({ grant_type: 'password', client_id: reseller.input.clientId, client_secret: reseller.clientSecret });
      assert.equal(wrongGrant.status, 400);
      assert.equal(wrongGrant.body.error, 'unsupported_grant_type');
      const json = await request(tmf.runtime.app).post('/oauth/token').send({ grant_type: 'client_credentials', client_id: reseller.input.clientId, client_secret: reseller.clientSecret });
      assert.equal(json.status, 400);
      assert.equal(json.body.access_token, undefined);
    });

    it('when a scope the partner does not hold is asked for, then 400 invalid_scope', async () => {
      const res = await request(tmf.runtime.app).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: reseller.input.clientId, client_secret: reseller.clientSecret, scope: 'customerBill:read' });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_scope');
    });
  });

  describe('every TMF route', () => {
    it('when no token or a portal token is sent, then 401 in the TMF Error shape', async () => {
      const none = await request(tmf.runtime.app).get(CUSTOMERS);
      assert.equal(none.status, 401);
      assert.deepEqual(Object.keys(none.body).sort(), ['@type', 'code', 'message', 'reason', 'status']);
      assert.equal(none.body['@type'], 'Error');
      assert.equal(none.body.status, '401');
      const portal = await tmf.http.post('/api/v1/sessions').send({ accountNumber: '31000101', pin: '4821' });
      const res = await tmf.call('get', CUSTOMERS, portal.body.token as string);
      assert.equal(res.status, 401);
    });

    it('when the token lacks the scope (reseller asking for bills), then 403 NOT_PERMITTED in the TMF Error shape, audited as refused', async () => {
      const token = await tmf.token();
      const res = await tmf.call('get', '/tmf-api/customerBillManagement/v5/customerBill', token);
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'NOT_PERMITTED');
      const refused = await tmf.runtime.stores.audit.find({ action: 'partner.call', username: reseller.input.clientId, result: 'refused', code: 'NOT_PERMITTED' });
      assert.ok(refused.some((a) => (a.detail as { route: string }).route.includes('customerBill')));
    });

    it('when a token was granted fewer scopes than the partner holds, then only those count', async () => {
      const token = await tmf.token(reseller.input.clientId, 'productCatalog:read');
      assert.equal((await tmf.call('get', '/tmf-api/productCatalogManagement/v5/productOffering', token)).status, 200);
      assert.equal((await tmf.call('get', CUSTOMERS, token)).status, 403);
    });

    it('when the reseller lists customers, then it gets exactly the customers it acts for, with only the fields it may see', async () => {
      const token = await tmf.token();
      const res = await tmf.call('get', CUSTOMERS, token);
      assert.equal(res.status, 200);
      const expected = reseller.input.accountNumbers.map((a) => ids.customerId(a)).sort();
      assert.deepEqual((res.body as { id: string }[]).map((c) => c.id).sort(), expected);
      assert.equal(res.headers['x-total-count'], String(expected.length));
      for (const c of res.body as Record<string, unknown>[]) {
        assert.equal(c.contactMedium, undefined, 'the reseller may not see contact details');
        assert.equal(typeof c.name, 'string');
      }
    });

    it('when a partner asks for a customer it does not act for, then 404 (nothing about them is told); for its own, 200 and audited with the customer', async () => {
      const token = await tmf.token();
      const other = ids.customerId('31000102');
      assert.equal((await tmf.call('get', `${CUSTOMERS}/${other}`, token)).status, 404);
      const mine = ids.customerId('31000101');
      const res = await tmf.call('get', `${CUSTOMERS}/${mine}`, token);
      assert.equal(res.status, 200);
      const audited = await tmf.runtime.stores.audit.find({ action: 'partner.call', customerId: mine, result: 'ok' });
      assert.ok(audited.some((a) => a.username === reseller.input.clientId));
    });

    it('when an order is placed for a customer the partner does not act for, then 403 and nothing is placed', async () => {
      const token = await tmf.token();
      const other = ids.customerId('31000102');
      const before = await tmf.runtime.stores.orders.count({});
      const res = await tmf.call('post', '/tmf-api/productOrderingManagement/v5/productOrder', token, {
        '@type': 'ProductOrder',
        relatedParty: [{ '@type': 'RelatedPartyRefOrPartyRoleRef', role: 'customer', partyOrPartyRole: { '@type': 'PartyRoleRef', id: other } }],
        productOrderItem: [{ '@type': 'ProductOrderItem', id: '1', action: 'add', productOffering: { '@type': 'ProductOfferingRef', id: 'mobile-unlimited' } }],
      }, { 'Idempotency-Key': 'not-mine-1' });
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'NOT_PERMITTED');
      assert.equal(await tmf.runtime.stores.orders.count({}), before);
    });

    it('when the wholesale partner lists bills, then it sees its customers\' bills with only the billing fields, never another customer\'s', async () => {
      const token = await tmf.token(wholesale.input.clientId);
      const res = await tmf.call('get', '/tmf-api/customerBillManagement/v5/customerBill?limit=100', token);
      assert.equal(res.status, 200);
      const mine = new Set(wholesale.input.accountNumbers);
      assert.ok((res.body as unknown[]).length > 0);
      for (const b of res.body as { billingAccount: { id: string }; relatedParty?: unknown }[]) {
        assert.ok(mine.has(b.billingAccount.id));
        assert.equal(b.relatedParty, undefined);
      }
    });
  });

  describe('token requests from one address', () => {
    it('when one address asks for tokens past the per-source budget, then 429 slow_down and no token (each costs a slow hash)', async () => {
      const limited = await startTmf({ overrides: { throttle: createThrottle({ points: 2, durationSec: 60 }) } });
      try {
        const ask = () => request(limited.runtime.app).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: reseller.input.clientId, client_secret: reseller.clientSecret });
        assert.equal((await ask()).status, 200);
        assert.equal((await ask()).status, 200);
        const third = await ask();
        assert.equal(third.status, 429);
        assert.equal(third.body.error, 'slow_down');
        assert.equal(third.body.access_token, undefined);
      } finally {
        await limited.close();
      }
    });
  });

  describe('partners as data', () => {
    it('when the server starts in production with DEMO_DATA=true, then no demo partner is seeded (its secret is public)', async () => {
      const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', CATALOG_FILE, RULES_DIR, DEMO_DATA: 'true', PORT: '0', SESSION_SECRET: 'x'.repeat(40), TWILIO_AUTH_TOKEN: 'y'.repeat(32), PUBLIC_BASE_URL: 'https://care.example.com' });
      const runtime = await bootstrap(config, { logger: silentLogger(), overrides: { inMemory: true, hasher: testHasher, watchFiles: false, workerInProcess: false } });
      try {
        assert.equal(await runtime.stores.partners.count({}), 0);
        assert.ok((await runtime.stores.customers.count({})) > 0, 'the demo customers were seeded, so partners would have been too');
        const res = await request(runtime.app).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: reseller.input.clientId, client_secret: reseller.clientSecret });
        assert.equal(res.status, 401);
      } finally {
        await runtime.close();
      }
    });

    it('when a partner is deactivated, then its tokens stop working at once', async () => {
      const token = await tmf.token(wholesale.input.clientId);
      const p = (await tmf.runtime.stores.partners.findOne({ clientId: wholesale.input.clientId }))!;
      await tmf.runtime.stores.partners.replace({ ...p, active: false });
      try {
        assert.equal((await tmf.call('get', CUSTOMERS, token)).status, 401);
      } finally {
        const now = (await tmf.runtime.stores.partners.get(p.id))!;
        await tmf.runtime.stores.partners.replace({ ...now, active: true });
      }
    });
  });
});
