import assert from 'node:assert/strict';
import { demoPerson, type DemoPerson } from '../../../src/demo/demo-people';
import { problemOf, signIn, startApi, type Api } from './api-harness';

describe('api: the next-best offer after a guided procedure', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const as = async (person: DemoPerson) => {
    const auth = await signIn(api, person);
    return { post: (path: string, body?: object) => api.http.post(`/api/v1${path}`).set('Authorization', auth).send(body) };
  };

  async function billInquiry(who: Awaited<ReturnType<typeof as>>): Promise<string> {
    const id = (await who.post('/interactions', {})).body.id as string;
    const done = await who.post(`/interactions/${id}/procedure`, { name: 'bill-inquiry' });
    assert.equal(done.body.kind, 'done', JSON.stringify(done.body));
    return id;
  }

  it('when Dana finishes a bill inquiry and accepts the offer, then it is offered once, the answer is stored and the order procedure starts', async () => {
    const dana = await as(demoPerson('bundle'));
    const id = await billInquiry(dana);
    const made = await dana.post(`/interactions/${id}/offer`);
    assert.equal(made.status, 200, JSON.stringify(made.body));
    assert.equal(made.body.offer.productId, 'mobile-unlimited');
    assert.match(made.body.offer.pitch, /Unlimited mobile/);
    assert.deepEqual((await dana.post(`/interactions/${id}/offer`)).body, made.body, 'the same offer, not a second one');

    const answered = await dana.post(`/interactions/${id}/offer/answer`, { answer: 'accepted' });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.equal(answered.body.offer.answer, 'accepted');
    assert.equal(answered.body.step.procedure, 'new-service');
    const stored = await api.runtime.care.interactions.get(id);
    assert.equal(stored.offer?.answer, 'accepted');
    assert.equal(stored.steps.filter((s) => s.name === 'offer.made').length, 1);
  });

  it('when an answer is not one of the three, then it is refused and nothing is stored', async () => {
    const dana = await as(demoPerson('bundle'));
    const id = await billInquiry(dana);
    await dana.post(`/interactions/${id}/offer`);
    const res = await dana.post(`/interactions/${id}/offer/answer`, { answer: 'maybe' });
    assert.equal(problemOf(res).code, 'VALIDATION_FAILED');
    assert.equal((await api.runtime.care.interactions.get(id)).offer?.answer, undefined);
  });

  it('when Marcus (suspended) finishes a bill inquiry, then the offer is null and answering is refused', async () => {
    const marcus = await as(demoPerson('suspended'));
    const id = await billInquiry(marcus);
    const made = await marcus.post(`/interactions/${id}/offer`);
    assert.equal(made.status, 200);
    assert.equal(made.body.offer, null);
    const res = await marcus.post(`/interactions/${id}/offer/answer`, { answer: 'accepted' });
    assert.equal(problemOf(res).code, 'STEP_NOT_VALID');
  });

  it("when someone asks about another customer's interaction, then it is not found", async () => {
    const dana = await as(demoPerson('bundle'));
    const id = await billInquiry(dana);
    const grace = await as(demoPerson('technician'));
    assert.equal(problemOf(await grace.post(`/interactions/${id}/offer`)).code, 'NOT_FOUND');
  });
});
