import assert from 'node:assert/strict';
import { createEscalationsApi } from '../../../../src/domain/escalation/escalations-api';
import { createInteractionsApi } from '../../../../src/domain/interactions/interactions-api';
import type { EscalationsApi, InteractionsApi } from '../../../../src/domain/care';
import type { Customer } from '../../../../src/domain/customers/customer';
import type { Bill } from '../../../../src/domain/billing/billing';
import type { ProcedureState } from '../../../../src/domain/procedures/procedure';
import { encodeProcedure } from '../../../../src/domain/procedures/procedure-codec';
import type { NewRecord } from '../../../../src/domain/ports/store';
import { updateWithRetry } from '../../../../src/domain/shared/update-with-retry';
import { anonymous, type Actor } from '../../../../src/domain/shared/actor';
import { domainDeps, type DomainDeps } from '../interactions/domain-deps';

const address = { line1: '12 Elm St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' };
const customer = (id: string, lockedUntil?: string): NewRecord<Customer> => ({
  id,
  accountNumber: `acct-${id}`,
  accountStatus: 'active',
  firstName: 'Dana',
  lastName: 'Whitfield',
  email: `${id}@example.com`,
  phones: ['+12175550142'],
  billingAddress: address,
  locale: 'en',
  credentials: { pinHash: 'x' },
  lockout: { consecutiveFailures: lockedUntil ? 5 : 0, ...(lockedUntil ? { lockedUntil } : {}) },
  services: [{ id: 'svc-1', productId: 'fiber-500', status: 'active', config: {}, features: [], addons: [], promotions: [], lineId: 'line-1' }],
  createdAt: '2024-01-01T00:00:00.000Z',
  marketing: [],
});
const bill = (customerId: string, status: Bill['status']): NewRecord<Bill> => {
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
  return {
    id: `bill-${customerId}`, customerId, accountNumber: 'a', period: '2026-10', issuedAt: '2026-10-25T00:00:00.000Z', dueDate: '2026-11-15',
    originalDueDate: '2026-11-15', items: [], total: usd(9000), payments: [], appliedAdjustmentIds: [], balance: usd(9000), status,
  };
};
const verified = (customerId: string): Actor => ({ kind: 'customer', channel: 'voice', verification: 'verified', customerId });

