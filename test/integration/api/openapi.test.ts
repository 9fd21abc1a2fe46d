import assert from 'node:assert/strict';
import { API_ROUTES } from '../../../src/channels/api/routes';
import { openApiPath } from '../../../src/channels/api/route-kit';
import { startApi, type Api } from './api-harness';

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
