/**
 * The whole server for TMF tests (the API harness: in-memory store, demo operator and partners),
 * with an agent whose every /tmf-api response is validated against the published TMF v5 schema
 * of its resource (the YAML in tmf/, through ajv): a body that does not validate fails the test.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Response } from 'supertest';
import { loadTmfSpecs, type TmfApi } from '../../../src/channels/tmf/spec/tmf-specs';
import { DEMO_PARTNERS } from '../../../src/demo/demo-partners';
import { startApi, type Api } from '../api/api-harness';
import type { BootstrapOptions } from '../../../src/bootstrap';

export const specs = loadTmfSpecs();

const API_OF: Record<string, TmfApi> = {
  productCatalogManagement: 'TMF620',
  troubleTicket: 'TMF621',
  productOrderingManagement: 'TMF622',
  customerManagement: 'TMF629',
  productInventory: 'TMF637',
  customerBillManagement: 'TMF678',
};

const SCHEMA_OF: Record<string, string> = {
  productOrder: 'ProductOrder',
  cancelProductOrder: 'CancelProductOrder',
  troubleTicket: 'TroubleTicket',
  productOffering: 'ProductOffering',
  productOfferingPrice: 'ProductOfferingPrice',
  customer: 'Customer',
  product: 'Product',
  customerBill: 'CustomerBill',
  hub: 'Hub',
};

let checked = 0;
export const tmfChecks = (): number => checked;

/** Validates one /tmf-api response against its schema; throws with the problems. */
export function checkTmfResponse(method: string, path: string, res: Response): void {
  const m = /^\/tmf-api\/([A-Za-z]+)\/v5\/([A-Za-z]+)(\/[^/?]+)?/.exec(path);
  if (!m) return;
  const api = API_OF[m[1]!];
  assert.ok(api, `unknown TMF API in ${path}`);
  const fail = (schema: string, value: unknown) => {
    const errors = specs.validate(api, schema, value);
    assert.deepEqual(errors, [], `${method} ${path} → ${res.status}: not a valid ${api} ${schema}: ${JSON.stringify(errors.slice(0, 5))}`);
    checked += 1;
  };
  if (res.status >= 400) return fail('Error', res.body);
  if (res.status === 204) return;
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const schema = SCHEMA_OF[m[2]!];
  assert.ok(schema, `no schema known for ${m[2]}`);
  if (method === 'GET' && !m[3]) {
    assert.ok(Array.isArray(res.body), `${path}: a list is an array`);
    assert.equal(res.headers['x-result-count'], String((res.body as unknown[]).length));
    assert.match(String(res.headers['x-total-count']), /^\d+$/);
    for (const item of res.body as unknown[]) fail(schema, item);
    return;
  }
  fail(schema, res.body);
}

export interface Tmf extends Api {
  token(clientId?: string, scope?: string): Promise<string>;
  /** A request as a partner (Bearer token), its response checked against the spec. */
  call(method: 'get' | 'post' | 'patch' | 'delete', path: string, token: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export const reseller = DEMO_PARTNERS[0]!;
export const wholesale = DEMO_PARTNERS[1]!;

export async function startTmf(opts: { env?: Record<string, string>; overrides?: BootstrapOptions['overrides'] } = {}): Promise<Tmf> {
  const api = await startApi(opts);
  const secretOf = (clientId: string) => DEMO_PARTNERS.find((p) => p.input.clientId === clientId)!.clientSecret;
  return {
    ...api,
    async token(clientId = reseller.input.clientId, scope) {
      const res = await request(api.runtime.app)
        .post('/oauth/token')
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: secretOf(clientId), ...(scope ? { scope } : {}) });
      assert.equal(res.status, 200, `token for ${clientId}: ${res.status} ${res.text}`);
      return (res.body as { access_token: string }).access_token;
    },
    async call(method, path, token, body, headers = {}) {
      let req = request(api.runtime.app)[method](path).set('Authorization', `Bearer ${token}`);
      for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
      const res = body === undefined ? await req : await req.send(body as object);
      checkTmfResponse(method.toUpperCase(), path, res);
      return res;
    },
  };
}
