/** Every guided procedure by chat, as tables of turns (customer does / bot says). */
import assert from 'node:assert/strict';
import { makeKit, play, type Kit, type Row } from './chat-test-kit';

const verify = (who: { accountNumber: string; pin: string }, firstName: string): Row[] => [
  [who.accountNumber, ['PIN', '[Send me a code]']],
  [who.pin, [`Thanks, ${firstName}, you're verified`]],
];

describe('chat dialogs: the guided procedures', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });
  const p = (key: string) => kit.fixture.people.find((x) => x.key === key)!;

  it('when Dana asks about her bill, then she is verified and sees a bill card', async () => {
    await play(kit, [
      ['hi', ["I'm the Brightwave assistant", '[My bill]']],
      ['tap:My bill', ['make sure it', 'account number']],
      ...verify(p('bundle'), 'Dana'),
    ]);
    assert.match(kit.said.find((line) => line.startsWith('Your balance is')) ?? '', /Your balance is \$196\.45.*<Your bill>.*Balance: \$196\.45/);
  });

  it('when Dana disputes the international calls charge, then it is credited at once', async () => {
    await play(kit, [
      ['I was overcharged on my bill', ['account number']],
      ...verify(p('bundle'), 'Dana'),
      ['tap:November 2026', ['Which charge']],
      ['tap:More options', ['[International calls']],
      ['tap:International calls', ['reason', '[Billing error]']],
      ['tap:Billing error', ['Up to $8.96', '[Skip]']],
      ['tap:Skip', ['I\'ll credit $8.96', '<Please confirm>', 'Needs approval: No', '[Yes] [No]']],
      ['yes', ['Done: $8.96 has been credited', 'anything else']],
    ]);
  });

  it('when Dana asks for more time to pay, then a new due date is set', async () => {
    await play(kit, [
      ['can I have more time to pay', ['account number']],
      ...verify(p('bundle'), 'Dana'),
    ]);
    await play(kit, [
      ['1', [/from December 3, 2026 to December \d+, 2026/, '[Yes] [No]']],
      ['tap:Yes', [/new due date is December \d+, 2026|extension to December/]],
    ]);
  });

  it('when Marcus (suspended, too far past due) asks for an extension, then he is told why not and offered an agent', async () => {
    await play(kit, [
      ['I need to pay later', ['account number']],
      ...verify(p('suspended'), 'Marcus'),
    ]);
    assert.match(kit.said.join('\n'), /this bill can't be extended: the account is \d+ days past due, and an extension is only possible up to 30 days\. Paying the overdue balance/);
    assert.match(kit.said.join('\n'), /type \*\*agent\*\*/);
  });

  it('when Marcus (suspended) asks for a new line and then for an agent, then he is told why and how to fix it, and the escalation carries that reason', async () => {
    await play(kit, [
      ['I want a new service', ['account number']],
      ...verify(p('suspended'), 'Marcus'),
    ]);
    assert.match(kit.said.join('\n'), /I can't add or upgrade services right now: your account is suspended for an unpaid balance of \$[\d,.]+\. Once the overdue balance is paid/);
    assert.equal(await kit.fixture.stores.orders.count({}), 0);
    await play(kit, [['agent', ['connecting you with an agent']]]);
    const [escalation] = await kit.fixture.stores.escalations.find({});
    assert.match(escalation?.reason ?? '', /^refused \(account-suspended\): the account is suspended for an unpaid balance/);
    assert.equal(escalation?.context.refusal?.reasonCode, 'account-suspended');
  });

  it('when Dana orders a home phone, then she sees a quote card and the order is placed', async () => {
    await play(kit, [
      ['I want a new service', ['account number']],
      ...verify(p('bundle'), 'Dana'),
      ['tap:Home Phone', ['add-on', '[No add-on]']],
      ['tap:No add-on', ['Where should we install it']],
      ['1', ['quote for Brightwave Home Phone', '<Your quote>', 'Monthly price']],
      ['yes', [/order (for Brightwave Home Phone is placed|.*active)/]],
    ]);
  });

  it('when Dana upgrades her fiber, then the price change is confirmed and the change submitted', async () => {
    await play(kit, [
      ['I want to upgrade my internet', ['account number']],
      ...verify(p('bundle'), 'Dana'),
      ['tap:Fiber 500', ['What would you like to change', 'Upgrade to Fiber 1000']],
      ['tap:Upgrade to Fiber 1000', ['Your monthly price changes by', '<Your quote>', '[Yes] [No]']],
      ['yes', [/change is (submitted|in effect)/]],
    ]);
  });

  it('when Priya cancels her fiber, then marketing questions can be skipped and the cancellation is submitted', async () => {
    await play(kit, [
      ['I want to cancel my internet', ['account number']],
      ...verify(p('outage'), 'Priya'),
      ['tap:Fiber 1000', ['May I ask why', '[I am moving]']],
      ['tap:I am moving', ['[Skip]']],
      ['skip', ['[Skip]']],
      ['skip', ['When should the service end? Today, or a later day up to December 31, 2026', '[November 20, 2026]', '[December 31, 2026]']],
      ['tap:December 31, 2026', ['what cancelling means', 'Ends on: December 31, 2026', 'Early termination fee: $200.00']],
      ['yes', ['Your cancellation is submitted (order']],
    ]);
    const [order] = await kit.fixture.stores.orders.find({ type: 'disconnect' });
    assert.equal(order?.requestedDate, '2026-12-31');
  });

  it('when Tom reports no internet, then his only internet service is taken (no service question) and the remote reset fixes it', async () => {
    await play(kit, [
      ['my internet is not working', ['account number']],
      ...verify(p('reset'), 'Tom'),
      ['tap:No internet', ['You should be able to use your service now']],
    ]);
  });

  it('when Priya reports no internet during an outage, then she is told the ETA and offered a credit', async () => {
    await play(kit, [
      ['report a problem', ['account number']],
      ...verify(p('outage'), 'Priya'),
      ['tap:Fiber 1000', []],
      ['tap:No internet', ['outage in your area', 'credit of $3.34']],
      ['no', ['service should be back by']],
    ]);
  });

  it('when Grace has no dial tone, then her home phone is taken, a technician slot is booked and the ticket given', async () => {
    await play(kit, [
      ['my phone has no dial tone', ['account number']],
      ...verify(p('technician'), 'Grace'),
      ['tap:No dial tone', ['technician needs to visit', /\[Mon, Nov 23, 8:00 AM CST — Mon, Nov 23, /]],
      ['1', [/Your repair ticket is tkt_\w+; the technician will come between Mon, Nov 23/]],
    ]);
  });
});
