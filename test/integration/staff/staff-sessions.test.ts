/** Staff sign-in, sign-out and the token audiences, against the whole app. */
import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import { problemOf, signIn, startApi, type Api } from '../api/api-harness';
import { STAFF_ROUTES } from '../../../src/channels/staff-api/staff-routes';
import { BILLING_CSR, staffSignIn } from './staff-harness';

describe('staff API: sessions', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(() => api.close());

  it('when a demo CSR signs in with the right password, then a staff token comes back and the sign-in is audited', async () => {
    const res = await api.http.post('/api/v1/staff/sessions').send({ username: 'Alex.Morgan ', password: BILLING_CSR.password });
    assert.equal(res.status, 201);
    assert.equal(res.body.tokenType, 'Bearer');
    assert.deepEqual(res.body.staff, { id: 'stf-alex', username: 'alex.morgan', displayName: 'Alex Morgan', role: 'csr', skills: ['billing', 'general', 'verification'], phone: '+12175550190' });
    assert.ok(!JSON.stringify(res.body).includes('passwordHash'));
    const me = await api.http.get('/api/v1/staff/me').set('Authorization', `Bearer ${res.body.token}`);
    assert.equal(me.status, 200);
    assert.equal(me.body.id, 'stf-alex');
    const audit = await api.runtime.stores.audit.find({ action: 'sign-in' });
    assert.deepEqual(audit.map((a) => [a.staffId, a.username, a.result]), [['stf-alex', 'alex.morgan', 'ok']]);
  });

  it('when the password is wrong, then 401 VERIFICATION_FAILED, the failure counts on the account and is audited as refused', async () => {
    const res = await api.http.post('/api/v1/staff/sessions').send({ username: 'alex.morgan', password: 'wrong-password' });
    assert.equal(res.status, 401);
    assert.equal(problemOf(res).code, 'VERIFICATION_FAILED');
    assert.equal((await api.runtime.stores.staff.get('stf-alex'))?.lockout.consecutiveFailures, 1);
    const audit = await api.runtime.stores.audit.find({ action: 'sign-in' });
    assert.deepEqual(audit.map((a) => [a.staffId, a.result, a.code]), [['stf-alex', 'refused', 'VERIFICATION_FAILED']]);
  });

  it('when the password is wrong five times, then the account is locked and even the right password gets 423 until the lock runs out', async () => {
    for (let n = 0; n < 5; n++) await api.http.post('/api/v1/staff/sessions').send({ username: 'alex.morgan', password: `wrong-${n}` });
    const locked = await api.http.post('/api/v1/staff/sessions').send({ username: 'alex.morgan', password: BILLING_CSR.password });
    assert.equal(locked.status, 423);
    assert.equal(problemOf(locked).code, 'ACCOUNT_LOCKED');
    api.clock.advance(31 * 60_000);
    const after = await api.http.post('/api/v1/staff/sessions').send({ username: 'alex.morgan', password: BILLING_CSR.password });
    assert.equal(after.status, 201);
    assert.deepEqual((await api.runtime.stores.staff.get('stf-alex'))?.lockout, { consecutiveFailures: 0 });
  });

  it('when the username is unknown, then the refusal is the same as a wrong password', async () => {
    const res = await api.http.post('/api/v1/staff/sessions').send({ username: 'nobody', password: 'whatever-1' });
    assert.equal(res.status, 401);
    assert.equal(problemOf(res).code, 'VERIFICATION_FAILED');
  });

  it('when the body has an unknown field or misses the password, then 400 names the field and nothing is audited', async () => {
    const res = await api.http.post('/api/v1/staff/sessions').send({ username: 'alex.morgan', pin: '1234' });
    assert.equal(res.status, 400);
    const problem = problemOf(res);
    assert.equal(problem.code, 'VALIDATION_FAILED');
    assert.deepEqual(problem.errors?.map((e) => e.path).sort(), ['body.password', 'body.pin']);
    assert.equal(await api.runtime.stores.audit.count({}), 0);
  });

  it('when a customer token is sent to the staff API, then 401', async () => {
    const customer = await signIn(api, demoPerson('bundle'));
    for (const path of ['/api/v1/staff/queue', '/api/v1/staff/me']) {
      const res = await api.http.get(path).set('Authorization', customer);
      assert.equal(res.status, 401, path);
      assert.equal(problemOf(res).code, 'UNAUTHENTICATED');
    }
  });

  it('when a staff token is sent to the customer API, then 401', async () => {
    const staff = await staffSignIn(api, BILLING_CSR);
    const res = await api.http.get('/api/v1/me').set('Authorization', staff);
    assert.equal(res.status, 401);
    assert.equal(problemOf(res).code, 'UNAUTHENTICATED');
  });

  it('when demo data is off, then no staff are seeded and the demo password signs no one in', async () => {
    const bare = await startApi({ env: { DEMO_DATA: 'false' } });
    try {
      assert.equal(await bare.runtime.stores.staff.count({}), 0);
      const res = await bare.http.post('/api/v1/staff/sessions').send({ username: BILLING_CSR.username, password: BILLING_CSR.password });
      assert.equal(res.status, 401);
    } finally {
      await bare.close();
    }
  });

  it('when the staff API document is fetched, then every route of the table is there with its request schema and security', async () => {
    const res = await api.http.get('/api/v1/staff/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.body as { openapi: string; paths: Record<string, Record<string, { operationId: string; security: unknown[]; requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>> };
    assert.equal(doc.openapi, '3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`));
    assert.deepEqual(ops.sort(), [...STAFF_ROUTES.map((r) => `${r.method.toUpperCase()} /api/v1/staff${r.path.replace(/:(\w+)/g, '{$1}')} ${r.operationId}`), 'GET /api/v1/staff/openapi.json staffOpenApi'].sort());
    // Every answer with a body has its schema: closed objects for JSON, text for the event streams.
    for (const r of STAFF_ROUTES) {
      type Schema = { type?: string; additionalProperties?: boolean; anyOf?: Schema[] };
      const op = doc.paths[`/api/v1/staff${r.path.replace(/:(\w+)/g, '{$1}')}`]?.[r.method] as unknown as { responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
      const content = op.responses[String(r.status)]?.content;
      if (r.status === 204) assert.equal(content, undefined, r.operationId);
      else if (r.produces === 'text/event-stream') assert.equal(content?.['text/event-stream']?.schema.type, 'string', r.operationId);
      else {
        // One closed object, or a choice of closed objects (an approval decides an adjustment or an extension).
        const schema = content?.['application/json']?.schema;
        const closed = schema?.anyOf ? schema.anyOf.every((s) => s.additionalProperties === false) : schema?.additionalProperties === false;
        assert.ok(closed, `${r.operationId}: a closed JSON object`);
      }
    }
    assert.deepEqual(doc.paths['/api/v1/staff/sessions']?.post?.security, []);
    assert.deepEqual(doc.paths['/api/v1/staff/sessions']?.post?.requestBody?.content['application/json']?.schema.required, ['username', 'password']);
    assert.deepEqual(doc.paths['/api/v1/staff/queue/{id}/accept']?.post?.security, [{ staffBearer: [] }]);
  });

  it('when a CSR signs out, then that token is refused at once while another session of theirs still works', async () => {
    const first = await staffSignIn(api, BILLING_CSR);
    api.clock.advance(1000);
    const second = await staffSignIn(api, BILLING_CSR);
    const out = await api.http.delete('/api/v1/staff/sessions/current').set('Authorization', first);
    assert.equal(out.status, 204);
    const refused = await api.http.get('/api/v1/staff/queue').set('Authorization', first);
    assert.equal(refused.status, 401);
    assert.equal((await api.http.get('/api/v1/staff/queue').set('Authorization', second)).status, 200);
    assert.equal((await api.runtime.stores.staff.get('stf-alex'))?.revokedSessions.length, 1);
    assert.equal(await api.runtime.stores.audit.count({ action: 'sign-out', staffId: 'stf-alex' }), 1);
  });
});
