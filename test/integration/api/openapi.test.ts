import assert from 'node:assert/strict';
import { API_ROUTES } from '../../../src/channels/api/routes';
import { openApiPath } from '../../../src/channels/api/route-kit';
import { contractChecks, signIn, startApi, type Api } from './api-harness';
import { contractChecker, type ContractChecker } from './openapi-contract';
import { buildOpenApi } from '../../../src/channels/api/openapi';
import { defineRoute } from '../../../src/channels/api/route-kit';
import { idParams } from '../../../src/channels/api/schemas';
import { RESPONSE_SCHEMAS } from '../../../src/channels/api/response-registry';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Response } from 'supertest';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every "$ref" in the document points at something that exists. */
function unresolvedRefs(doc: Json): string[] {
  const missing: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const target = v.replace(/^#\//, '').split('/').reduce<unknown>((at, part) => (at as Json | undefined)?.[part], doc);
        if (target === undefined) missing.push(v);
      } else visit(v);
    }
  };
  visit(doc);
  return missing;
}

describe('api: the OpenAPI document', () => {
  let api: Api;
  let doc: Json;
  before(async () => {
    api = await startApi();
    const res = await api.http.get('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    doc = JSON.parse(res.text) as Json;
  });
  after(async () => {
    await api.close();
  });

  it('when fetched, then it is OpenAPI 3.1 JSON with a Bearer security scheme and the problem schema', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', bearerFormat: doc.components.securitySchemes.bearerAuth.bearerFormat });
    assert.ok(doc.components.schemas.Problem.properties.code);
    assert.deepEqual(unresolvedRefs(doc), []);
  });

  it('when compared with the route table, then every route is documented with its method and path parameters', () => {
    for (const route of API_ROUTES) {
      const path = `/api/v1${openApiPath(route.path)}`;
      const op = doc.paths[path]?.[route.method];
      assert.ok(op, `${route.method.toUpperCase()} ${path} is documented`);
      assert.equal(op.operationId, route.operationId);
      for (const name of route.path.match(/:(\w+)/g) ?? []) {
        assert.ok(op.parameters.some((p: Json) => p.in === 'path' && p.name === name.slice(1) && p.required === true), `${path} documents ${name}`);
      }
      assert.deepEqual(op.security, route.auth === 'customer' ? [{ bearerAuth: [] }] : []);
      assert.ok(op.responses[String(route.status)], `${path} documents its success status`);
      assert.ok(op.responses['400'], `${path} documents 400`);
    }
    const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item as Json));
    assert.equal(operations.length, API_ROUTES.length + 1, 'nothing documented that is not routed (plus this document)');
  });

  it('when a route requires an Idempotency-Key, then the header is a required parameter there and 409/422 are documented', () => {
    const op = doc.paths['/api/v1/orders/new'].post;
    assert.ok(op.parameters.some((p: Json) => p.$ref === '#/components/parameters/IdempotencyKeyRequired'));
    assert.equal(doc.components.parameters.IdempotencyKeyRequired.required, true);
    assert.ok(op.responses['409'] && op.responses['422']);
    assert.equal(op.responses['422'].$ref, '#/components/responses/Problem422');
    assert.ok(doc.components.responses.Problem422.content['application/problem+json']);
  });

  it('when a body schema is strict, then the document says additionalProperties false and lists required fields', () => {
    const schema = doc.paths['/api/v1/adjustments'].post.requestBody.content['application/json'].schema;
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual([...schema.required].sort(), ['amountMinor', 'billId', 'itemId', 'reasonCode']);
    assert.equal(schema.properties.amountMinor.type, 'integer');
  });
});

describe('api: responses are checked against the published document', () => {
  let api: Api;
  let checker: ContractChecker;
  let doc: Json;
  before(async () => {
    api = await startApi();
    doc = (await api.http.get('/api/v1/openapi.json')).body as Json;
    checker = contractChecker(doc);
  });
  after(async () => {
    await api.close();
  });
  const fake = (status: number, body: unknown, type = 'application/json') => ({ status, body, text: JSON.stringify(body), headers: { 'content-type': `${type}; charset=utf-8` } }) as unknown as Response;

  it('when every route is documented, then its success response has a real body schema (not {})', () => {
    for (const route of API_ROUTES) {
      if (route.status === 204) {
        assert.equal(doc.paths[`/api/v1${openApiPath(route.path)}`][route.method].responses['204'].content, undefined, `${route.operationId} answers no body`);
        continue;
      }
      const schema = doc.paths[`/api/v1${openApiPath(route.path)}`][route.method].responses[String(route.status)].content['application/json'].schema as Json;
      assert.ok(schema.type ?? schema.anyOf ?? schema.oneOf, `${route.operationId} describes its body`);
    }
  });

  it('when offers and available procedures are listed, then their bodies match the document (checked by the harness)', async () => {
    const auth = await signIn(api, demoPerson('bundle'));
    const offers = await api.http.get('/api/v1/catalog/offers').set('Authorization', auth);
    assert.equal(offers.status, 200);
    assert.ok((offers.body as unknown[]).length > 0);
    const procedures = await api.http.get('/api/v1/procedures').set('Authorization', auth);
    assert.equal(procedures.status, 200);
    assert.ok((procedures.body as unknown[]).length > 0);
  });

  it('when a route answers 204, then it is documented without a body, and a body sent there fails the check', () => {
    const route = defineRoute({ method: 'delete', path: '/things/:id', operationId: 'deleteThing', summary: 'Delete a thing', tag: 'meta', auth: 'customer', idempotency: 'none', params: idParams, status: 204, handle: async () => undefined });
    const small = contractChecker(buildOpenApi([route], '/api/v1', {}));
    const empty = { status: 204, body: {}, text: '', headers: {} } as unknown as Response;
    assert.doesNotThrow(() => small.check('delete', '/api/v1/things/t1', empty));
    assert.throws(() => small.check('delete', '/api/v1/things/t1', fake(204, { gone: true })), /without a body/);
  });

  it('when a route has no response schema, then the document cannot be built', () => {
    const { escalate: _left, ...rest } = RESPONSE_SCHEMAS;
    assert.throws(() => buildOpenApi(API_ROUTES, '/api/v1', rest), /escalate\) has no response schema/);
  });

  it('when a body lacks a documented field, has an undocumented one, or the status is undocumented, then the check fails', async () => {
    const auth = await signIn(api, demoPerson('bundle'));
    const summary = await api.http.get('/api/v1/bills/summary').set('Authorization', auth);
    assert.equal(summary.status, 200);
    assert.doesNotThrow(() => checker.check('get', '/api/v1/bills/summary', summary));
    const { overdue: _dropped, ...missing } = summary.body as Json;
    assert.throws(() => checker.check('get', '/api/v1/bills/summary', fake(200, missing)), /overdue/);
    assert.throws(() => checker.check('get', '/api/v1/bills/summary', fake(200, { ...summary.body, secret: 1 })), /additional properties/);
    assert.throws(() => checker.check('get', '/api/v1/bills/summary', fake(418, {})), /not documented/);
    assert.throws(() => checker.check('get', '/api/v1/bills/summary', fake(200, summary.body, 'text/html')), /content type/);
    assert.throws(() => checker.check('get', '/api/v1/nowhere', fake(200, {})), /no documented operation/);
    assert.ok(contractChecks() > 0, 'the harness validated responses');
  });
});
