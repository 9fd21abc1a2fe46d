/** The next-best offer by chat, as tables of turns; the answer is checked in the store. */
import assert from 'node:assert/strict';
import { makeKit, play, type Kit, type Row } from './chat-test-kit';

describe('chat dialogs: the next-best offer after a task', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });
  const person = (key: string) => kit.fixture.people.find((x) => x.key === key)!;
  const billInquiry = (key: string, firstName: string): Row[] => [
    ['what is my bill', ['account number']],
    [person(key).accountNumber, ['PIN']],
    [person(key).pin, [`Thanks, ${firstName}, you're verified`, 'Your balance is']],
  ];
  /** Dana's interaction of this conversation (the newest; the demo's older ones came before). */
  const interaction = async () => {
    const dana = await kit.fixture.stores.customers.findOne({ accountNumber: person('bundle').accountNumber });
    const [i] = await kit.fixture.stores.interactions.find({ customerId: dana!.id, channel: 'chat', status: 'open' }, { sort: { startedAt: -1 }, limit: 1 });
    return i!;
  };

  it('when Dana finishes a bill inquiry, then one offer is shown before the menu, and declining it is stored', async () => {
    await play(kit, [...billInquiry('bundle', 'Dana')]);
    const offers = kit.said.filter((line) => line.includes('Before you go'));
    assert.deepEqual(offers, ["Before you go: add Brightwave Mobile Unlimited, activated instantly with an eSIM, from $55.00 a month. | [Yes, I'd like Brightwave Mobile Unlimited] [No thanks]"]);
    assert.match(kit.said.at(-1) ?? '', /anything else/);
    await play(kit, [['tap:No thanks', ['No problem.', 'anything else']]]);
    const i = await interaction();
    assert.equal(i.offer?.productId, 'mobile-unlimited');
    assert.equal(i.offer?.answer, 'declined');
  });

  it('when Dana taps yes, then the order procedure for the offered product continues and the order is placed, with no second offer', async () => {
    await play(kit, [
      ...billInquiry('bundle', 'Dana'),
      ['tap:Yes, I',  ["Great, let's set that up.", 'SIM']],
      ['tap:eSIM', ['add-on']],
      ['tap:No add-on', ['quote for Brightwave Mobile Unlimited']],
      ['yes', ['Brightwave Mobile Unlimited is active', 'anything else']],
    ]);
    assert.equal(kit.said.filter((line) => line.includes('Before you go')).length, 1, 'offered once');
    const i = await interaction();
    assert.equal(i.offer?.answer, 'accepted');
    const orders = await kit.fixture.stores.orders.find({ interactionId: i.id });
    assert.equal(orders.length, 1);
    assert.equal(orders[0]!.items[0]!.action === 'add' && orders[0]!.items[0]!.productId, 'mobile-unlimited');
  });

  it('when Dana types "yes" after the offer and the "anything else?" question, then nothing is bought and the offer is not answered', async () => {
    await play(kit, [...billInquiry('bundle', 'Dana'), ['yes', ['I can help with']]]);
    const i = await interaction();
    assert.equal(i.offer?.answer, 'no-answer');
    assert.equal(await kit.fixture.stores.orders.count({ interactionId: i.id }), 0);
  });

  it('when Dana moves on to something else, then the offer is recorded as not answered', async () => {
    await play(kit, [...billInquiry('bundle', 'Dana'), ['tap:My bill', ['Your balance is']]]);
    assert.equal((await interaction()).offer?.answer, 'no-answer');
  });

  it('when Marcus (suspended) finishes a bill inquiry, then no offer is shown', async () => {
    await play(kit, [...billInquiry('suspended', 'Marcus')]);
    assert.equal(kit.said.some((line) => line.includes('Before you go')), false);
    assert.match(kit.said.at(-1) ?? '', /anything else/);
  });
});
