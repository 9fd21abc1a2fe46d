/** A customer types their card into the chat: what reaches the store (transcript pages, the escalation) holds none of it. */
import assert from 'node:assert/strict';
import { makeKit, play, type Kit } from '../../unit/chat/chat-test-kit';

describe('chat: card data typed by a customer', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });

  const SECRETS = ['4111', '1111', '12/27', '2027', ' 123', '987'];

  it('when a card number, its expiry and CVV are typed, then the transcript and the escalation hold them redacted whole', async () => {
    const dana = kit.fixture.people.find((x) => x.key === 'bundle');
    assert.ok(dana);
    await play(kit, [
      ['I want to dispute a charge', ['account number']],
      [dana.accountNumber, ['PIN']],
      [dana.pin, ['Thanks, Dana']],
      ['my card is 4111 1111 1111 1111 exp 12/27 cvv 123', []],
      ['or the other one 5500-0000-0000-0004, 01/2027, security code 987', []],
      ['agent', ['connecting you with an agent']],
    ]);

    const pages = await kit.fixture.stores.transcripts.find({});
    const stored = pages.flatMap((p) => p.entries).filter((e) => e.from === 'customer').map((e) => e.text);
    assert.ok(stored.includes('my card is [card redacted]'), `stored: ${JSON.stringify(stored)}`);
    assert.ok(stored.includes('or the other one [card redacted]'), `stored: ${JSON.stringify(stored)}`);

    const escalations = await kit.fixture.stores.escalations.find({});
    assert.equal(escalations.length, 1);
    const raw = JSON.stringify(escalations[0]);
    assert.ok(raw.includes('[card redacted]'), 'the escalation carries the transcript');
    for (const secret of SECRETS) assert.ok(!raw.includes(secret), `"${secret}" reached the escalation`);
    for (const secret of SECRETS) assert.ok(!JSON.stringify(pages).includes(secret), `"${secret}" reached the transcript`);
  });
});
