/**
 * A supervisor's decision on a request that waited is told on the customer's next contact, once,
 * whichever channel that is: on a call, right after the PIN and before the menu. Played as Twilio
 * plays it (signed webhooks); the told mark is checked in the store.
 */
import assert from 'node:assert/strict';
import type { Actor } from '../../../src/domain/shared/actor';
import type { BillAdjustment } from '../../../src/domain/billing/billing';
import { makeKit, play } from '../../unit/chat/chat-test-kit';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';

const SUPERVISOR: Actor = { kind: 'csr', channel: 'csr', verification: 'verified', csrId: 'stf-jordan', csrRole: 'supervisor' };
const APPROVED_EN = "Good news: a supervisor approved the credit of twenty-six dollars you asked for on your November 2026 bill. It's on its way to your account.";

describe('voice: decisions told on the next contact', () => {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  let notices = 0;
  /** Dana asks on the portal for a credit above the self-service limit; it waits for a supervisor. */
  async function pendingCredit(): Promise<BillAdjustment> {
    const { care } = app.fx;
    const p = app.person('bundle');
    const dana = await care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal', source: 'test' });
    const billId = (await care.billing.summary(dana)).latestBillId as string;
    const item = (await care.billing.adjustableItems(dana, billId)).find((i) => i.maxAdjustable.amountMinor > 2600 && i.reasons.some((r) => r.id === 'billing-error'));
    assert.ok(item, 'an item with room above the portal limit');
    const adj = await care.billing.requestAdjustment(dana, { billId, itemId: item.id, reasonCode: 'billing-error', amountMinor: 2600 }, { idempotencyKey: `voice-notice-${notices++}` });
    assert.equal(adj.status, 'pending-approval');
    return adj;
  }

  /** Dana calls in a language, enters her PIN: what she hears before the menu. */
  async function call(locale: 'en' | 'es'): Promise<CallScript> {
    const p = app.person('bundle');
    const script = await new CallScript(app.call(p.phone)).dial();
    await script.play(locale === 'en' ? '1' : '2', p.pin);
    return script;
  }

  it('when a supervisor approved a credit since the last contact, then the next call says it after verification, once, and the call after does not', async () => {
    const adj = await pendingCredit();
    await app.fx.care.billing.decideAdjustment(SUPERVISOR, adj.id, 'approve', 'double charge');

    const first = await call('en');
    const said = first.heard.says.map((s) => s.text);
    assert.deepEqual(said.slice(0, 2), ["Thank you Dana, you're verified.", APPROVED_EN], first.transcript.join('\n'));
    assert.equal(said.filter((s) => s === APPROVED_EN).length, 1);
    assert.ok((await app.fx.stores.adjustments.get(adj.id))?.customerToldAt, 'marked told in the store');
    await first.caller.hangUp({ durationSec: 30 });

    const second = await call('en');
    assert.match(second.text(), /^Thank you Dana, you're verified\. /);
    assert.doesNotMatch(second.text(), /Good news/);
  });

  it('when a supervisor rejected a credit, then a Spanish call says it was not approved, why, and how to reach a representative', async () => {
    const adj = await pendingCredit();
    await app.fx.care.billing.decideAdjustment(SUPERVISOR, adj.id, 'reject', 'the charge is correct');

    const script = await call('es');
    assert.equal(
      script.heard.says[1]?.text,
      'Un supervisor no aprobó su crédito de veintiséis dólares en la factura de noviembre de 2026. El motivo: the charge is correct. Para hablarlo con un representante, oprima 0 o diga agente.',
      script.transcript.join('\n'),
    );
    assert.ok((await app.fx.stores.adjustments.get(adj.id))?.customerToldAt);
    // "Any time" holds: the agent key right after the notice reaches a representative.
    await script.play('0');
    assert.ok(script.heard.enqueue, script.transcript.join('\n'));
  });

  it('when the decision was told on chat first, then the call does not tell it again', async () => {
    const adj = await pendingCredit();
    await app.fx.care.billing.decideAdjustment(SUPERVISOR, adj.id, 'approve', 'double charge');
    const p = app.person('bundle');
    const chat = await makeKit({ fixture: app.fx });
    await play(chat, [
      ['hi', ["I'm the Brightwave assistant", '[My bill]']],
      ['tap:My bill', ['account number']],
      [p.accountNumber, ['PIN']],
      [p.pin, ["Thanks, Dana, you're verified", 'Good news: the credit of $26.00 you asked for was approved']],
    ]);
    const toldAt = (await app.fx.stores.adjustments.get(adj.id))?.customerToldAt;
    assert.ok(toldAt, 'chat marked it told');

    const script = await call('en');
    assert.match(script.text(), /^Thank you Dana, you're verified\. /);
    assert.doesNotMatch(script.text(), /Good news/);
    assert.equal((await app.fx.stores.adjustments.get(adj.id))?.customerToldAt, toldAt, 'the call did not tell it again');
  });
});
