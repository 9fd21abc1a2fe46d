/**
 * The CSR in the customer's chat through the staff API: join, messages both ways live, hand
 * back, end, the customer leaving; only the assigned CSR acts, every action audited; and the
 * same across two web processes sharing Redis (customer on one, CSR on the other).
 */
import assert from 'node:assert/strict';
import { DEMO_STAFF } from '../../../src/demo/demo-staff';
import type { Escalation } from '../../../src/domain/escalation/escalation';
import { anonymous } from '../../../src/domain/shared/actor';
import { startApi, type Api } from '../api/api-harness';
import { deleteKeys, REDIS_URL, testPrefix } from '../redis/redis-test-keys';
import { csrChatStream, customerOn, listen, type Customer, type Listening } from './chat-sides';
import { queueEscalation, staffSignIn } from './staff-harness';

const WRAP_UP = 'resolved';
const chatPath = (id: string, what: string) => `/api/v1/staff/escalations/${id}/chat/${what}`;

/** The customer asks for a person; returns their queued escalation. */
async function escalated(api: Api, customer: Customer): Promise<Escalation> {
  await customer.botSays(/assistant/);
  const from = customer.activities.length;
  await customer.say('agent');
  await customer.botSays(/in line/, from);
  const [e] = await api.runtime.stores.escalations.find({ channelRef: customer.conversationId });
  assert.ok(e, 'the chat is in the queue');
  return e;
}

