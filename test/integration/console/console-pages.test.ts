/** The CSR console's forms against the whole app: cookie session, CSRF, sign-out, accept and wrap-up. */
import assert from 'node:assert/strict';
import request from 'supertest';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Actor } from '../../../src/domain/shared/actor';
import { signIn, startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, queueEscalation } from '../staff/staff-harness';
import { consoleSignIn, csrfOf, refusedChat } from './console-harness';

describe('CSR console pages', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(() => api.close());

  const dana = (): Promise<Actor> => {
    const p = demoPerson('bundle');
    return api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat', source: 'test' });
  };
  const signedIn = () => consoleSignIn(api, BILLING_CSR);

  it('when a CSR signs in with the form, then the session cookie is httpOnly, SameSite=Strict, scoped to /console and the queue page shows who is signed in under a strict CSP', async () => {
    const { agent, cookie } = await signedIn();
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; SameSite=Strict/i);
    assert.match(cookie, /; Path=\/console/i);
    assert.doesNotMatch(cookie, /; Secure/i, 'Secure only in production (http in tests)');
    const page = await agent.get('/console/queue');
    assert.equal(page.status, 200);
    assert.match(page.text, /Signed in as <strong>Alex Morgan<\/strong>/);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(await api.runtime.stores.audit.count({ action: 'sign-in', staffId: 'stf-alex', result: 'ok' }), 1);
    const missing = await agent.get('/console/no-such-page');
    assert.equal(missing.status, 404);
    assert.match(String(missing.headers['content-type']), /^text\/html/);
    assert.match(missing.text, /Back to the queue/);
    assert.equal((await agent.get('/console/assets/pages.css')).status, 200);
  });

  it('when the sign-in form is posted without the CSRF token, then it is refused with 403, no session cookie is set and no sign-in happens', async () => {
    const res = await request(api.runtime.app).post('/console/sign-in').type('form').send({ username: BILLING_CSR.username, password: BILLING_CSR.password });
    assert.equal(res.status, 403);
    assert.match(res.text, /This form has expired/);
    assert.equal(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith('telecare_console=')), false);
    assert.equal(await api.runtime.stores.audit.count({ action: 'sign-in' }), 0);
  });

  it('when a wrong password is typed, then the form comes back with the error, the username kept and no cookie', async () => {
    const agent = request.agent(api.runtime.app);
    const form = await agent.get('/console/sign-in');
    const res = await agent.post('/console/sign-in').type('form').send({ _csrf: csrfOf(form.text), username: BILLING_CSR.username, password: 'wrong-one' });
    assert.equal(res.status, 401);
    assert.match(res.text, /role="alert"[\s\S]*The username or password is not right/);
    assert.match(res.text, /value="alex.morgan"/);
    assert.equal((await agent.get('/console/queue')).status, 303);
    const twice = await agent.post('/console/sign-in').type('form').send(`_csrf=${encodeURIComponent(csrfOf(res.text))}&username=a&username=b&password=x`);
    assert.equal(twice.status, 400, 'a repeated field is a bad form, not a crash');
    assert.match(twice.text, /Enter your username and your password/);
  });

  it('when accept is posted without the CSRF token, or with one from another session, then it is refused and the escalation stays queued', async () => {
    const e = await queueEscalation(api, { actor: await dana(), reason: 'charge question', skill: 'billing' });
    const { agent } = await signedIn();
    const other = await consoleSignIn(api, BILLING_CSR);
    assert.equal((await agent.post(`/console/queue/${e.id}/accept`).type('form').send({})).status, 403);
    assert.equal((await agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: other.csrf })).status, 403);
    assert.equal((await api.runtime.stores.escalations.get(e.id))?.status, 'queued');
  });

  it('when the CSR signs out, then the same cookie is refused by the console and its token by the staff API', async () => {
    const { agent, cookie, csrf } = await signedIn();
    const token = /^telecare_console=([^;]+)/.exec(cookie)?.[1] as string;
    const out = await agent.post('/console/sign-out').type('form').send({ _csrf: csrf });
    assert.equal(out.status, 303);
    assert.equal(out.headers.location, '/console/sign-in?notice=signed-out');
    const replay = await request(api.runtime.app).get('/console/queue').set('Cookie', `telecare_console=${token}`);
    assert.equal(replay.status, 303);
    assert.match(String(replay.headers.location), /^\/console\/sign-in/);
    assert.equal((await request(api.runtime.app).get('/api/v1/staff/me').set('Authorization', `Bearer ${token}`)).status, 401);
    assert.equal(await api.runtime.stores.audit.count({ action: 'sign-out', staffId: 'stf-alex' }), 1);
  });

  it('when a customer portal token is put in the console cookie, then the console treats it as signed out', async () => {
    const bearer = await signIn(api, demoPerson('bundle'));
    const res = await request(api.runtime.app).get('/console/queue').set('Cookie', `telecare_console=${bearer.slice('Bearer '.length)}`);
    assert.equal(res.status, 303);
    assert.match(String(res.headers.location), /^\/console\/sign-in/);
    assert.equal((await request(api.runtime.app).get('/console/queue/list').set('Cookie', `telecare_console=${bearer.slice('Bearer '.length)}`)).status, 401);
  });

  it('when a CSR accepts from the queue page, then the screen pop shows the refusal first, the reason, the transcript and related account sections, and the wrap-up resolves it', async () => {
    const e = await refusedChat(api, await dana(), 'wants the roaming charge credited');
    const { agent, csrf } = await signedIn();
    const queue = await agent.get('/console/queue');
    assert.match(queue.text, /Dana Whitfield/);
    assert.match(queue.text, /above what self-service may give/, 'the queue shows why (the refusal)');

    const accepted = await agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: csrf });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.location, `/console/escalations/${e.id}`);
    const after = await api.runtime.stores.escalations.get(e.id);
    assert.equal(after?.status, 'assigned');
    assert.equal(after?.assignedTo, 'stf-alex');

    const queueAgain = await agent.get('/console/queue');
    assert.match(queueAgain.text, new RegExp(`Taken by you, not wrapped up \\(1\\)[\\s\\S]*href="/console/escalations/${e.id}"`), 'the CSR can go back to it');
    const pop = await agent.get(`/console/escalations/${e.id}`);
    assert.equal(pop.status, 200);
    const text = pop.text;
    const refusal = text.indexOf('the credit asked for is above what self-service may give');
    assert.ok(refusal > 0 && refusal < text.indexOf('What they were doing') && refusal < text.indexOf('id="transcript-heading"'), 'the refusal comes first');
    assert.match(text, /<h1>Dana Whitfield<\/h1>/);
    assert.match(text, /the roaming charge on my bill is wrong/);
    assert.match(text, /verified in chat/);
    assert.match(text, /<h3 id="section-bills">Bills/, 'billing queue: bills open, marked related');
    assert.match(text, /<details>\s*<summary>Open tickets/, 'unrelated sections folded');
    assert.equal(await api.runtime.stores.audit.count({ action: 'customer.view', escalationId: e.id }), 2, 'accept and the page view');

    const missing = await agent.post(`/console/escalations/${e.id}/wrap-up`).type('form').send({ _csrf: csrf, disposition: 'callback-promised', note: '' });
    assert.equal(missing.status, 422);
    assert.match(missing.text, /This disposition needs a note/);
    assert.match(missing.text, /<option value="callback-promised" selected>/);
    assert.match(missing.text, /<textarea id="note" name="note" rows="4" maxlength="2000" aria-invalid="true" aria-describedby="wrap-error">/);
    const none = await agent.post(`/console/escalations/${e.id}/wrap-up`).type('form').send({ _csrf: csrf, disposition: '' });
    assert.equal(none.status, 422);
    assert.match(none.text, /Choose a disposition from the list/);
    assert.equal((await api.runtime.stores.escalations.get(e.id))?.status, 'assigned');

    const done = await agent.post(`/console/escalations/${e.id}/wrap-up`).type('form').send({ _csrf: csrf, disposition: 'resolved', note: 'credited the roaming charge' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/console/queue?notice=wrapped-up');
    const resolved = await api.runtime.stores.escalations.get(e.id);
    assert.equal(resolved?.status, 'resolved');
    assert.equal(resolved?.resolution?.disposition, 'resolved');
    const back = await agent.get(done.headers.location);
    assert.match(back.text, /role="status">Wrapped up/);
    assert.doesNotMatch(back.text, new RegExp(e.id), 'no longer waiting nor taken');
    assert.doesNotMatch(back.text, /Taken by you/);
  });

  it('when a CSR accepts a queued call on a server without voice pickup, then the screen pop says the call could not be put through and to call back', async () => {
    const e = await queueEscalation(api, { actor: await dana(), reason: 'charge question', skill: 'billing', channel: 'voice' });
    const { agent, csrf } = await signedIn();
    const accepted = await agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: csrf });
    assert.equal(accepted.status, 303);
    assert.match(accepted.headers.location, new RegExp(`^/console/escalations/${e.id}\\?`));
    const pop = await agent.get(accepted.headers.location);
    assert.equal(pop.status, 200);
    assert.match(pop.text, /could not be put through to you[^<]*call the customer back/);
    assert.equal((await api.runtime.stores.escalations.get(e.id))?.assignedTo, BILLING_CSR.id);
  });

  it('when a CSR accepts a call whose caller already hung up, then the queue says it is closed, not that another CSR took it', async () => {
    const e = await queueEscalation(api, { actor: await dana(), reason: 'charge question', skill: 'billing', channel: 'voice' });
    await api.runtime.care.escalations.abandon(e.id, 'hung-up');
    const { agent, csrf } = await signedIn();
    const refused = await agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: csrf });
    assert.equal(refused.status, 303);
    const queue = await agent.get(refused.headers.location);
    assert.match(queue.text, /That escalation is closed: the customer left/);
    assert.doesNotMatch(queue.text, /Another CSR took that customer first/);
  });

  it('when another CSR opens the screen pop of an escalation they did not take, then it is refused and the refusal is audited', async () => {
    const e = await queueEscalation(api, { actor: await dana(), reason: 'charge question', skill: 'general' });
    const owner = await signedIn();
    await owner.agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: owner.csrf });
    const other = await consoleSignIn(api, { username: 'sam.okafor', password: 'Okafor-staff-2026' });
    const res = await other.agent.get(`/console/escalations/${e.id}`);
    assert.equal(res.status, 403);
    assert.match(res.text, /Not your escalation/);
    assert.doesNotMatch(res.text, /Dana Whitfield/);
    assert.equal(await api.runtime.stores.audit.count({ action: 'customer.view', staffId: 'stf-sam', result: 'refused' }), 1);
  });

  it('when another CSR already took the customer, then accepting sends the CSR back to the queue with a notice and the escalation keeps its owner', async () => {
    const e = await queueEscalation(api, { actor: await dana(), reason: 'charge question', skill: 'billing' });
    const first = await signedIn();
    const second = await consoleSignIn(api, { username: 'jordan.reyes', password: 'Reyes-super-2026' });
    assert.equal((await first.agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: first.csrf })).status, 303);
    const lost = await second.agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: second.csrf });
    assert.equal(lost.headers.location, '/console/queue?notice=taken');
    assert.equal((await api.runtime.stores.escalations.get(e.id))?.assignedTo, 'stf-alex');
    assert.match((await second.agent.get(lost.headers.location)).text, /Another CSR took that customer first/);
  });
});
