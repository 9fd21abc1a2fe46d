/** A new service at another address by chat, as a table of turns; the order is checked in the store. */
import assert from 'node:assert/strict';
import { makeKit, play, type Kit } from './chat-test-kit';

describe('chat dialogs: a new service at another address', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });

  it('when Dana orders a home phone for her second home, then an address outside the network is refused and the order carries the address given', async () => {
    const dana = kit.fixture.people.find((x) => x.key === 'bundle')!;
    await play(kit, [
      ['I want a new service', ['account number']],
      [dana.accountNumber, ['PIN']],
      [dana.pin, ["you're verified", 'Which service']],
      ['tap:Home Phone', ['add-on']],
      ['tap:No add-on', ['Where should we install it', '[418 Cedar Avenue, Riverton, IL, 62701] [A different address]']],
      ['tap:A different address', ["What's the street address for the new service?"]],
      ['12 Lake Shore Drive', ['Which city?']],
      ['Lakeview', ['Which state?']],
      ['IL', ['And the ZIP code?']],
      ['90210', ["Sorry, I can't do that: we can't provide that service at this address yet.", 'And the ZIP code?']],
      ['62705', ['quote for Brightwave Home Phone', 'Service address: 12 Lake Shore Drive, Lakeview, IL, 62705']],
      ['yes', [/Home Phone (is active|is placed)/]],
    ]);
    const customer = await kit.fixture.stores.customers.findOne({ accountNumber: dana.accountNumber });
    const [order] = await kit.fixture.stores.orders.find({ customerId: customer!.id, channel: 'chat' }, { sort: { createdAt: -1 }, limit: 1 });
    const item = order!.items[0]!;
    assert.deepEqual(item.action === 'add' && item.serviceAddress, { line1: '12 Lake Shore Drive', city: 'Lakeview', region: 'IL', postalCode: '62705', country: 'US' });
  });
});
