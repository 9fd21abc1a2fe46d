/** Free text read by the classifier and the step-answer reader: the sentences, end to end in a chat. */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { makeKit, play, type Kit, type Row } from './chat-test-kit';

const verify = (who: { accountNumber: string; pin: string }, firstName: string, es = false): Row[] => [
  [es ? { type: 'message', text: who.accountNumber, locale: 'es-US' } : who.accountNumber, ['PIN']],
  [es ? { type: 'message', text: who.pin, locale: 'es-US' } : who.pin, [es ? `Gracias, ${firstName}` : `Thanks, ${firstName}, you're verified`]],
];
const es = (text: string): Partial<Activity> => ({ type: 'message', text, locale: 'es-US' });

describe('chat: free text understood (classifier and step answers)', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });
  const p = (key: string) => kit.fixture.people.find((x) => x.key === key)!;

  it('when Dana writes "I was charged twice" and then "the latest one", then the dispute starts on her November bill', async () => {
    await play(kit, [['I was charged twice', ['account number']], ...verify(p('bundle'), 'Dana'), ['the latest one', ['Which charge']]]);
  });

  it('when Dana upgrades with "the fiber", "upgrade to fiber 1000" and "yes please", then the modify order is placed', async () => {
    await play(kit, [
      ['my internet is too slow, I want a faster plan', ['account number']],
      ...verify(p('bundle'), 'Dana'),
      ['the fiber', ['What would you like to change']],
      ['upgrade to fiber 1000', ['Your monthly price changes by']],
      ['yes please', [/change is (submitted|in effect)/]],
    ]);
    const orders = await kit.fixture.stores.orders.find({ type: 'modify' });
    assert.equal(orders.length, 1);
  });

  it('when someone writes "can I speak to a human please", then an escalation is queued', async () => {
    await play(kit, [['can I speak to a human please', ["I'm connecting you with an agent"]]]);
    const queued = await kit.fixture.care.escalations.queue({ status: 'queued' });
    assert.equal(queued.length, 1);
  });

  it('when Dana writes in Spanish "me cobraron dos veces" and "la más reciente", then the dispute starts on her November bill', async () => {
    await play(kit, [[es('me cobraron dos veces'), ['cuenta']], ...verify(p('bundle'), 'Dana', true), [es('la más reciente'), ['cargo']]]);
  });
});

describe('chat: the conversation greets in the language it was started in', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });

  it('when the first message is written in Spanish from an English browser, then the greeting and the next question are in Spanish', async () => {
    await play(kit, [[{ type: 'message', text: 'hola, me cobraron dos veces', locale: 'en-US' }, ['Hola', 'cuenta']]]);
    await play(kit, [[{ type: 'message', text: '1234', locale: 'en-US' }, ['cuenta']]]);
  });

  it('when the first message is written in English, then the greeting is in English', async () => {
    await play(kit, [[{ type: 'message', text: 'hi, I was charged twice', locale: 'en-US' }, ['Brightwave assistant', 'account number']]]);
  });
});
