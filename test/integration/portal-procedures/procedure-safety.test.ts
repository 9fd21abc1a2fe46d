/**
 * What must not go wrong with the procedure forms: a double-submitted confirmation places one
 * order, a form without the CSRF token changes nothing, a stale form (the back button) lands on
 * the current step, another customer's draft is not reachable, and a draft left on voice or chat
 * continues here where it was left.
 */
import assert from 'node:assert/strict';
import { customer, formOf, pageText, startProcedures, type Form, type Harness } from './procedures-harness';
import type { Actor } from '../../../src/domain/shared/actor';

type Browser = ReturnType<typeof customer>;

describe('portal procedure forms: double submit, CSRF, stale forms, resume', function () {
  this.timeout(20_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startProcedures();
  });
  afterEach(async () => {
    await h.close();
  });

  async function answer(c: Browser, name: string, form: Form, value: string | { skip: '1' }) {
    const res = await c.submit(name, form, typeof value === 'string' ? { value } : value);
    assert.equal(res.status, 303, `answering ${form.field}: ${res.status} ${pageText(res.text).slice(0, 300)}`);
    return c.follow(res);
  }

  /** Dana up to the confirmation of Fiber 500 → Fiber 1000. */
  async function upgradeUpToConfirm(c: Browser): Promise<Form> {
    let page = await c.open('modify-service');
    let form = formOf(page.text);
    page = await answer(c, 'modify-service', form, form.options.find((o) => o.label === 'Fiber 500')?.value as string);
    form = formOf(page.text);
    page = await answer(c, 'modify-service', form, form.options.find((o) => /Fiber 1000/.test(o.label))?.value as string);
    form = formOf(page.text);
    assert.equal(form.kind, 'confirm');
    return form;
  }

  it('when the confirmation form is sent twice, one after the other, then one order is placed and both land on the same result', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    const form = await upgradeUpToConfirm(c);
    const first = await c.submit('modify-service', form, { value: 'yes' });
    const second = await c.submit('modify-service', form, { value: 'yes' });
    assert.equal(first.status, 303);
    assert.equal(second.status, 303);
    assert.equal(second.headers.location, first.headers.location);
    assert.match(first.headers.location as string, /^\/procedures\/modify-service\/result\/int_/);
    assert.equal(await h.fx.stores.orders.count({ customerId: danaId, type: 'modify' }), 1);
  });

  it('when the confirmation form is sent twice at the same moment (a double click), then one order is placed', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    const form = await upgradeUpToConfirm(c);
    const [a, b] = await Promise.all([c.submit('modify-service', form, { value: 'yes' }), c.submit('modify-service', form, { value: 'yes' })]);
    assert.deepEqual([a.status, b.status], [303, 303], `${pageText(a.text).slice(0, 200)} / ${pageText(b.text).slice(0, 200)}`);
    assert.equal(a.headers.location, b.headers.location);
    assert.equal(await h.fx.stores.orders.count({ customerId: danaId, type: 'modify' }), 1);
  });

  it('when a form key already used is sent with a different answer, then nothing new happens and the customer is sent to where they are', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    const form = await upgradeUpToConfirm(c);
    const yes = await c.submit('modify-service', form, { value: 'yes' });
    assert.equal(yes.status, 303);
    const no = await c.submit('modify-service', form, { value: 'no' });
    assert.equal(no.status, 303);
    assert.equal(no.headers.location, '/procedures/modify-service?notice=form-reused');
    assert.equal(await h.fx.stores.orders.count({ customerId: danaId, type: 'modify' }), 1);
  });

  it('when the confirmation is sent without the CSRF token or with a wrong one, then it is refused with 403 and no order is placed', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    const form = await upgradeUpToConfirm(c);
    const missing = await c.submit('modify-service', { ...form, csrf: '' }, { value: 'yes' });
    assert.equal(missing.status, 403);
    assert.match(pageText(missing.text), /This form has expired .* Nothing was changed/);
    const forged = await c.submit('modify-service', { ...form, csrf: `${form.csrf.slice(0, -4)}AAAA` }, { value: 'yes' });
    assert.equal(forged.status, 403);
    // Another customer's token (their own session) does not work for this one.
    const other = customer(h, h.ids.customerId('31000103'));
    const theirs = formOf((await other.open('repair')).text);
    const crossed = await c.submit('modify-service', { ...form, csrf: theirs.csrf }, { value: 'yes' });
    assert.equal(crossed.status, 403);
    assert.equal(await h.fx.stores.orders.count({ customerId: danaId, type: 'modify' }), 0);
    // The same form with its token still goes through: the refusals changed nothing.
    const ok = await c.submit('modify-service', form, { value: 'yes' });
    assert.equal(ok.status, 303);
    assert.equal(await h.fx.stores.orders.count({ customerId: danaId, type: 'modify' }), 1);
  });

  it('when an earlier step form is sent again with another answer (the back button), then the current step is shown with a notice and the answer is not changed', async () => {
    const c = customer(h, h.ids.customerId('31000105'));
    let page = await c.open('repair');
    const first = formOf(page.text);
    page = await answer(c, 'repair', first, first.options[0]?.value as string);
    assert.equal(formOf(page.text).field, 'symptom');
    // A new rendering of the first form (its own key), as the back button and a reload would give.
    const stale = { ...first, formKey: 'b7f3c1d2-0000-4000-8000-00000000abcd' };
    const res = await c.submit('repair', stale, { value: first.options[1]?.value as string });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/procedures/repair?notice=answered-elsewhere');
    page = await c.follow(res);
    assert.equal(formOf(page.text).field, 'symptom');
    assert.match(pageText(page.text), /That step was already answered/);
  });

  it('when nobody is signed in, then the forms send them to sign in; when another customer names a draft, then it is not found and unchanged', async () => {
    const noSession = await customer(h, '').get('/procedures/repair').unset('x-customer');
    assert.equal(noSession.status, 303);
    assert.equal(noSession.headers.location, '/sign-in?next=%2Fprocedures%2Frepair');

    const grace = customer(h, h.ids.customerId('31000105'));
    const form = formOf((await grace.open('repair')).text);
    const dana = customer(h, h.ids.customerId('31000101'));
    const danaForm = formOf((await dana.open('repair')).text);
    const res = await dana.submit('repair', { ...form, csrf: danaForm.csrf, formKey: danaForm.formKey }, { value: form.options[0]?.value as string });
    assert.equal(res.status, 404);
    const i = await h.fx.care.interactions.get(form.interaction);
    assert.deepEqual(i.procedure?.completed, []);
  });

  it('when a procedure name is unknown or a field is missing, then a clear page says so and nothing changes', async () => {
    const c = customer(h, h.ids.customerId('31000101'));
    assert.equal((await c.get('/procedures/launch-rockets')).status, 404);
    const form = formOf((await c.open('repair')).text);
    const res = await c.post('/procedures/repair/step', { _csrf: form.csrf, interaction: form.interaction, formKey: form.formKey, kind: 'choose', value: 'x' });
    assert.equal(res.status, 400);
    assert.match(pageText(res.text), /The form was not complete/);
    const extra = await c.submit('repair', form, { value: form.options[0]?.value as string }, { admin: 'true' });
    assert.equal(extra.status, 400);
  });

  it('when Tom left a repair half-done on the phone, then /procedures/resume continues it here at the next step, and the voice draft is no longer offered', async () => {
    const tomId = h.ids.customerId('31000104');
    const voice: Actor = { kind: 'customer', channel: 'voice', verification: 'verified', customerId: tomId };
    const call = await h.fx.care.interactions.start(voice, { channel: 'voice', channelRef: 'CA-test-resume' });
    await h.fx.care.procedures.start(voice, call.id, 'repair');
    const dsl = h.ids.serviceId('31000104', 1);
    await h.fx.care.procedures.answer(voice, call.id, 'service', dsl);
    await h.fx.care.interactions.end(call.id, { status: 'abandoned' });

    const c = customer(h, tomId);
    const index = await c.get('/procedures');
    assert.match(pageText(index.text), /You have an unfinished task from the phone: Report a problem\. Continue where you left off/);
    const res = await c.get('/procedures/resume');
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/procedures/repair?notice=resumed');
    let page = await c.follow(res);
    const form = formOf(page.text);
    assert.equal(form.field, 'symptom', 'the service chosen on the phone is kept');
    assert.match(pageText(page.text), /Welcome back: your answers so far are kept/);
    const moved = await h.fx.care.interactions.get(call.id);
    assert.equal(moved.procedure?.closed?.reason, 'moved');
    assert.equal(moved.procedure?.closed?.to, form.interaction);
    page = await answer(c, 'repair', form, 'no-internet');
    assert.match(pageText(page.text), /You should be able to use your service now/);
    assert.equal((await c.get('/procedures/resume')).status, 200, 'nothing left to resume');
  });

  it('when Dana left a bill adjustment in chat yesterday (demo), then it continues here at the step after her last answer', async () => {
    const danaId = h.ids.customerId('31000101');
    const [draft] = await h.fx.stores.interactions.find({ customerId: danaId, channel: 'chat', 'procedure.status': 'open' });
    assert.ok(draft?.procedure, 'the demo seeds an unfinished chat adjustment');
    const c = customer(h, danaId);
    const page = await c.follow(await c.get('/procedures/resume'));
    const form = formOf(page.text);
    assert.equal(form.interaction === draft.id, false, 'continued on a portal interaction');
    assert.equal(form.field, ['bill', 'item', 'reason', 'amount', 'confirm'][draft.procedure.completed.length]);
  });
});
