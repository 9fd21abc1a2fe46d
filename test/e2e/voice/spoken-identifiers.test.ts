/**
 * Identifiers through the real voice webhook, in English and Spanish: a new customer's account
 * number and a repair ticket's reference, as the done prompts say them, are read digit by digit
 * and pass the prompt sweep's rules.
 */
import assert from 'node:assert/strict';
import { FLOWS, startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';
import { problemsIn } from './support/spoken-rules';
import { speakDigits } from '../../../src/shared/format/speech/speak-identifier';

const NEW_CALLER = '+13125550177';

describe('voice: identifiers said digit by digit, English and Spanish', function () {
  this.timeout(30_000);
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp({ flows: FLOWS });
  });
  afterEach(async () => {
    await app.close();
  });

  for (const [language, locale] of [['1', 'en'], ['2', 'es']] as const) {
    it(`when a new caller signs up in ${locale}, then their new account number is read in groups of digits, never as a quantity`, async () => {
      const script = await new CallScript(app.call(NEW_CALLER)).dial();
      await script.play(language, '*', { say: 'Sam' }, { say: 'Okafor' }, { say: 'sam dot okafor at example dot com' }, { say: '7 Elm Street' }, { say: 'Riverton' }, { say: 'Illinois' }, '62701', '1');
      await script.play(app.fx.backends.notifier.lastCodeFor(NEW_CALLER) as string, '3691');
      const customer = await app.fx.stores.customers.findOne({ phones: NEW_CALLER });
      assert.ok(customer, 'the sign-up created the customer');
      const said = speakDigits(customer.accountNumber);
      assert.match(said, /^\d \d \d \d, \d \d \d \d$/);
      script.expectHeard(new RegExp(locale === 'en' ? `Your account number is ${said}\\. Now let's choose` : `Su número de cuenta es ${said}\\. Ahora elijamos`));
      assert.ok(!script.text().includes(customer.accountNumber), 'the account number is not said as one number');
      assert.deepEqual(problemsIn(script.heard.says.map((s) => s.text)), []);
    });

    it(`when a repair ends with a ticket in ${locale}, then its reference is read by its last characters`, async () => {
      const who = app.person('technician');
      const script = await new CallScript(app.call(who.phone)).dial();
      await script.play(language, who.pin);
      if (/(main menu|menú principal), (press|oprima) 2/.test(script.text())) await script.play('2');
      await script.play(/a service that isn't working|un servicio que no funciona/, /Home Phone/);
      for (let turn = 0; turn < 5 && !/ticket|orden de reparación/.test(script.text()); turn += 1) await script.play('1');
      const customer = await app.fx.stores.customers.findOne({ accountNumber: who.accountNumber });
      assert.ok(customer);
      const ticket = (await app.fx.stores.tickets.find({ customerId: customer.id })).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      assert.ok(ticket, `a ticket was opened\n${script.transcript.join('\n')}`);
      const end = ticket.id.slice(-6).split('');
      const said = `${end.slice(0, 3).join(' ')}, ${end.slice(3).join(' ')}`;
      script.expectHeard(new RegExp(locale === 'en' ? `I've opened a repair ticket, reference ending in ${said}\\.` : `Abrí una orden de reparación, con el número de referencia terminado en ${said}\\.`));
      assert.ok(!script.text().includes(ticket.id), 'the reference is not read as written');
      assert.deepEqual(problemsIn(script.heard.says.map((s) => s.text)), []);
    });
  }
});
