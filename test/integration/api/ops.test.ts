import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp } from '../../../src/app';
import { silentLogger } from '../../../src/shared/logger';
import { DEMO_PEOPLE } from '../../../src/demo/demo-people';
import { problemOf, signIn, startApi, type Api } from './api-harness';

describe('api: health, readiness, metrics and the HTTP basics', () => {
  let api: Api;
  before(async () => {
    api = await startApi();
  });
  after(async () => {
    await api.close();
  });

  it('when /healthz is asked, then it answers 200 ok', async () => {
    const res = await api.http.get('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('when the store answers, then /readyz is 200 and lists the store check', async () => {
    const res = await api.http.get('/readyz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ready', checks: { store: 'ok' } });
  });

  it('when the store or Redis does not answer, then /readyz is 503 naming which failed', async () => {
    const { runtime } = api;
    const app = makeApp({
      care: runtime.care,
      stores: { ...runtime.stores, ping: async () => false },
      redis: { ping: () => Promise.reject(new Error('down')) },
      logger: silentLogger(),
      sessionSecret: runtime.config.sessionSecret,
    });
    const res = await request(app).get('/readyz');
    assert.equal(res.status, 503);
    assert.deepEqual(res.body, { status: 'unavailable', checks: { store: 'failed', redis: 'failed' }, failed: ['store', 'redis'] });
  });

  it('when a route with an id was called, then /metrics labels it by pattern, not by URL', async () => {
    const auth = await signIn(api, DEMO_PEOPLE[0]);
    const bills = await api.http.get('/api/v1/bills').set('Authorization', auth);
    await api.http.get(`/api/v1/bills/${(bills.body as { id: string }[])[0].id}`).set('Authorization', auth);
    const res = await api.http.get('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain/);
    assert.match(res.text, /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/bills\/:id",status="200"\} \d+/);
    assert.doesNotMatch(res.text, /route="\/api\/v1\/bills\/bill-/);
    assert.match(res.text, /# TYPE procedure_outcomes_total counter/);
    assert.match(res.text, /process_cpu_seconds_total/);
  });

  it('when a well-formed X-Request-Id is sent, then it is echoed; a malformed one is replaced', async () => {
    const kept = await api.http.get('/healthz').set('X-Request-Id', 'abc-12345678');
    assert.equal(kept.headers['x-request-id'], 'abc-12345678');
    const replaced = await api.http.get('/healthz').set('X-Request-Id', 'bad id\twith spaces');
    assert.match(replaced.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  });

  it('when any response goes out, then it carries the security headers and no X-Powered-By', async () => {
    const res = await api.http.get('/healthz');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['content-security-policy']);
    assert.equal(res.headers['x-powered-by'], undefined);
  });

  it('when a path does not exist, then the answer is a 404 problem', async () => {
    const res = await api.http.get('/api/v1/nowhere');
    assert.equal(res.status, 404);
    assert.equal(problemOf(res).code, 'ROUTE_NOT_FOUND');
  });

  it('when a known path is called with another method, then the answer is 405 with Allow', async () => {
    const res = await api.http.delete('/api/v1/bills');
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET');
    assert.equal(problemOf(res).code, 'METHOD_NOT_ALLOWED');
  });
});
