/** The supervisor's campaign routes in the staff API: validated, supervisor only, audited. */
import assert from 'node:assert/strict';
import { startApi, type Api } from '../api/api-harness';
import { staffSignIn, SUPERVISOR, BILLING_CSR } from '../staff/staff-harness';
import { mobileCampaign } from './campaign-kit';

describe('staff API: campaigns and the suppression list', () => {
  let api: Api;
  let supervisor: string;
  let csr: string;
  beforeEach(async () => {
    api = await startApi();
    supervisor = await staffSignIn(api, SUPERVISOR);
    csr = await staffSignIn(api, BILLING_CSR);
  });
  afterEach(async () => api.close());

  const now = () => api.clock.now().toISOString();

  it('when a supervisor creates, pauses and resumes a campaign, then each answer carries the report and each action is audited', async () => {
    const created = await api.http.post('/api/v1/staff/campaigns').set('Authorization', supervisor).send(mobileCampaign(now()));
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'active');
    assert.equal(created.body.report.queued, created.body.report.targets - created.body.report.suppressed);
    const id = created.body.id as string;

    const paused = await api.http.post(`/api/v1/staff/campaigns/${id}/pause`).set('Authorization', supervisor);
    assert.equal(paused.status, 200);
    assert.equal(paused.body.status, 'paused');
    assert.equal((await api.http.post(`/api/v1/staff/campaigns/${id}/pause`).set('Authorization', csr)).status, 403);
    const resumed = await api.http.post(`/api/v1/staff/campaigns/${id}/resume`).set('Authorization', supervisor);
    assert.equal(resumed.body.status, 'active');

    const list = await api.http.get('/api/v1/staff/campaigns').set('Authorization', supervisor);
    assert.deepEqual((list.body.items as { id: string }[]).map((c) => c.id), [id]);
    assert.equal((await api.http.get('/api/v1/staff/campaigns').set('Authorization', csr)).status, 403);
    assert.equal((await api.http.get('/api/v1/staff/campaigns/cmp_nothing').set('Authorization', supervisor)).status, 404);
    const actions = (await api.runtime.stores.audit.find({ staffId: 'stf-jordan' })).map((a) => `${a.action}:${a.result}`);
    for (const a of ['campaign.create:ok', 'campaign.pause:ok', 'campaign.resume:ok']) assert.ok(actions.includes(a), `${a} in ${actions.join(', ')}`);
  });

  it('when the body is not a valid campaign, then a 400 names the field and nothing is stored', async () => {
    const res = await api.http.post('/api/v1/staff/campaigns').set('Authorization', supervisor).send({ ...mobileCampaign(now()), window: { from: '21:00', to: '09:00' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'VALIDATION_FAILED');
    assert.ok((res.body.errors as { path: string }[]).some((e) => e.path === 'body.window.to'), JSON.stringify(res.body.errors));
    const unknownProduct = await api.http.post('/api/v1/staff/campaigns').set('Authorization', supervisor).send(mobileCampaign(now(), { offer: { kind: 'new-service', productId: 'hoverboard' } }));
    assert.equal(unknownProduct.status, 422);
    assert.equal(await api.runtime.stores.campaigns.count({}), 0);
  });

  it('when a supervisor adds and removes a number on the suppression list, then it is listed and then gone; a CSR may not', async () => {
    assert.equal((await api.http.post('/api/v1/staff/suppressions').set('Authorization', csr).send({ phone: '+12175550142', reason: 'asked' })).status, 403);
    assert.equal((await api.http.post('/api/v1/staff/suppressions').set('Authorization', supervisor).send({ reason: 'no number' })).status, 400);
    const added = await api.http.post('/api/v1/staff/suppressions').set('Authorization', supervisor).send({ phone: '+12175550142', reason: 'asked by letter' });
    assert.equal(added.status, 201);
    const listed = await api.http.get('/api/v1/staff/suppressions').set('Authorization', supervisor);
    assert.deepEqual((listed.body.items as { phone: string }[]).map((x) => x.phone), ['+12175550142']);
    assert.equal((await api.http.delete(`/api/v1/staff/suppressions/${added.body.id}`).set('Authorization', supervisor)).status, 204);
    assert.equal((await api.http.get('/api/v1/staff/suppressions').set('Authorization', supervisor)).body.items.length, 0);
  });

  it('when the staff API document is read, then the campaign routes are in it', async () => {
    const doc = await api.http.get('/api/v1/staff/openapi.json');
    const paths = Object.keys(doc.body.paths as Record<string, unknown>);
    for (const p of ['/api/v1/staff/campaigns', '/api/v1/staff/campaigns/{id}', '/api/v1/staff/campaigns/{id}/pause', '/api/v1/staff/suppressions']) assert.ok(paths.includes(p), p);
  });
});
