import assert from 'node:assert/strict';
import type { Actor } from '../../../../src/domain/shared/actor';
import { isDomainError } from '../../../../src/domain/shared/errors';
import type { DemoPerson } from '../../../../src/demo/demo-people';
import { demoNetworkAt } from '../../../../src/demo/demo-network';
import { FIXTURE_NOW, makeCare, type CareFixture } from '../../../support/care-fixture';
import { demoIds, type DemoIds } from '../../../support/demo-ids';

const notAllowed = (reason: string) => (e: unknown) => isDomainError(e) && e.code === 'EXTENSION_NOT_ALLOWED' && e.details.reason === reason;

describe('payment extensions', () => {
  let f: CareFixture;
  let ids: DemoIds;
  const verified = async (key: DemoPerson['key']): Promise<Actor> => {
    const p = f.people.find((x) => x.key === key) as DemoPerson;
    return f.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat' });
  };

  beforeEach(async () => {
    f = await makeCare({ network: demoNetworkAt(new Date(FIXTURE_NOW)) });
    ids = await demoIds(f.stores);
  });
  afterEach(async () => f.close());

  it('when the latest bill is unpaid and the account in good standing, then dates are offered and the chosen one moves the due date', async () => {
    const dana = await verified('bundle');
    const options = await f.care.billing.extensionOptions(dana);
    assert.deepEqual(options, { billId: ids.billId('31000101', '2026-11'), currentDueDate: '2026-12-03', latestDate: '2026-12-17', dates: ['2026-12-06', '2026-12-10', '2026-12-13', '2026-12-17'] });

    const extension = await f.care.billing.requestExtension(dana, { billId: ids.billId('31000101', '2026-11'), toDate: '2026-12-10' }, { idempotencyKey: 'e1' });
    assert.equal(extension.status, 'applied');
    assert.equal(extension.fromDate, '2026-12-03');
    assert.match(extension.submission?.externalRef ?? '', /^BEXT-/);
    const bill = await f.stores.bills.get(ids.billId('31000101', '2026-11'));
    assert.equal(bill?.dueDate, '2026-12-10');
    assert.equal(bill?.originalDueDate, '2026-12-03');
    assert.equal((await f.care.billing.summary(dana)).dueDate, '2026-12-10');
  });

  it('when the request is repeated with its key, then the same extension comes back; a new request for the same bill is refused', async () => {
    const dana = await verified('bundle');
    const input = { billId: ids.billId('31000101', '2026-11'), toDate: '2026-12-06' };
    const first = await f.care.billing.requestExtension(dana, input, { idempotencyKey: 'e1' });
    const again = await f.care.billing.requestExtension(dana, input, { idempotencyKey: 'e1' });
    assert.equal(again.id, first.id);
    assert.equal(f.backends.billing.effects.filter((e) => e.kind === 'extension').length, 1);
    await assert.rejects(f.care.billing.requestExtension(dana, input, { idempotencyKey: 'e2' }), notAllowed('already-extended'));
    assert.equal(await f.care.billing.extensionOptions(dana), null);
  });

  it('when the date was not offered or the bill is not the latest unpaid one, then it is refused and nothing is stored', async () => {
    const dana = await verified('bundle');
    await assert.rejects(f.care.billing.requestExtension(dana, { billId: ids.billId('31000101', '2026-11'), toDate: '2026-12-31' }, { idempotencyKey: 'x' }), notAllowed('date-not-offered'));
    await assert.rejects(f.care.billing.requestExtension(dana, { billId: ids.billId('31000101', '2026-10'), toDate: '2026-12-06' }, { idempotencyKey: 'y' }), notAllowed('not-latest-unpaid'));
    assert.equal(await f.stores.extensions.count({}), 0);
  });

  it('when the account is more than 30 days past due, then no extension is offered and a request is refused', async () => {
    const marcus = await verified('suspended');
    assert.equal(await f.care.billing.extensionOptions(marcus), null);
    await assert.rejects(
      f.care.billing.requestExtension(marcus, { billId: ids.billId('31000102', '2026-11'), toDate: '2026-12-06' }, { idempotencyKey: 'm1' }),
      notAllowed('too-far-past-due'),
    );
  });

  it('when nothing is owed, then there is nothing to extend', async () => {
    const tom = await verified('reset');
    assert.equal(await f.care.billing.extensionOptions(tom), null);
    await assert.rejects(f.care.billing.requestExtension(tom, { billId: ids.billId('31000104', '2026-11'), toDate: '2026-12-06' }, { idempotencyKey: 't1' }), notAllowed('nothing-due'));
  });

  it('when the summary is read for an account with overdue bills, then it adds them to the latest balance and says overdue', async () => {
    const marcus = await verified('suspended');
    const summary = await f.care.billing.summary(marcus);
    assert.equal(summary.balance.amountMinor, 10020 + 10020 + 11715);
    assert.equal(summary.overdue, true);
    assert.equal(summary.latestBillId, ids.billId('31000102', '2026-11'));
    assert.equal(summary.lastPayment, null);
    assert.deepEqual((await f.care.billing.bills(marcus)).map((b) => b.period), ['2026-11', '2026-10', '2026-09']);
  });
});
