import assert from 'node:assert/strict';
import { demoPerson, type DemoPerson } from '../../../src/demo/demo-people';
import { signIn, startApi, type Api } from './api-harness';

interface Step {
  kind: 'choose' | 'input' | 'confirm' | 'done';
  procedure: string;
  field?: string;
  outcome?: string;
  options?: { id: string; label: string }[];
}

describe('api: guided procedures for the portal', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const as = async (person: DemoPerson) => {
    const auth = await signIn(api, person);
    return {
      get: (path: string) => api.http.get(`/api/v1${path}`).set('Authorization', auth),
      post: (path: string, body?: object) => api.http.post(`/api/v1${path}`).set('Authorization', auth).send(body),
    };
  };

  it('when Grace changes a service step by step, then each answer returns the next step until done, and the outcome is counted', async () => {
    const grace = await as(demoPerson('technician'));
    const interaction = await grace.post('/interactions', {});
    assert.equal(interaction.status, 201, JSON.stringify(interaction.body));
    const id = interaction.body.id as string;

    let step = (await grace.post(`/interactions/${id}/procedure`, { name: 'modify-service' })).body as Step;
    assert.equal(step.kind, 'choose');
    assert.equal(step.field, 'service');
    assert.deepEqual((await grace.get(`/interactions/${id}/procedure`)).body, step);

    const seen: string[] = [];
    for (let turn = 0; turn < 6 && step.kind !== 'done'; turn += 1) {
      seen.push(`${step.kind}:${step.field}`);
      const value = step.kind === 'confirm' ? true : step.options?.[0]?.id;
      const res = await grace.post(`/interactions/${id}/procedure/answers`, { field: step.field, value });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      step = res.body as Step;
    }
    assert.deepEqual(seen, ['choose:service', 'choose:modification', 'confirm:confirm']);
    assert.equal(step.kind, 'done');
    assert.ok(['completed', 'submitted'].includes(step.outcome ?? ''), step.outcome);

    const metrics = await api.http.get('/metrics');
    assert.match(metrics.text, /procedure_outcomes_total\{channel="portal",procedure="modify-service",outcome="(completed|submitted)"\} [1-9]/);
  });

  it('when an answer names the wrong field, then it is refused and the step stays', async () => {
    const grace = await as(demoPerson('technician'));
    const id = (await grace.post('/interactions', {})).body.id as string;
    const first = (await grace.post(`/interactions/${id}/procedure`, { name: 'modify-service' })).body as Step;
    const res = await grace.post(`/interactions/${id}/procedure/answers`, { field: 'confirm', value: true });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'STEP_NOT_VALID');
    assert.deepEqual((await grace.get(`/interactions/${id}/procedure`)).body, first);
  });

  it('when the bill inquiry starts, then it is done at once with the balance facts', async () => {
    const dana = await as(demoPerson('bundle'));
    const id = (await dana.post('/interactions', {})).body.id as string;
    const res = await dana.post(`/interactions/${id}/procedure`, { name: 'bill-inquiry' });
    assert.equal(res.status, 200);
    assert.equal(res.body.kind, 'done');
    assert.equal(res.body.outcome, 'informed');
    assert.ok('balance' in res.body.facts);
  });

  it('when an unfinished procedure exists, then it is offered and resumed on a new portal interaction', async () => {
    const dana = await as(demoPerson('bundle'));
    const resumable = await dana.get('/resumable');
    assert.equal(resumable.body.resumable.procedure, 'bill-adjustment');
    const id = (await dana.post('/interactions', {})).body.id as string;
    const step = await dana.post(`/interactions/${id}/resume`);
    assert.equal(step.status, 200, JSON.stringify(step.body));
    assert.equal(step.body.procedure, 'bill-adjustment');
    assert.ok(!['bill', 'item'].includes(step.body.field), `resumed after the answered steps, at ${step.body.field}`);
  });

  it('when a procedure name is unknown, then it is refused with 400 listing the field', async () => {
    const dana = await as(demoPerson('bundle'));
    const id = (await dana.post('/interactions', {})).body.id as string;
    const res = await dana.post(`/interactions/${id}/procedure`, { name: 'hack' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['body.name']);
  });
});
