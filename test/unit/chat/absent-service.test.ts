/** A repair message naming a product family: no such service is said plainly; one is chosen for the customer; several are narrowed. */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { makeKit, play, type Kit, type Row } from './chat-test-kit';

describe('chat dialogs: a fault on a service the customer has or does not have', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });
  const p = (key: string) => kit.fixture.people.find((x) => x.key === key)!;
  const es = (text: string): Partial<Activity> => ({ type: 'message', text, locale: 'es-US' });
  const verify = (key: string, first: string, spanish = false): Row[] => [
    [spanish ? es(p(key).accountNumber) : p(key).accountNumber, ['PIN']],
    [spanish ? es(p(key).pin) : p(key).pin, [spanish ? `Gracias, ${first}` : `Thanks, ${first}`]],
  ];
  const customer = async (key: string) => (await kit.fixture.stores.customers.findOne({ accountNumber: p(key).accountNumber }))!;
  const repairOf = async (key: string) => {
    const [i] = await kit.fixture.stores.interactions.find({ customerId: (await customer(key)).id, channel: 'chat', status: 'open' }, { sort: { startedAt: -1 }, limit: 1 });
    assert.ok(i, 'an open chat interaction');
    return i;
  };

  it('when Tom (DSL and home phone, no TV) says his TV is not working, then he hears he has no TV, with his services, and chooses among them', async () => {
    await play(kit, [
      ["my TV isn't working", ['account number']],
      ...verify('reset', 'Tom'),
    ]);
    const said = kit.said.slice(-3).join('\n');
    assert.match(said, /I don't see a TV service on your account\. You have: Classic DSL 10[^\n]*Home Phone/);
    assert.match(said, /Which service is giving you trouble\?.*\[Classic DSL 10\] \[Brightwave Home Phone/);
    await play(kit, [['tap:Classic DSL', ["What's happening"]], ['tap:No internet', ['You should be able to use your service now']]]);
    const i = await repairOf('reset');
    assert.equal(i.procedure?.name, 'repair');
    assert.ok(i.steps.some((x) => x.name === 'refused' && x.detail?.reasonCode === 'service-not-on-account'), 'the refusal is on the record');
  });

  it('when Tom, already verified, names a family he lacks in another message, then he is told too (the hint needs no verification dialog)', async () => {
    await play(kit, [['my bill', ['account number']], ...verify('reset', 'Tom'), ['my alarm is broken', ["I don't see a home security service on your account", 'Which service is giving you trouble']]]);
  });

  it('when Tom says his internet is not working, then the question about the service is skipped and his only internet service is chosen', async () => {
    await play(kit, [['my internet is not working', ['account number']], ...verify('reset', 'Tom')]);
    assert.match(kit.said.at(-1)!, /What's happening\?/);
    assert.ok(!kit.said.some((x) => x.includes('Which service is giving you trouble')), 'no service question');
    const i = await repairOf('reset');
    const dsl = (await customer('reset')).services.find((s) => s.productId === 'dsl-legacy-10')!;
    assert.equal(i.procedure?.answers.service, dsl.id);
    assert.deepEqual(i.procedure?.completed, ['service']);
  });

  it('when a customer with two TV services says the TV is broken, then only the two TV services are offered', async () => {
    const priya = await customer('outage');
    const tv = priya.services.find((s) => s.productId === 'tv-basic')!;
    await kit.fixture.stores.customers.replace({ ...priya, services: [...priya.services, { ...tv, id: `${tv.id}-2`, lineId: `${tv.lineId}-2` }] });
    await play(kit, [['my tv is broken', ['account number']], ...verify('outage', 'Priya')]);
    const last = kit.said.at(-1)!;
    assert.match(last, /Which service is giving you trouble\?/);
    assert.equal((last.match(/\[Brightwave TV Basic/g) ?? []).length, 2, last);
    assert.ok(!last.includes('Fiber'), last);
    await play(kit, [['2', ["What's happening"]]]);
    assert.equal((await repairOf('outage')).procedure?.answers.service, `${tv.id}-2`);
  });

  it('when Tom says in Spanish his TV does not work, then he is told in Spanish he has no TV and which services he has', async () => {
    await play(kit, [[es('mi tele no funciona'), ['número de cuenta']], ...verify('reset', 'Tom', true)]);
    const said = kit.said.slice(-3).join('\n');
    assert.match(said, /No veo un servicio de televisión en su cuenta\. Usted tiene: Classic DSL 10[^\n]*Home Phone/);
    assert.match(said, /¿Qué servicio tiene problemas\?/);
  });

  it('when Tom says in Spanish he has no internet, then his DSL is chosen and the symptom is asked', async () => {
    await play(kit, [[es('no tengo internet'), ['número de cuenta']], ...verify('reset', 'Tom', true)]);
    assert.match(kit.said.at(-1)!, /¿Qué está pasando\?/);
    const dsl = (await customer('reset')).services.find((s) => s.productId === 'dsl-legacy-10')!;
    assert.equal((await repairOf('reset')).procedure?.answers.service, dsl.id);
  });

  it('when the repair is started from the menu button, then no earlier family is applied', async () => {
    await play(kit, [["my TV isn't working", ['account number']], ['cancel', []], ['tap:Report a problem', ['account number']], ...verify('reset', 'Tom')]);
    assert.ok(!kit.said.some((x) => x.includes("I don't see a TV service")));
    assert.match(kit.said.at(-1)!, /Which service is giving you trouble\?/);
  });
});
