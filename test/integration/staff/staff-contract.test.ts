/**
 * The staff API answers as its published document says, for the operations the other staff
 * tests do not reach: every response here goes through the harness's contract checker (ajv
 * against GET /api/v1/staff/openapi.json), success and problem alike.
 */
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { demoPerson } from '../../../src/demo/demo-people';
import { STAFF_ROUTES } from '../../../src/channels/staff-api/staff-routes';
import { contractChecks, newKey, startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, queueEscalation, staffSignIn, SUPERVISOR } from './staff-harness';

describe('staff API: every answer matches the published document', () => {
  let api: Api;
  before(async () => {
    api = await startApi();
  });
  after(() => api.close());

  it('when each route with an id is asked about one that does not exist, then it answers a documented 404 problem', async () => {
    const supervisor = await staffSignIn(api, SUPERVISOR);
    const before = contractChecks();
    const bodies: Record<string, object> = {
      staffWrapUp: { disposition: 'resolved' },
      staffChatSay: { text: 'hello' },
      staffDecideApproval: { decision: 'approve' },
      staffActionAdjustment: { billId: 'b-1', itemId: 'i-1', reasonCode: 'goodwill', amountMinor: 100 },
      staffActionExtension: { billId: 'b-1', toDate: '2026-12-20' },
      staffActionOrderNew: { productId: 'mobile-5gb' },
      staffActionModification: { serviceId: 'svc-1', modification: { kind: 'change-product', toProductId: 'fiber-500' } },
      staffActionDiscontinuation: { serviceId: 'svc-1', reasonCode: 'moving' },
      staffActionRepair: { serviceId: 'svc-1', symptom: 'no-dial-tone' },
    };
    const withId = STAFF_ROUTES.filter((r) => r.path.includes(':id') && r.produces !== 'text/event-stream');
    assert.ok(withId.length >= 15, `routes with an id: ${withId.length}`);
    for (const r of withId) {
      const url = `/api/v1/staff${r.path.replace(':id', 'esc-missing')}`;
      let req = api.http[r.method](url).set('Authorization', supervisor).set('Idempotency-Key', newKey(r.operationId));
      if (r.body) req = req.send(bodies[r.operationId] ?? {});
      const res = await req;
      assert.equal(res.status, 404, `${r.operationId}: ${res.status} ${res.text}`);
      assert.equal(res.body.code, 'NOT_FOUND', r.operationId);
    }
    assert.equal(contractChecks() - before, withId.length, 'each answer was validated against the document');
  });

  it('when a CSR orders a new service and discontinues another for the customer, then both answers (with their orders) match the document', async () => {
    const priya = demoPerson('outage');
    const actor = await api.runtime.care.verification.verifyPin({ accountNumber: priya.accountNumber, pin: priya.pin }, { channel: 'chat', source: 'test' });
    const e = await queueEscalation(api, { actor, reason: 'wants a mobile line and to drop TV', skill: 'billing' });
    const alex = await staffSignIn(api, BILLING_CSR);
    assert.equal((await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', alex)).status, 200);
    const act = (action: string, body: object) => api.http.post(`/api/v1/staff/escalations/${e.id}/actions/${action}`).set('Authorization', alex).set('Idempotency-Key', newKey(action)).send(body);

    const ordered = await act('order-new', { productId: 'mobile-5gb' });
    assert.equal(ordered.status, 201, ordered.text);
    assert.equal(ordered.body.action, 'order-new');
    assert.equal(ordered.body.result.type, 'new');
    assert.equal(ordered.body.result.customerId, actor.customerId);

    const tv = (await api.runtime.care.customers.services(actor)).find((s) => s.product.family === 'tv' && s.status === 'active');
    assert.ok(tv, 'Priya has TV');
    const reason = (await api.runtime.care.orders.discontinuationReasons())[0];
    assert.ok(reason);
    const dropped = await act('discontinuation', { serviceId: tv.id, reasonCode: reason.id });
    assert.equal(dropped.status, 201, dropped.text);
    assert.equal(dropped.body.result.type, 'disconnect');
  });

  it('when every schema of the staff document is compiled with ajv (strict, draft 2020-12), then each one is valid JSON Schema', async () => {
    const res = await api.http.get('/api/v1/staff/openapi.json');
    const doc = res.body as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>>; components: { schemas: Record<string, unknown> } };
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    let compiled = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const schemas = [...Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {})), ...Object.values(op.requestBody?.content ?? {})].map((m) => m.schema);
        for (const schema of schemas) {
          if (schema.$ref === '#/components/schemas/Problem') continue;
          assert.doesNotThrow(() => ajv.compile(schema), `${method.toUpperCase()} ${path}`);
          compiled += 1;
        }
      }
    }
    ajv.compile(doc.components.schemas.Problem as object);
    assert.ok(compiled >= STAFF_ROUTES.length, `compiled ${compiled}`);
  });

  it('when the staff document itself is fetched through the checked agent, then it is a documented operation too', async () => {
    const before = contractChecks();
    const res = await api.http.get('/api/v1/staff/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(contractChecks(), before + 1);
  });
});
