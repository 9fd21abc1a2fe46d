/** A supervisor's decision on a request that waited is told on the customer's next chat, once. */
import assert from 'node:assert/strict';
import { makeKit, play, type Kit } from './chat-test-kit';
import type { Actor } from '../../../src/domain/shared/actor';

describe('chat: decisions told on the next contact', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });

  it('when a supervisor approved a credit since the last contact, then the next chat says so after verification, and the one after does not', async () => {
    const { care, people } = kit.fixture;
    const p = people.find((x) => x.key === 'bundle')!;
    const dana = await care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal', source: 'test' });
    const billId = (await care.billing.summary(dana)).latestBillId as string;
    const item = (await care.billing.adjustableItems(dana, billId)).find((i) => i.maxAdjustable.amountMinor > 2600 && i.reasons.some((r) => r.id === 'billing-error'));
    assert.ok(item);
    const adj = await care.billing.requestAdjustment(dana, { billId, itemId: item.id, reasonCode: 'billing-error', amountMinor: 2600 }, { idempotencyKey: 'notice-1' });
    assert.equal(adj.status, 'pending-approval');
    const supervisor: Actor = { kind: 'csr', channel: 'csr', verification: 'verified', csrId: 'stf-jordan', csrRole: 'supervisor' };
    await care.billing.decideAdjustment(supervisor, adj.id, 'approve', 'double charge');

    const contact = () => play(kit, [
      ['hi', ["I'm the Brightwave assistant", '[My bill]']],
      ['tap:My bill', ['account number']],
      [p.accountNumber, ['PIN']],
      [p.pin, ["Thanks, Dana, you're verified"]],
    ]);
    await contact();
    const told = kit.said.filter((line) => line.startsWith('Good news: the credit of $26.00 you asked for was approved'));
    assert.equal(told.length, 1, kit.said.join('\n'));
    assert.ok((await kit.fixture.stores.adjustments.get(adj.id))?.customerToldAt);

    const next = await makeKit({ fixture: kit.fixture });
    await play(next, [
      ['hi', ["I'm the Brightwave assistant", '[My bill]']],
      ['tap:My bill', ['account number']],
      [p.accountNumber, ['PIN']],
      [p.pin, ["Thanks, Dana, you're verified"]],
    ]);
    assert.equal(next.said.filter((line) => line.startsWith('Good news')).length, 0, 'told once');
  });
});