/** A CSR serving the escalation's skill signs in (on `api`) and takes it. */
async function accepted(api: Api, e: Escalation): Promise<{ auth: string; staff: (typeof DEMO_STAFF)[number] }> {
  const staff = DEMO_STAFF.find((s) => s.role === 'csr' && s.skills.includes(e.skill));
  assert.ok(staff);
  const auth = await staffSignIn(api, staff);
  assert.equal((await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', auth)).status, 200);
  return { auth, staff };
}

describe('staff API: the CSR in the customer\'s chat', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  async function oneProcess(): Promise<{ api: Api; side: Listening; customer: Customer }> {
    const api = await startApi();
    cleanups.push(() => api.close());
    const side = await listen(api);
    cleanups.push(() => side.close());
    const customer = await customerOn(side);
    cleanups.push(() => customer.close());
    return { api, side, customer };
  }

  it('when the customer is on one web process and the CSR on another sharing Redis, then each sees the other\'s messages at once and the bot stays silent', async () => {
    const prefix = testPrefix('staff-chat');
    cleanups.push(() => deleteKeys(prefix));
    const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix };
    const a = await startApi({ env });
    cleanups.push(() => a.close());
    // The same database behind both (in memory here: the one store object).
    const b = await startApi({ env, overrides: { stores: a.runtime.stores, seedDemo: false } });
    cleanups.push(() => b.close());
    const [sideA, sideB] = [await listen(a), await listen(b)];
    cleanups.push(() => sideA.close(), () => sideB.close());
    const customer = await customerOn(sideA);
    cleanups.push(() => customer.close());
    const e = await escalated(a, customer);
    const { auth, staff } = await accepted(b, e);
    const csr = await csrChatStream(sideB, auth, e.id);
    cleanups.push(() => csr.close());
    assert.equal(csr.status, 200);
    await csr.next('chat.open');

    // B runs the CSR's turn; A's socket gets it with nothing happening on A.
    const from = customer.activities.length;
    const said = await b.http.post(chatPath(e.id, 'messages')).set('Authorization', auth).send({ text: 'Hi, I can see your bill.' });
    assert.equal(said.status, 202);
    await customer.botSays(new RegExp(`${staff.displayName} from customer care has joined`), from);
    const message = await customer.botSays(/I can see your bill/, from);
    assert.equal(message.text, `${staff.displayName}: Hi, I can see your bill.`);
    assert.deepEqual(message.channelData?.csr, { csrId: staff.id, name: staff.displayName });

    // The customer writes on A; the CSR's stream on B has it, and the assistant does not answer.
    const before = customer.activities.length;
    await customer.say('The charge of 1250 on my bill is wrong');
    const heard = await csr.next('chat.message', (d) => d.from === 'customer');
    assert.equal(heard.data.text, 'The charge of **** on my bill is wrong');
    assert.equal(heard.data.escalationId, e.id);
    await b.http.post(chatPath(e.id, 'messages')).set('Authorization', auth).send({ text: 'Let me fix that.' }).expect(202);
    await customer.botSays(/Let me fix that/, before);
    const afterOwnMessage = customer.activities.slice(before).filter((x) => x.from.role === 'bot');
    assert.deepEqual(afterOwnMessage.map((x) => x.text), [`${staff.displayName}: Let me fix that.`], 'only the CSR spoke after the customer');

    const audit = await b.runtime.stores.audit.find({ escalationId: e.id, action: 'message' });
    assert.deepEqual(audit.map((x) => [x.staffId, x.result, x.detail?.chat]).sort(), [[staff.id, 'ok', 'read'], [staff.id, 'ok', 'say'], [staff.id, 'ok', 'say']]);
    assert.ok(audit.every((x) => !JSON.stringify(x).includes('fix that')), 'the text is not in the audit');
  });

  it('when the CSR joins twice and ends the chat, then the customer sees one "joined", the closing message, the CSR\'s stream ends, and the escalation waits for the wrap-up', async () => {
    const { api, side, customer } = await oneProcess();
    const e = await escalated(api, customer);
    const { auth, staff } = await accepted(api, e);
    const csr = await csrChatStream(side, auth, e.id);
    cleanups.push(() => csr.close());
    await csr.next('chat.open');
    const from = customer.activities.length;
    const joined = await api.http.post(chatPath(e.id, 'join')).set('Authorization', auth);
    assert.equal(joined.status, 200);
    assert.deepEqual(joined.body, { escalationId: e.id, interactionId: e.interactionId, conversationId: customer.conversationId, state: 'joined' });
    await api.http.post(chatPath(e.id, 'join')).set('Authorization', auth).expect(200);
    await api.http.post(chatPath(e.id, 'messages')).set('Authorization', auth).send({ text: 'Sorted, anything else?' }).expect(202);
    await api.http.post(chatPath(e.id, 'end')).set('Authorization', auth).expect(200);
    await customer.botSays(new RegExp(`${staff.displayName} has ended the chat`), from);
    assert.equal(customer.activities.slice(from).filter((x) => /has joined/.test(x.text ?? '')).length, 1);
    const ended = await csr.next('chat.ended');
    assert.equal(ended.data.reason, 'csr-ended');
    await csr.ended;

    assert.equal((await api.runtime.stores.escalations.get(e.id))?.status, 'assigned', 'only the wrap-up resolves it');
    const transcript = await api.runtime.care.interactions.transcriptOf(e.interactionId);
    assert.ok(transcript.some((t) => t.from === 'csr' && t.text === 'Sorted, anything else?'));
    const again = await api.http.post(chatPath(e.id, 'messages')).set('Authorization', auth).send({ text: 'hello?' });
    assert.equal(again.status, 409);
    // Until the wrap-up the CSR can still read the conversation, from a position on.
    const read = await api.http.get(chatPath(e.id, 'messages')).set('Authorization', auth);
    assert.equal(read.status, 200);
    const items = read.body.items as { from: string; text: string; position: number }[];
    assert.deepEqual(items.filter((x) => x.from === 'csr').map((x) => x.text), ['Sorted, anything else?']);
    assert.equal(read.body.next, items.length);
    assert.deepEqual(items.map((x) => x.position), items.map((_, k) => k + 1));
    const rest = await api.http.get(`${chatPath(e.id, 'messages')}?after=${read.body.next - 1}`).set('Authorization', auth);
    assert.deepEqual(rest.body.items, items.slice(-1));
    assert.equal((await api.http.get(`${chatPath(e.id, 'messages')}?after=-1`).set('Authorization', auth)).status, 400);
    const dispositions = (await api.http.get('/api/v1/staff/dispositions').set('Authorization', auth)).body.items as { code: string }[];
    await api.http.post(`/api/v1/staff/queue/${e.id}/resolve`).set('Authorization', auth).send({ disposition: dispositions[0]?.code, note: 'charge explained' }).expect(200);
    assert.equal((await api.runtime.stores.escalations.get(e.id))?.status, 'resolved');
  });

  it('when the CSR hands back, then the customer hears the assistant again, the CSR\'s stream says so, and the CSR can no longer write', async () => {
    const { api, side, customer } = await oneProcess();
    const e = await escalated(api, customer);
    const { auth } = await accepted(api, e);
    const csr = await csrChatStream(side, auth, e.id);
    cleanups.push(() => csr.close());
    await csr.next('chat.open');
    await api.http.post(chatPath(e.id, 'join')).set('Authorization', auth).expect(200);
    const from = customer.activities.length;
    await api.http.post(chatPath(e.id, 'hand-back')).set('Authorization', auth).expect(200);
    await customer.botSays(/back with the assistant/, from);
    assert.equal((await csr.next('chat.ended')).data.reason, 'handed-back');
    const refused = await api.http.post(chatPath(e.id, 'messages')).set('Authorization', auth).send({ text: 'still there?' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'CONFLICT');
    const next = customer.activities.length;
    await customer.say('help');
    await customer.botSays(/./, next);
  });

  it('when the CSR wraps up while still in the chat, then the customer is back with the assistant and the escalation is resolved', async () => {
    const { api, customer } = await oneProcess();
    const e = await escalated(api, customer);
    const { auth } = await accepted(api, e);
    await api.http.post(chatPath(e.id, 'join')).set('Authorization', auth).expect(200);
    await api.http.post(chatPath(e.id, 'messages')).set('Authorization', auth).send({ text: 'Done: the credit is on your bill.' }).expect(202);
    const from = customer.activities.length;
    const wrapped = await api.http.post(`/api/v1/staff/queue/${e.id}/resolve`).set('Authorization', auth).send({ disposition: WRAP_UP });
    assert.equal(wrapped.status, 200, JSON.stringify(wrapped.body));
    await customer.botSays(/back with the assistant/, from);
    assert.equal((await api.runtime.stores.escalations.get(e.id))?.status, 'resolved');
    const next = customer.activities.length;
    await customer.say('help');
    await customer.botSays(/./, next);
  });

  it('when the customer closes the chat while the CSR is in it, then the CSR\'s stream gets the end', async () => {
    const { api, side, customer } = await oneProcess();
    const e = await escalated(api, customer);
    const { auth } = await accepted(api, e);
    await api.http.post(chatPath(e.id, 'join')).set('Authorization', auth).expect(200);
    const csr = await csrChatStream(side, auth, e.id);
    cleanups.push(() => csr.close());
    await csr.next('chat.open');
    await customer.leave();
    const ended = await csr.next('chat.ended');
    assert.equal(ended.data.reason, 'customer-left');
    assert.equal(ended.data.escalationId, e.id);
  });

  it('when the customer goes back to the assistant after a CSR took the chat but before joining, then the CSR\'s stream gets the end and joining is refused', async () => {
    const { api, side, customer } = await oneProcess();
    const e = await escalated(api, customer);
    const { auth } = await accepted(api, e);
    const csr = await csrChatStream(side, auth, e.id);
    cleanups.push(() => csr.close());
    await csr.next('chat.open');
    const from = customer.activities.length;
    await customer.say('menu');
    await customer.botSays(/taken you out of the line/, from);
    assert.equal((await csr.next('chat.ended')).data.reason, 'customer-left');
    const refused = await api.http.post(chatPath(e.id, 'join')).set('Authorization', auth);
    assert.equal(refused.status, 409);
    assert.equal(customer.activities.slice(from).filter((x) => /has joined/.test(x.text ?? '')).length, 0);
  });

  it('when another CSR, or a CSR on a voice escalation, acts, then it is refused and audited as refused, and the customer sees nothing', async () => {
    const { api, customer } = await oneProcess();
    const e = await escalated(api, customer);
    const { staff } = await accepted(api, e);
    const other = DEMO_STAFF.find((s) => s.id !== staff.id && s.role === 'csr');
    assert.ok(other);
    const otherAuth = await staffSignIn(api, other);
    const from = customer.activities.length;
    const refused = await api.http.post(chatPath(e.id, 'messages')).set('Authorization', otherAuth).send({ text: 'I am not your CSR' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'NOT_PERMITTED');
    assert.equal((await api.http.post(chatPath(e.id, 'join')).set('Authorization', otherAuth)).status, 403);
    assert.equal((await api.http.get(chatPath(e.id, 'events')).set('Authorization', otherAuth)).status, 403);
    const audit = await api.runtime.stores.audit.find({ escalationId: e.id, action: 'message' });
    assert.deepEqual(audit.map((x) => [x.staffId, x.result, x.code]), [[other.id, 'refused', 'NOT_PERMITTED'], [other.id, 'refused', 'NOT_PERMITTED'], [other.id, 'refused', 'NOT_PERMITTED']]);

    const empty = await api.http.post(chatPath(e.id, 'messages')).set('Authorization', otherAuth).send({ text: '   ' });
    assert.equal(empty.status, 400);
    assert.equal((await api.http.post(chatPath(e.id, 'messages')).set('Authorization', otherAuth).send({ text: 'x', extra: 1 })).status, 400);

    const voice = await queueEscalation(api, { actor: anonymous('voice'), reason: 'call me', channel: 'voice', skill: 'general' });
    const csrAuth = await staffSignIn(api, staff);
    await api.http.post(`/api/v1/staff/queue/${voice.id}/accept`).set('Authorization', csrAuth).expect(200);
    assert.equal((await api.http.post(chatPath(voice.id, 'join')).set('Authorization', csrAuth)).status, 409);
    assert.equal((await api.http.post(chatPath('no-such-escalation', 'join')).set('Authorization', csrAuth)).status, 404);
    assert.equal(customer.activities.length, from, 'the customer saw nothing');
  });
});