describe('escalations', () => {
  let d: DomainDeps;
  let interactions: InteractionsApi;
  let escalations: EscalationsApi;
  beforeEach(async () => {
    d = await domainDeps();
    interactions = createInteractionsApi(d.deps);
    escalations = createEscalationsApi(d.deps, { interactions });
  });
  afterEach(() => d.stores.close());

  async function withProcedure(actor: Actor, proc: Omit<ProcedureState, 'startedAt' | 'updatedAt'>): Promise<string> {
    const i = await interactions.start(actor, { channel: actor.channel });
    const at = d.clock.now().toISOString();
    await updateWithRetry(d.stores.interactions, i.id, (x) => ({ ...x, intents: [proc.name], procedure: encodeProcedure({ ...proc, startedAt: at, updatedAt: at }) }));
    return i.id;
  }

  it('when a locked customer asks for a person, then it is queued for verification with the account summary', async () => {
    await d.stores.customers.insert(customer('cus-locked', '2026-11-20T15:30:00.000Z'));
    const identified: Actor = { kind: 'customer', channel: 'voice', verification: 'identified', customerId: 'cus-locked' };
    const i = await interactions.start(anonymous('voice'), { channel: 'voice', channelRef: 'CA9' });
    await interactions.attach(i.id, identified);
    await interactions.transcript(i.id, { from: 'customer', text: 'my pin is 1234' });

    const e = await escalations.escalate(anonymous('voice'), i.id, { reason: 'account locked' });
    assert.equal(e.skill, 'verification');
    assert.equal(e.priority, 2);
    assert.equal(e.status, 'queued');
    assert.equal(e.channelRef, 'CA9');
    assert.equal(e.context.recommendedAction, 'verify identity: account locked');
    assert.equal(e.context.verification, 'identified');
    assert.deepEqual(e.context.customer, { id: 'cus-locked', name: 'Dana Whitfield', accountNumber: 'acct-cus-locked', phones: ['+12175550142'], locale: 'en', accountStatus: 'active' });
    assert.equal(e.context.transcript[0]?.text, 'my pin is ****');
    assert.deepEqual(e.context.snapshot?.services, [{ id: 'svc-1', productId: 'fiber-500', status: 'active' }]);
    assert.ok(!JSON.stringify(e).includes('pinHash'));
  });

  it('when an unknown caller escalates, then it goes to the general queue without a customer', async () => {
    const i = await interactions.start(anonymous('chat'), { channel: 'chat' });
    const e = await escalations.escalate(anonymous('chat'), i.id, { reason: 'wants a person' });
    assert.equal(e.skill, 'general');
    assert.equal(e.priority, 4);
    assert.equal(e.context.customer, undefined);
    assert.equal(e.context.recommendedAction, 'assist customer: wants a person');
  });

  it('when an adjustment awaits approval, then billing gets it with the labelled answers and what to approve', async () => {
    await d.stores.customers.insert(customer('cus-1'));
    await d.stores.bills.insert(bill('cus-1', 'overdue'));
    const id = await withProcedure(verified('cus-1'), {
      name: 'bill-adjustment', status: 'done',
      answers: { bill: 'bill-cus-1', item: 'it-3', reason: 'usage-dispute', amount: 4000, confirm: true },
      completed: ['bill', 'item', 'reason', 'amount', 'confirm'],
      labels: { bill: '2026-10', item: 'International calls', reason: 'Usage charge I do not recognise', confirm: 'yes' },
      result: { outcome: 'pending-approval', refs: { adjustmentId: 'adj-77' } },
    });
    const e = await escalations.escalate(verified('cus-1'), id, { reason: 'over the self-service limit' });
    assert.equal(e.skill, 'billing');
    assert.equal(e.priority, 2, 'an overdue account moves up one step');
    assert.equal(e.context.intent, 'bill-adjustment');
    assert.equal(e.context.recommendedAction, 'approve pending adjustment adj-77');
    assert.deepEqual(e.context.dataCollected.item, { value: 'it-3', label: 'International calls' });
    assert.deepEqual(e.context.dataCollected.amount, { value: 4000, label: '4000' });
    assert.equal(e.context.snapshot?.balanceMinor, 9000);
  });

  it('when retention was declined mid-discontinuation, then retention gets it with what is left to do', async () => {
    await d.stores.customers.insert(customer('cus-2'));
    const id = await withProcedure(verified('cus-2'), {
      name: 'discontinue-service', status: 'open',
      answers: { service: 'svc-1', reason: 'price', retention: false, $retention: { offerId: 'o1', label: '20% off for 6 months' } },
      completed: ['service', 'reason', 'retention'],
    });
    const pack = await escalations.contextPack(verified('cus-2'), id);
    assert.equal(pack.skill, 'retention');
    assert.equal(pack.recommendedAction, 'complete discontinuation: retention declined');
    assert.equal(pack.dataCollected.retentionOffer, '20% off for 6 months');
    assert.ok(!('$retention' in pack.dataCollected));
  });

  it('when escalation is repeated for one interaction, then one escalation exists and the interaction is handed off once', async () => {
    await d.stores.customers.insert(customer('cus-3'));
    const id = await withProcedure(verified('cus-3'), { name: 'modify-service', status: 'open', answers: { service: 'svc-1' }, completed: ['service'] });
    const [a, b] = await Promise.all([
      escalations.escalate(verified('cus-3'), id, { reason: 'help' }),
      escalations.escalate(verified('cus-3'), id, { reason: 'help' }),
    ]);
    const c = await escalations.escalate(verified('cus-3'), id, { reason: 'again', skill: 'general' });
    assert.equal(a.id, b.id);
    assert.equal(a.id, c.id);
    assert.equal(a.idempotencyKey, `escalation:${id}`);
    assert.equal(await d.stores.escalations.count({ interactionId: id }), 1);
    const i = await interactions.get(id);
    assert.equal(i.status, 'escalated');
    assert.equal(i.links.escalationId, a.id);
    assert.equal(i.procedure?.closed?.reason, 'escalated');
    assert.equal(i.steps.filter((s) => s.name === 'escalated').length, 1);
    assert.equal(a.context.recommendedAction, 'complete modify-service (answered up to service)');
  });

  it('when several wait in a queue, then position follows priority then arrival, and assign/resolve move it on', async () => {
    const ids: string[] = [];
    for (const priority of [3, 1, 3]) {
      const i = await interactions.start(anonymous('chat'), { channel: 'chat' });
      ids.push((await escalations.escalate(anonymous('chat'), i.id, { reason: 'x', priority })).id);
      d.clock.advance(1000);
    }
    const other = await interactions.start(anonymous('chat'), { channel: 'chat' });
    const sales = await escalations.escalate(anonymous('chat'), other.id, { reason: 'buy', skill: 'sales', priority: 1 });
    const [first, urgent, third] = ids as [string, string, string];
    assert.deepEqual(await Promise.all([first, urgent, third, sales.id].map((x) => escalations.position(x))), [2, 1, 3, 1]);
    assert.deepEqual((await escalations.queue({ skill: 'general' })).map((e) => e.id), [urgent, first, third]);

    const assigned = await escalations.assign(urgent, 'csr-7');
    assert.equal(assigned.status, 'assigned');
    assert.equal(assigned.assignedTo, 'csr-7');
    assert.equal(await escalations.position(first), 1);
    assert.equal(await escalations.position(urgent), 0);
    assert.equal((await escalations.resolve(urgent)).status, 'resolved');
    await assert.rejects(escalations.assign(urgent, 'csr-8'), { code: 'VALIDATION_FAILED' });
    await assert.rejects(escalations.position('esc-missing'), { code: 'NOT_FOUND' });
  });

  it('when an escalation is queued, taken, resolved or abandoned, then each change is published once on the event port', async () => {
    const heard: string[] = [];
    d.deps.events.subscribe((e) => heard.push(`${e.type}:${'escalationId' in e ? e.escalationId : ''}`));
    const one = await interactions.start(anonymous('chat'), { channel: 'chat' });
    const two = await interactions.start(anonymous('voice'), { channel: 'voice' });
    const a = await escalations.escalate(anonymous('chat'), one.id, { reason: 'x' });
    await escalations.escalate(anonymous('chat'), one.id, { reason: 'x' });
    const b = await escalations.escalate(anonymous('voice'), two.id, { reason: 'y' });
    await escalations.assign(a.id, 'csr-1');
    await escalations.assign(a.id, 'csr-1');
    await assert.rejects(escalations.assign(a.id, 'csr-2'), { code: 'CONFLICT' });
    await escalations.resolve(a.id, { by: 'csr-1', disposition: 'resolved' });
    await escalations.resolve(a.id);
    await escalations.abandon(b.id, 'hung-up');
    await escalations.abandon(a.id, 'hung-up');
    assert.deepEqual(heard, [`escalation.queued:${a.id}`, `escalation.queued:${b.id}`, `escalation.assigned:${a.id}`, `escalation.resolved:${a.id}`, `escalation.abandoned:${b.id}`]);
    assert.equal((await d.stores.escalations.get(a.id))?.status, 'resolved', 'a resolved escalation is not abandoned');
    assert.deepEqual((await d.stores.escalations.get(a.id))?.resolution, { by: 'csr-1', disposition: 'resolved' });
  });

  it('when someone else\'s interaction is named, then it is not found', async () => {
    const i = await interactions.start(verified('cus-a'), { channel: 'voice' });
    await assert.rejects(escalations.escalate(verified('cus-b'), i.id, { reason: 'x' }), { code: 'NOT_FOUND' });
  });
});
