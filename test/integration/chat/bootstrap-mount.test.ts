/**
 * The chat channel as bootstrap mounts it: the Direct Line post is served ahead of the routers
 * (its hot path) yet answers like every other route: security headers, request id, metrics by
 * route, Direct Line error shapes; every other request passes through to the routers.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../../src/config/config';
import { bootstrap, type Runtime } from '../../../src/bootstrap';
import { ROOT } from '../../support/care-fixture';

describe('chat: mounted by bootstrap', () => {
  let runtime: Runtime;
  before(async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', IVR_FLOWS_DIR: path.join(ROOT, 'ivr-flows'), CATALOG_FILE: path.join(ROOT, 'catalog/catalog.json'), RULES_DIR: path.join(ROOT, 'rules') });
    runtime = await bootstrap(config, { overrides: { inMemory: true, watchFiles: false, workerInProcess: false } });
  });
  after(() => runtime.close());

  async function conversation(): Promise<{ conversationId: string; token: string }> {
    const t = await request(runtime.app).post('/chat/token').send({});
    const c = await request(runtime.app).post('/v3/directline/conversations').set('Authorization', `Bearer ${t.body.token}`);
    assert.equal(c.status, 201);
    return c.body as { conversationId: string; token: string };
  }

  it('when an activity is posted through the whole app, then it is answered with its id, the security headers, a request id and a metrics sample for the route', async () => {
    const { conversationId, token } = await conversation();
    const res = await request(runtime.app)
      .post(`/v3/directline/conversations/${conversationId}/activities`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'chat-post-0001')
      .send({ type: 'message', text: 'menu' });
    assert.equal(res.status, 200);
    assert.match(res.body.id, new RegExp(`^${conversationId}\\|\\d{7}$`));
    assert.equal(res.headers['x-request-id'], 'chat-post-0001');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['content-security-policy'], 'helmet headers are set');
    assert.equal(res.headers.etag, undefined, 'no ETag on dynamic JSON');
    const metrics = await request(runtime.app).get('/metrics');
    assert.match(metrics.text, /http_request_duration_seconds_count\{[^}]*route="\/v3\/directline\/conversations\/:id\/activities"[^}]*status="200"[^}]*\} [1-9]/);
  });

  it('when the post is refused, then the Direct Line error shape comes back and nothing is stored', async () => {
    const { conversationId, token } = await conversation();
    const post = (body: string, auth = token) =>
      request(runtime.app).post(`/v3/directline/conversations/${conversationId}/activities`).set('Authorization', `Bearer ${auth}`).set('Content-Type', 'application/json').send(body);
    const bad = await post('{"type": "message", ');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'BadArgument');
    const big = await post(JSON.stringify({ type: 'message', channelData: { pad: 'x'.repeat(20_000) } }));
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'RequestTooLarge');
    const forged = await post(JSON.stringify({ type: 'message', text: 'hi' }), `${token.slice(0, -3)}abc`);
    assert.equal(forged.status, 403);
    const other = await conversation();
    const foreign = await post(JSON.stringify({ type: 'message', text: 'hi' }), other.token);
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.error.code, 'Forbidden');
    const log = await request(runtime.app).get(`/v3/directline/conversations/${conversationId}/activities`).set('Authorization', `Bearer ${token}`);
    assert.ok(!log.body.activities.some((a: { from: { role?: string } }) => a.from.role === 'user'), 'no customer activity was stored');
  });

  it('when other Direct Line calls and other paths arrive, then the routers answer them as before', async () => {
    const { conversationId, token } = await conversation();
    const get = await request(runtime.app).get(`/v3/directline/conversations/${conversationId}/activities?watermark=0`).set('Authorization', `Bearer ${token}`);
    assert.equal(get.status, 200);
    const wrongMethod = await request(runtime.app).put(`/v3/directline/conversations/${conversationId}/activities`).set('Authorization', `Bearer ${token}`).send({});
    assert.equal(wrongMethod.status, 404);
    assert.equal((await request(runtime.app).get('/healthz')).status, 200);
    const malformed = await request(runtime.app).post('/v3/directline/conversations/%E0%A4%A/activities').set('Authorization', `Bearer ${token}`).send({ type: 'message' });
    assert.ok(malformed.status >= 400 && malformed.status < 500, `malformed path: ${malformed.status}`);
  });
});
