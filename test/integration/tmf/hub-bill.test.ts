import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startTmf, specs, wholesale, type Tmf } from './tmf-harness';
import { startPartnerListener, type PartnerListenerServer, type Received } from './partner-listener';
import { demoIds, type DemoIds } from '../../support/demo-ids';
import { until } from './tmf-helpers';
import { SIGNATURE_HEADER } from '../../../src/domain/partners/listeners';
import { DEMO_PEOPLE } from '../../../src/demo/demo-people';

const CB = '/tmf-api/customerBillManagement/v5';

function signatureValid(r: Received, key: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers[SIGNATURE_HEADER.toLowerCase()] ?? ''));
  return !!m && createHmac('sha256', key).update(`${m[1]}.${r.body}`).digest('hex') === m[2];
}

describe('TMF678 hub: partners listening to customerBill hear when an adjustment credits their customer\'s bill', () => {
  let tmf: Tmf;
  let ids: DemoIds;
  let mine: PartnerListenerServer;
  before(async () => {
    tmf = await startTmf();
    ids = await demoIds(tmf.runtime.stores);
  });
  beforeEach(async () => {
    mine = await startPartnerListener();
  });
  afterEach(async () => {
    for (const l of await tmf.runtime.stores.listeners.find({})) await tmf.runtime.stores.listeners.delete(l.id);
    await mine.close();
  });
  after(() => tmf.close());

  it('when the billing partner listens and a self-service adjustment under the limit is applied to its customer\'s bill, then a signed CustomerBillStateChangeEvent valid against TMF678 arrives with the bill as GET customerBill/{id} shows it', async () => {
    const token = await tmf.token(wholesale.input.clientId);
    const reg = await tmf.call('post', `${CB}/hub`, token, { '@type': 'Hub', callback: mine.url });
    assert.equal(reg.status, 201, reg.text);
    const hub = reg.body as { id: string; signingKey: string };

    const dana = DEMO_PEOPLE.find((p) => p.accountNumber === '31000101')!;
    const billId = ids.billId('31000101', '2026-11');
    const before = await tmf.call('get', `${CB}/customerBill/${billId}`, token);
    assert.equal(before.status, 200, before.text);
    const actor = await tmf.runtime.care.verification.verifyPin({ accountNumber: dana.accountNumber, pin: dana.pin }, { channel: 'portal' });
    const adjustment = await tmf.runtime.care.billing.requestAdjustment(actor, { billId, itemId: ids.itemId('31000101', '2026-11', 12), reasonCode: 'usage-dispute', amountMinor: 500 }, { idempotencyKey: 'bill-hub-1' });
    await until(async () => (await tmf.runtime.stores.adjustments.get(adjustment.id))?.status === 'applied', 'the adjustment applied by the outbox');

    const heard = await mine.next((r) => r.json['@type'] === 'CustomerBillStateChangeEvent');
    assert.deepEqual(specs.validate('TMF678', 'CustomerBillStateChangeEvent', heard.json), []);
    assert.ok(signatureValid(heard, hub.signingKey), 'signed with the key given at registration');
    const sent = (heard.json.event as { customerBill: Record<string, unknown> }).customerBill;
    const now = await tmf.call('get', `${CB}/customerBill/${billId}`, token);
    assert.equal(now.status, 200);
    assert.deepEqual(sent, now.body, 'the event carries the bill as the partner reads it');
    assert.notDeepEqual(now.body, before.body, 'the credit changed the bill');
    assert.equal(await tmf.runtime.stores.notifications.count({ listenerId: hub.id }), 1);
  });

  it('when a partner without customerBill:read registers, then 403 and nothing is stored', async () => {
    const resellerToken = await tmf.token();
    const refused = await tmf.call('post', `${CB}/hub`, resellerToken, { '@type': 'Hub', callback: mine.url });
    assert.equal(refused.status, 403);
    assert.equal(refused.body['@type'], 'Error');
    assert.equal(await tmf.runtime.stores.listeners.count({}), 0);
  });
});
