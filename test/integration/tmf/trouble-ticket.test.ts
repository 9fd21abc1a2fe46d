import assert from 'node:assert/strict';
import { startTmf, type Tmf } from './tmf-harness';
import { demoPerson } from '../../../src/demo/demo-people';
import { signIn } from '../api/api-harness';
import { ticketBody, TT } from './tmf-helpers';

describe('TMF621 troubleTicket: partners report faults onto the repair procedure', () => {
  let tmf: Tmf;
  let token: string;
  const grace = demoPerson('technician');
  const tom = demoPerson('reset');
  before(async () => {
    tmf = await startTmf();
    token = await tmf.token();
  });
  after(() => tmf.close());

  const actorOf = (p: typeof grace) => tmf.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'api', source: 'test' });
  const serviceOf = async (p: typeof grace, family: string) => (await tmf.runtime.care.customers.services(await actorOf(p))).find((s) => s.product.family === family)!;

  let ticketId = '';

  it('when the reseller reports Grace\'s dead phone line, then the repair procedure opens one ticket (a retry returns it), and Grace sees it', async () => {
    const actor = await actorOf(grace);
    const phone = await serviceOf(grace, 'phone');
    const before = await tmf.runtime.stores.tickets.count({ customerId: actor.customerId! });
    const res = await tmf.call('post', `${TT}/troubleTicket`, token, ticketBody(actor.customerId!, phone.id, 'no-dial-tone'), { 'Idempotency-Key': 'grace-fault-1' });
    assert.equal(res.status, 201, res.text);
    const again = await tmf.call('post', `${TT}/troubleTicket`, token, ticketBody(actor.customerId!, phone.id, 'no-dial-tone'), { 'Idempotency-Key': 'grace-fault-1' });
    assert.equal(again.body.id, res.body.id);
    assert.equal(await tmf.runtime.stores.tickets.count({ customerId: actor.customerId! }), before + 1);
    const ticket = (await tmf.runtime.stores.tickets.get(res.body.id as string))!;
    assert.equal(ticket.channel, 'partner');
    assert.equal(ticket.serviceId, phone.id);
    assert.equal(res.body.status, 'acknowledged');
    assert.equal(res.body.ticketType, 'no-dial-tone');
    assert.equal(res.body.description, ticket.diagnosis.explanation);
    assert.equal(res.body.relatedEntity[0].entity.id, phone.id);
    ticketId = ticket.id;
    const portal = await tmf.http.get('/api/v1/tickets').set('Authorization', await signIn(tmf, grace));
    assert.ok((portal.body as { id: string }[]).some((t) => t.id === ticket.id));
  });

  it('when the fault is fixed at once by a remote reset (Tom\'s DSL), then 422 TICKET_NOT_NEEDED with the explanation, and no ticket', async () => {
    const actor = await actorOf(tom);
    const dsl = await serviceOf(tom, 'broadband');
    const before = await tmf.runtime.stores.tickets.count({});
    const res = await tmf.call('post', `${TT}/troubleTicket`, token, ticketBody(actor.customerId!, dsl.id, 'no-internet'), { 'Idempotency-Key': 'tom-fault-1' });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.body.code, 'TICKET_NOT_NEEDED');
    assert.equal(res.body.reason, 'resolved');
    assert.equal(await tmf.runtime.stores.tickets.count({}), before);
  });

  it('when the body misses what TMF621 requires (severity), or names a symptom of another family, then 400 / 422 and nothing', async () => {
    const actor = await actorOf(grace);
    const phone = await serviceOf(grace, 'phone');
    const body = ticketBody(actor.customerId!, phone.id, 'no-dial-tone') as Record<string, unknown>;
    delete body.severity;
    const before = await tmf.runtime.stores.tickets.count({});
    const noSeverity = await tmf.call('post', `${TT}/troubleTicket`, token, body, { 'Idempotency-Key': 'bad-ticket-1' });
    assert.equal(noSeverity.status, 400);
    assert.match(noSeverity.body.message, /severity/);
    const wrong = await tmf.call('post', `${TT}/troubleTicket`, token, ticketBody(actor.customerId!, phone.id, 'no-internet'), { 'Idempotency-Key': 'bad-ticket-2' });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.code, 'VALIDATION_FAILED');
    assert.equal(await tmf.runtime.stores.tickets.count({}), before);
  });

  it('when the partner lists and reads tickets, then it gets its customers\' tickets with the paging headers and the status filter', async () => {
    const list = await tmf.call('get', `${TT}/troubleTicket?status=acknowledged`, token);
    assert.equal(list.status, 200);
    assert.ok((list.body as { id: string }[]).some((t) => t.id === ticketId));
    assert.ok((list.body as { status: string }[]).every((t) => t.status === 'acknowledged'));
    const one = await tmf.call('get', `${TT}/troubleTicket/${ticketId}?fields=status,severity`, token);
    assert.deepEqual(Object.keys(one.body).sort(), ['@type', 'href', 'id', 'severity', 'status']);
    const bad = await tmf.call('get', `${TT}/troubleTicket?status=nonsense`, token);
    assert.equal(bad.status, 400);
  });

  it('when the partner patches the ticket to cancelled, then it is withdrawn with the reason; patching anything else is refused', async () => {
    const other = await tmf.call('patch', `${TT}/troubleTicket/${ticketId}`, token, { '@type': 'TroubleTicket', severity: 'critical' });
    assert.equal(other.status, 400);
    assert.match(other.body.message, /only \{"status": "cancelled"\}/);
    assert.equal((await tmf.runtime.stores.tickets.get(ticketId))!.status, 'open');
    const res = await tmf.call('patch', `${TT}/troubleTicket/${ticketId}`, token, { '@type': 'TroubleTicket', status: 'cancelled', statusChangeReason: 'line works again' }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.status, 'cancelled');
    assert.equal(res.body.statusChangeReason, 'line works again');
    const stored = (await tmf.runtime.stores.tickets.get(ticketId))!;
    assert.equal(stored.status, 'cancelled');
    assert.ok(stored.resolvedAt);
  });

  it('when the partner asks for a ticket of a customer it does not act for, then 404', async () => {
    const marcus = demoPerson('suspended');
    const actor = await actorOf(marcus);
    const stored = await tmf.runtime.stores.tickets.insert({ ...(await tmf.runtime.stores.tickets.get(ticketId))!, id: 'tkt-other', customerId: actor.customerId!, idempotencyKey: 'other' });
    assert.equal((await tmf.call('get', `${TT}/troubleTicket/${stored.id}`, token)).status, 404);
    assert.equal((await tmf.call('patch', `${TT}/troubleTicket/${stored.id}`, token, { '@type': 'TroubleTicket', status: 'cancelled' })).status, 404);
  });
});
