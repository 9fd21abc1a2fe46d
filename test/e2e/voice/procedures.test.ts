/**
 * Every procedure by phone, in English and Spanish, played as Twilio plays it: signed
 * form-encoded webhooks following each <Gather action>, TwiML read as XML. Options are picked
 * by what the IVR says (so the lists come from the domain), then the call hangs up and the
 * interaction is checked.
 */
import assert from 'node:assert/strict';
import type { DemoPerson } from '../../../src/demo/demo-people';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript, type Turn } from './support/call-script';

type Locale = 'en' | 'es';
interface Journey {
  name: string;
  who: DemoPerson['key'];
  /** After verification: '2' declines the resume offer when one is made. */
  resumeOffer?: boolean;
  menu: Record<Locale, RegExp>;
  turns: Turn[];
  expect: Record<Locale, RegExp>;
  status: 'completed' | 'escalated';
  /** The refusal reason code the escalation must carry. */
  refusal?: string;
  /** A successful call ends with the next-best offer (declined here with 2). */
  offer?: true;
}

const JOURNEYS: Journey[] = [
  { name: 'bill inquiry', who: 'bundle', resumeOffer: true, menu: { en: /balance/, es: /saldo/ }, turns: [], expect: { en: /Your balance is one hundred ninety-six dollars and forty-five cents, due December 3rd\. Your last payment of .* dollars .* was received on October 30th\./, es: /Su saldo es de ciento noventa y seis dólares con cuarenta y cinco centavos, con vencimiento el 3 de diciembre\./ }, status: 'completed', offer: true },
  { name: 'bill adjustment', who: 'bundle', resumeOffer: true, menu: { en: /charge on your bill/, es: /cargo en su factura/ }, turns: [/November 2026|noviembre de 2026/, /International calling plan|Plan de llamadas internacionales/, /Billing error|error de facturación/, '', '1'], expect: { en: /credit of five dollars (has been applied|has been submitted)/, es: /crédito de cinco dólares/ }, status: 'completed', offer: true },
  { name: 'payment extension', who: 'bundle', resumeOffer: true, menu: { en: /more time to pay/, es: /más tiempo para pagar/ }, turns: [/December 6th|6 de diciembre/, '1'], expect: { en: /Your new due date is December 6th|submitted/, es: /nueva fecha de vencimiento es el 6 de diciembre|fue enviada/ }, status: 'completed', offer: true },
  { name: 'payment extension refused (escalates)', who: 'suspended', menu: { en: /more time to pay/, es: /más tiempo para pagar/ }, turns: [], refusal: 'extension-too-far-past-due', expect: { en: /I can't extend this bill\. Your account is 48 days past due, and an extension is only possible up to 30 days\. Paying the overdue balance brings the account back\. I'm transferring you/, es: /no puedo extender esta factura\. Su cuenta tiene 48 días de atraso, y una prórroga solo es posible hasta 30 días\. Pagar el saldo vencido regulariza la cuenta\. Le transfiero/ }, status: 'escalated' },
  { name: 'new service refused (suspended, escalates)', who: 'suspended', menu: { en: /a new service/, es: /un servicio nuevo/ }, turns: [], refusal: 'account-suspended', expect: { en: /I can't add or upgrade services right now, because your account is suspended for an unpaid balance of .+\. Once the overdue balance is paid, the suspension is lifted and you can order again\. I'm transferring you/, es: /No puedo agregar ni mejorar servicios ahora, porque su cuenta está suspendida por un saldo impago de .+\. Le transfiero/ }, status: 'escalated' },
  { name: 'new service', who: 'reset', menu: { en: /a new service/, es: /un servicio nuevo/ }, turns: [/Home Phone/, /No add-on|ningún complemento/, /Quarry Road/, '1'], expect: { en: /Home Phone (is active\. You can use it now|has been placed)/, es: /Home Phone (está activo\. Ya puede usarlo|fue enviado)/ }, status: 'completed', offer: true },
  { name: 'modify service', who: 'bundle', resumeOffer: true, menu: { en: /changing a service/, es: /cambiar un servicio/ }, turns: [/Fiber 500/, /Upgrade to Fiber 1000|Subir a Fiber 1000/, '1'], expect: { en: /Your change (is active now|has been submitted)/, es: /Su cambio (ya está activo|fue enviado)/ }, status: 'completed', offer: true },
  { name: 'discontinue service (retention declined)', who: 'outage', menu: { en: /cancelling a service/, es: /cancelar un servicio/ }, turns: [/Fiber 1000/, /switching|me cambio/, '*', '*', '2', /December 31st|31 de diciembre/, '1'], expect: { en: /Your cancellation has been submitted\. The service will end on December 31st/, es: /Su cancelación fue enviada\. El servicio terminará el 31 de diciembre/ }, status: 'completed' },
  { name: 'repair fixed automatically', who: 'reset', menu: { en: /isn't working/, es: /no funciona/ }, turns: [/Classic DSL/, /No internet|sin conexión/], expect: { en: /fixed it\..* You should be able to use your service now/, es: /lo arreglé\..* Ya debería poder usar su servicio/ }, status: 'completed', offer: true },
  { name: 'repair with a technician visit', who: 'technician', menu: { en: /isn't working/, es: /no funciona/ }, turns: [/Home Phone/, /No dial tone|sin tono/, '1'], expect: { en: /opened a repair ticket, reference ending in [A-Z0-9 ,]+\. A technician will come on November 23rd at 8:00 AM/, es: /Abrí una orden de reparación, con el número de referencia terminado en [A-Z0-9 ,]+\. Un técnico irá el 23 de noviembre a las 8:00/ }, status: 'completed' },
];

describe('voice: every procedure by phone', function () {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  for (const locale of ['en', 'es'] as const) {
    for (const j of JOURNEYS) {
      it(`when ${j.who} calls in ${locale} for ${j.name}, then the IVR finishes it and the interaction is ${j.status}`, async () => {
        const person = app.person(j.who);
        const script = await new CallScript(app.call(person.phone)).dial();
        await script.play(locale === 'en' ? '1' : '2', person.pin);
        if (j.resumeOffer) await script.play('2');
        await script.play(j.menu[locale], ...j.turns);
        script.expectHeard(j.expect[locale]);
        const state = await app.store.get(script.caller.callSid);
        const interactionId = state?.value.interactionId as string;

        if (j.status === 'completed') {
          await script.play('2');
          if (j.offer) {
            script.expectHeard(locale === 'en' ? /^Before you go: .* press 1\. If not, press 2\.$/ : /^Antes de despedirnos: .* oprima 1\. Si no, oprima 2\.$/);
            await script.play('2');
          }
          assert.equal(script.heard.hangup, true);
        } else assert.ok(script.heard.enqueue, 'the caller is queued for a CSR');
        const ended = await script.caller.hangUp({ durationSec: 95 });

        assert.equal(ended.status, 204);
        const interaction = await app.fx.care.interactions.get(interactionId);
        assert.equal(interaction.status, j.status);
        const lasted = interaction.durationSec ?? interaction.steps.find((st) => st.name === 'voice.call-ended')?.detail?.durationSec;
        assert.equal(lasted, 95);
        assert.equal(interaction.customerId !== undefined, true);
        if (j.refusal) {
          // The representative is told the refusal, not only that the caller was transferred.
          // (The caller hung up above, so it has left the queue: read it from the store.)
          const mine = await app.fx.stores.escalations.findOne({ interactionId });
          assert.match(mine?.reason ?? '', new RegExp(`^refused \\(${j.refusal}\\): `));
          assert.equal(mine?.context.refusal?.reasonCode, j.refusal);
        }
      });
    }
  }
});
