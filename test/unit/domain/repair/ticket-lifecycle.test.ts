import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import { demoPerson } from '../../../../src/demo/demo-people';
import type { CareEvent } from '../../../../src/domain/events/care-events';

describe('ticket lifecycle: withdrawn by the customer, moved on by the workforce system', () => {
  let f: CareFixture;
  let events: CareEvent[];
  beforeEach(async () => {
    f = await makeCare();
    events = [];
    f.deps.events.subscribe((e) => events.push(e));
  });
  afterEach(() => f.close());

  async function openTicket(key: string) {
    const p = demoPerson('technician');
    const actor = await f.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal', source: 'test' });
    const phone = (await f.care.customers.services(actor)).find((s) => s.product.family === 'phone')!;
    const outcome = await f.care.repair.troubleshoot(actor, { serviceId: phone.id, symptom: 'no-dial-tone' }, { idempotencyKey: key });
    return { actor, ticket: outcome.ticket! };
  }
  const statuses = () => events.filter((e): e is Extract<CareEvent, { type: 'ticket.status' }> => e.type === 'ticket.status').map((e) => e.status);

  it('when the workforce system reports scheduled then resolved, then the ticket follows and each change is published once; a repeat or a step back changes nothing', async () => {
    const { ticket } = await openTicket('lc-1');
    await f.care.reportTicketProgress(ticket.id, 'scheduled');
    await f.care.reportTicketProgress(ticket.id, 'resolved', 'fixed');
    await f.care.reportTicketProgress(ticket.id, 'resolved', 'fixed again');
    await f.care.reportTicketProgress(ticket.id, 'scheduled');
    await Promise.resolve();
    const stored = (await f.stores.tickets.get(ticket.id))!;
    assert.equal(stored.status, 'resolved');
    assert.equal(stored.statusNote, 'fixed');
    assert.deepEqual(statuses(), ['open', 'scheduled', 'resolved']);
  });

  it('when the customer withdraws an open ticket, then it is cancelled; withdrawing a resolved one is a CONFLICT', async () => {
    const { actor, ticket } = await openTicket('lc-2');
    const withdrawn = await f.care.repair.withdrawTicket(actor, ticket.id, { reason: 'works again' });
    assert.equal(withdrawn.status, 'cancelled');
    assert.equal((await f.care.repair.withdrawTicket(actor, ticket.id)).status, 'cancelled', 'repeating is harmless');
    const second = await openTicket('lc-3');
    await f.care.reportTicketProgress(second.ticket.id, 'resolved');
    await assert.rejects(f.care.repair.withdrawTicket(actor, second.ticket.id), (e: { code?: string }) => e.code === 'CONFLICT');
  });
});
