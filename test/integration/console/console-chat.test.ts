/**
 * The chat pane of the console's screen pop against the whole app: a real customer chat over
 * Direct Line asks for a person; the CSR signs into the console, accepts, joins and writes with
 * the forms (CSRF), sees the customer's reply (on reload and on the pane's live stream), and
 * hands back. Only the assigned CSR acts.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { Escalation } from '../../../src/domain/escalation/escalation';
import { startApi, type Api } from '../api/api-harness';
import { customerOn, listen, type Customer, type Listening } from '../staff/chat-sides';
import { BILLING_CSR, REPAIR_CSR } from '../staff/staff-harness';
import { consoleSignIn, csrfOf, type Agent } from './console-harness';

async function escalated(api: Api, customer: Customer): Promise<Escalation> {
  await customer.botSays(/assistant/);
  const from = customer.activities.length;
  await customer.say('agent');
  await customer.botSays(/in line/, from);
  const [e] = await api.runtime.stores.escalations.find({ channelRef: customer.conversationId });
  assert.ok(e, 'the chat is in the queue');
  return e;
}

/** Reads the console's chat stream (cookie session) until `pattern` is in it. */
function consoleStream(side: Listening, cookie: string, escalationId: string): Promise<{ status: number; until(pattern: RegExp): Promise<string>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: side.port, path: `/console/escalations/${escalationId}/chat/events`, headers: { Cookie: cookie, Accept: 'text/event-stream' } }, (res) => {
      let text = '';
      const waiting = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const w of [...waiting]) w();
      });
      resolve({
        status: res.statusCode ?? 0,
        until: (pattern) => new Promise((ok, ko) => {
          const timer = setTimeout(() => ko(new Error(`timed out waiting for ${pattern} in ${text}`)), 5000);
          const check = () => {
            if (!pattern.test(text)) return;
            waiting.delete(check);
            clearTimeout(timer);
            ok(text);
          };
          waiting.add(check);
          check();
        }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

describe('CSR console: the chat pane', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  async function taken(): Promise<{ api: Api; side: Listening; customer: Customer; e: Escalation; agent: Agent; cookie: string; csrf: string }> {
    const api = await startApi();
    cleanups.push(() => api.close());
    const side = await listen(api);
    cleanups.push(() => side.close());
    const customer = await customerOn(side);
    cleanups.push(() => customer.close());
    const e = await escalated(api, customer);
    const { agent, cookie, csrf } = await consoleSignIn(api, BILLING_CSR);
    const accept = await agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: csrf });
    assert.equal(accept.status, 303);
    assert.equal(accept.headers.location, `/console/escalations/${e.id}`);
    return { api, side, customer, e, agent, cookie: cookie.split(';')[0], csrf };
  }

  it('when the CSR joins and writes with the forms, then the customer gets it under the CSR\'s name, and the customer\'s reply is in the pane on reload and live', async () => {
    const { side, customer, e, agent, cookie } = await taken();
    const page = await agent.get(`/console/escalations/${e.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<div class="chat-log" id="chat-log" role="log" aria-live="polite"/);
    assert.match(page.text, /<label for="chat-text">Message to the customer/);
    assert.match(page.text, /<textarea id="chat-text" name="text"/);
    assert.match(page.text, /<script src="\/console\/assets\/console-chat.js"/);
    assert.match(page.text, />agent</, 'the conversation so far');
    for (const b of ['Join the chat', 'Hand back to the assistant', 'End the chat']) assert.ok(page.text.includes(`>${b}</button>`), b);
    assert.equal((await agent.get('/console/assets/console-chat.js')).status, 200);

    const from = customer.activities.length;
    const joined = await agent.post(`/console/escalations/${e.id}/chat/join`).type('form').send({ _csrf: csrfOf(page.text) });
    assert.equal(joined.status, 303);
    assert.equal(joined.headers.location, `/console/escalations/${e.id}?notice=chat-joined#chat-heading`);
    await customer.botSays(new RegExp(`${BILLING_CSR.displayName} from customer care has joined`), from);
    assert.match((await agent.get(joined.headers.location as string)).text, /You joined the chat: the customer sees your name/);

    const live = await consoleStream(side, cookie, e.id);
    cleanups.push(() => live.close());
    assert.equal(live.status, 200);
    await live.until(/event: chat.open/);
    const sent = await agent.post(`/console/escalations/${e.id}/chat/messages`).type('form').send({ _csrf: csrfOf(page.text), text: 'Hello, I am looking at your account.' });
    assert.equal(sent.status, 303);
    const message = await customer.botSays(/looking at your account/, from);
    assert.equal(message.text, `${BILLING_CSR.displayName}: Hello, I am looking at your account.`);
    assert.deepEqual(message.channelData?.csr, { csrId: BILLING_CSR.id, name: BILLING_CSR.displayName });

    await customer.say('Thanks, the roaming charge is wrong');
    await live.until(/"from":"customer","text":"Thanks, the roaming charge is wrong"/);
    const again = await agent.get(`/console/escalations/${e.id}`);
    const pane = again.text.slice(again.text.indexOf('id="chat-log"'), again.text.indexOf('</div>', again.text.indexOf('id="chat-log"')));
    assert.match(pane, /class="from-customer"><span class="who">Customer<\/span>[\s\S]*<p>Thanks, the roaming charge is wrong<\/p>/);
    assert.match(pane, /<p>Hello, I am looking at your account.<\/p>/);

    const byScript = await agent.post(`/console/escalations/${e.id}/chat/messages`).type('form').set('Accept', 'application/json').send({ _csrf: csrfOf(page.text), text: 'One moment.' });
    assert.equal(byScript.status, 202);
    assert.equal(byScript.body.notice, 'chat-sent');
    await customer.botSays(/One moment/, from);
    const empty = await agent.post(`/console/escalations/${e.id}/chat/messages`).type('form').send({ _csrf: csrfOf(page.text), text: '   ' });
    assert.equal(empty.headers.location, `/console/escalations/${e.id}?notice=chat-empty#chat-heading`);
  });

  it('when the message form is posted without the CSRF token, then it is refused with 403 and nothing reaches the customer', async () => {
    const { api, customer, e, agent } = await taken();
    const before = await api.runtime.care.interactions.transcriptOf(e.interactionId);
    const from = customer.activities.length;
    const res = await agent.post(`/console/escalations/${e.id}/chat/messages`).type('form').send({ text: 'forged message' });
    assert.equal(res.status, 403);
    assert.match(res.text, /This form has expired/);
    // A message the CSR does send afterwards is the first thing the customer gets.
    const page = await agent.get(`/console/escalations/${e.id}`);
    await agent.post(`/console/escalations/${e.id}/chat/messages`).type('form').send({ _csrf: csrfOf(page.text), text: 'real message' }).expect(303);
    await customer.botSays(/real message/, from);
    assert.equal(customer.activities.some((a) => /forged/.test(a.text ?? '')), false);
    const after = await api.runtime.care.interactions.transcriptOf(e.interactionId);
    assert.equal(after.slice(before.length).some((t) => /forged/.test(t.text)), false);
    const says = (await api.runtime.stores.audit.find({ escalationId: e.id, action: 'message' })).filter((x) => x.detail?.chat === 'say');
    assert.equal(says.length, 1, 'only the real message was sent');
  });

  it('when another CSR tries the pane\'s forms or stream, then they get the refusal and nothing reaches the customer', async () => {
    const { api, side, customer, e } = await taken();
    const other = await consoleSignIn(api, REPAIR_CSR);
    const from = customer.activities.length;
    const res = await other.agent.post(`/console/escalations/${e.id}/chat/messages`).type('form').send({ _csrf: other.csrf, text: 'not mine' });
    assert.equal(res.status, 403);
    assert.match(res.text, /Not your escalation/);
    const stream = await consoleStream(side, other.cookie.split(';')[0], e.id);
    stream.close();
    assert.equal(stream.status, 403);
    assert.equal(customer.activities.slice(from).some((a) => /not mine/.test(a.text ?? '')), false);
    const refused = await api.runtime.stores.audit.find({ escalationId: e.id, action: 'message' });
    assert.ok(refused.some((x) => x.staffId === REPAIR_CSR.id && x.result !== 'ok'));
  });

  it('when the CSR hands back with the form, then the customer is back with the assistant and the pane says the chat is over', async () => {
    const { customer, e, agent } = await taken();
    const page = await agent.get(`/console/escalations/${e.id}`);
    const from = customer.activities.length;
    await agent.post(`/console/escalations/${e.id}/chat/join`).type('form').send({ _csrf: csrfOf(page.text) }).expect(303);
    const back = await agent.post(`/console/escalations/${e.id}/chat/hand-back`).type('form').send({ _csrf: csrfOf(page.text) });
    assert.equal(back.headers.location, `/console/escalations/${e.id}?notice=chat-handed-back#chat-heading`);
    await customer.botSays(/back with the assistant/, from);
    const after = customer.activities.length;
    await customer.say('agent');
    await customer.botSays(/./, after);
    const reload = await agent.get(`/console/escalations/${e.id}`);
    assert.match(reload.text, /The chat is over: wrap it up below/);
    assert.doesNotMatch(reload.text, /id="chat-form"/);
    const again = await agent.post(`/console/escalations/${e.id}/chat/messages`).type('form').send({ _csrf: csrfOf(page.text), text: 'too late' });
    assert.equal(again.headers.location, `/console/escalations/${e.id}?notice=chat-over#chat-heading`);
  });

  it('when the CSR ends the chat with the form, then the customer is told, the escalation waits for the wrap-up and the pane offers no more forms', async () => {
    const { api, customer, e, agent } = await taken();
    const page = await agent.get(`/console/escalations/${e.id}`);
    const from = customer.activities.length;
    const ended = await agent.post(`/console/escalations/${e.id}/chat/end`).type('form').send({ _csrf: csrfOf(page.text) });
    assert.equal(ended.headers.location, `/console/escalations/${e.id}?notice=chat-ended#chat-heading`);
    await customer.botSays(new RegExp(`${BILLING_CSR.displayName} has ended the chat`), from);
    assert.equal((await api.runtime.stores.escalations.get(e.id))?.status, 'assigned', 'only the wrap-up resolves it');
    const reload = await agent.get(ended.headers.location as string);
    assert.match(reload.text, /The chat is ended. Wrap up when you are done./);
    assert.doesNotMatch(reload.text, />End the chat<\/button>/);
    assert.match(reload.text, /Finish and return to the queue/);
  });
});
