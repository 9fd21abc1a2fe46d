/**
 * A domain Step as a form, in English and Spanish: what each kind shows, how facts and options
 * are worded and formatted, and that the wording catalogs stop start-up when they disagree.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProcedureWording } from '../../../src/channels/portal/procedures/procedure-wording';
import { doneView, stepFormView } from '../../../src/channels/portal/procedures/step-form';
import { withAddonPrices } from '../../../src/channels/portal/procedures/addon-prices';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';
import type { Step } from '../../../src/domain/procedures/procedure';
import { refusalFacts } from '../../../src/domain/shared/refusal';

const ROOT = path.resolve(__dirname, '../../..');
const wording = loadProcedureWording({ timeZone: () => 'America/Chicago' });
const en = wording.words('en');
const es = wording.words('es');
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('portal procedures: a step as a form', () => {
  it('when a choice has amounts that mean a change in price, then each option says the signed monthly change, not the domain’s English detail', () => {
    const step: Step = {
      kind: 'choose', procedure: 'modify-service', field: 'modification', prompt: 'modify-service.modification', optional: false, facts: {},
      options: [
        { id: 'up', label: 'Upgrade to Fiber 1000', detail: '+$20.00 a month', amount: usd(2000) },
        { id: 'down', label: 'Change to Fiber 300', detail: '-$15.00 a month', amount: usd(-1500) },
      ],
    };
    const form = stepFormView(step, en);
    assert.equal(form.prompt, 'What would you like to change?');
    assert.deepEqual(form.options.map((o) => [o.label, o.amount, o.detail]), [
      ['Upgrade to Fiber 1000', '+$20.00 a month', undefined],
      ['Change to Fiber 300', '-$15.00 a month', undefined],
    ]);
    assert.deepEqual(stepFormView(step, es).options.map((o) => o.amount), ['+$20.00 al mes', '-$15.00 al mes']);
  });

  it('when an option does not change the price, then it says so in words where the wording has them, else shows no amount, never "$0.00 a month"', () => {
    const config: Step = {
      kind: 'choose', procedure: 'new-service', field: 'config.installation', prompt: 'new-service.config', optional: false, facts: { option: 'Installation' },
      options: [{ id: 'technician', label: 'Technician installation', amount: usd(0) }, { id: 'rent', label: 'Rent a router', amount: usd(1000) }],
    };
    const form = stepFormView(config, en);
    assert.equal(form.prompt, 'Installation: which would you like?');
    assert.deepEqual(form.options.map((o) => o.amount), ['no extra monthly cost', '+$10.00 a month']);
    assert.deepEqual(stepFormView(config, es).options.map((o) => o.amount), ['sin coste mensual adicional', '+$10.00 al mes']);
    const change: Step = {
      kind: 'choose', procedure: 'modify-service', field: 'modification', prompt: 'modify-service.modification', optional: false, facts: {},
      options: [{ id: 'self', label: 'Installation: Self-install kit', detail: 'no change to your monthly price', amount: usd(0) }],
    };
    assert.deepEqual(stepFormView(change, en).options.map((o) => [o.amount, o.detail]), [[undefined, 'no change to your monthly price']]);
  });

  it('when the add-on step is shown, then each add-on says its monthly price from the catalog as the product step does, its description kept, "No add-on" unpriced', () => {
    const catalog = loadCatalogFile(path.join(ROOT, 'catalog', 'catalog.json'));
    const step: Step = {
      kind: 'choose', procedure: 'new-service', field: 'addon', prompt: 'new-service.addon', optional: true, facts: {},
      options: [
        { id: 'static-ip', label: 'Static IP Address', detail: 'A fixed public IPv4 address for servers and remote access.' },
        { id: 'mesh-wifi', label: 'Mesh Wi-Fi Extender' },
        { id: 'none', label: 'No add-on' },
      ],
    };
    const priced = withAddonPrices(step, catalog);
    assert.deepEqual(stepFormView(priced, en).options.map((o) => [o.label, o.amount, o.detail]), [
      ['Static IP Address', '+$10.00 a month', 'A fixed public IPv4 address for servers and remote access.'],
      ['Mesh Wi-Fi Extender', '+$8.00 a month', undefined],
      ['No add-on', undefined, undefined],
    ]);
    assert.deepEqual(stepFormView(priced, es).options.map((o) => o.amount), ['+$10.00 al mes', '+$8.00 al mes', undefined]);
    const free = withAddonPrices({ ...step, options: [{ id: 'static-ip', label: 'Static IP Address', amount: usd(0) }] }, catalog);
    assert.deepEqual(stepFormView(free, en).options.map((o) => o.amount), ['no extra monthly cost'], 'a price the domain gives is kept, a zero said in words');
    const other: Step = { ...step, procedure: 'modify-service', field: 'modification', prompt: 'modify-service.modification' };
    assert.equal(withAddonPrices(other, catalog), other, 'other steps are left as they are');
  });

  it('when technician slots are offered, then each is one range in the operator’s time zone', () => {
    const step: Step = {
      kind: 'choose', procedure: 'repair', field: 'slot', prompt: 'repair.slot', optional: false, facts: { ticketId: 'tkt_1' },
      options: [{ id: 's1', label: '2026-11-23T14:00:00.000Z', detail: '2026-11-23T18:00:00.000Z' }],
    };
    assert.match(stepFormView(step, en).options[0]?.label ?? '', /^Monday, November 23, 8:00\s?AM\s?–\s?12:00\s?PM CST$/);
    assert.match(stepFormView(step, es).options[0]?.label ?? '', /^lunes, 23 de noviembre/);
  });

  it('when bills and catalog reasons are offered, then periods read as months and known reasons are translated', () => {
    const bills: Step = { kind: 'choose', procedure: 'bill-adjustment', field: 'bill', prompt: 'bill-adjustment.bill', optional: false, facts: {}, options: [{ id: 'b1', label: '2026-11', detail: 'due 2026-12-03', amount: usd(19645) }] };
    assert.deepEqual(stepFormView(bills, en).options[0], { id: 'b1', inputId: 'opt-bill-0', label: 'Bill for November 2026', detail: 'due Thursday, December 3, 2026', amount: 'total $196.45' });
    const reasons: Step = { kind: 'choose', procedure: 'discontinue-service', field: 'reason', prompt: 'discontinue-service.reason', optional: false, facts: {}, options: [{ id: 'moving', label: 'I am moving' }, { id: 'brand-new', label: 'A reason the wording does not know' }] };
    assert.deepEqual(stepFormView(reasons, es).options.map((o) => o.label), ['Me mudo', 'A reason the wording does not know']);
  });

  it('when an amount is asked, then it is a decimal text field with the limit in the hint and a worded skip', () => {
    const step: Step = { kind: 'input', procedure: 'bill-adjustment', field: 'amount', prompt: 'bill-adjustment.amount', input: 'amount', optional: true, facts: { maxAdjustable: usd(896) } };
    const form = stepFormView(step, en);
    assert.deepEqual(form.input, { type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: 12 });
    assert.equal(form.hint, 'Up to $8.96. Write it like 12.50, or choose “Full amount” to ask for all of it.');
    assert.equal(form.skip, 'Full amount');
    assert.equal(form.optional, true);
  });

  it('when a quote is confirmed, then its labelled facts are listed (zero fees and unlabelled facts left out) with the prompt’s own yes and no', () => {
    const step: Step = {
      kind: 'confirm', procedure: 'discontinue-service', field: 'confirm', prompt: 'discontinue-service.confirm',
      facts: { endDate: '2026-12-15', finalCharge: usd(3110), earlyTerminationFee: usd(0), oneTimeTotal: usd(3110), notes: ['Return the router within 30 days.'], internalCode: 'x' },
    };
    const form = stepFormView(step, en);
    assert.deepEqual(form.facts.map((f) => [f.label, f.value]), [
      ['Ends on', 'Tuesday, December 15, 2026'],
      ['Final charge', '$31.10'],
      ['One-time charges', '$31.10'],
      ['Notes', 'Return the router within 30 days.'],
    ]);
    assert.equal(form.factsTitle, 'Your quote');
    assert.deepEqual([form.yes, form.no], ['Yes, cancel it', 'No, keep it']);
  });

  it('when a procedure ends in a refusal, then the reason is worded by its code with what the customer can do, and no internal facts show', () => {
    const step: Step = {
      kind: 'done', procedure: 'payment-extension', outcome: 'escalate', prompt: 'refusal.extension-too-far-past-due', refs: {},
      facts: refusalFacts({ reasonCode: 'extension-too-far-past-due', reason: 'too far past due', nextSteps: ['pay-balance', 'agent'], facts: { daysPastDue: 48, maxDaysPastDue: 30 } }),
    };
    const view = doneView(step, en);
    assert.equal(view.text, 'This bill can’t be extended: the account is 48 days past due, and an extension is only possible up to 30 days.');
    assert.deepEqual(view.facts, []);
    assert.equal(view.refusal?.nextSteps.length, 2);
    const unknown = doneView({ ...step, prompt: 'refusal.brand-new-code', facts: refusalFacts({ reasonCode: 'brand-new-code', reason: 'the rules said no', nextSteps: [], facts: {} }) }, es);
    assert.equal(unknown.text, 'No podemos hacerlo en línea: the rules said no.');
  });

  it('when a repair visit is booked, then the result gives the ticket number and the visit as one range', () => {
    const step: Step = { kind: 'done', procedure: 'repair', outcome: 'ticket', prompt: 'repair.done.ticket', refs: { ticketId: 'tkt_9' }, facts: { ticketId: 'tkt_9', start: '2026-11-24T19:00:00.000Z', end: '2026-11-24T23:00:00.000Z' } };
    const view = doneView(step, en);
    assert.deepEqual(view.refs, [{ name: 'ticketId', label: 'Ticket number', value: 'tkt_9' }]);
    assert.equal(view.facts[0]?.label, 'Technician visit');
    assert.match(view.facts[0]?.value ?? '', /^Tuesday, November 24, 1:00\s?–\s?5:00\s?PM CST$/);
  });

  it('when the Spanish catalog lacks a key the English one has, or a message does not compile, then loading stops with the file and key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wording-'));
    const write = (locale: string, messages: Record<string, unknown>) => fs.writeFileSync(path.join(dir, `${locale}.yaml`), JSON.stringify({ locale, messages }));
    write('en', { a: { portal: 'A' }, b: { text: 'B' } });
    write('es', { a: { portal: 'A' } });
    assert.throws(() => loadProcedureWording({ wordingDir: dir, timeZone: () => 'UTC' }), /es\.yaml: "b": no portal wording \(English has one\)/);
    write('es', { a: { portal: 'A' }, b: { text: '{broken' } });
    assert.throws(() => loadProcedureWording({ wordingDir: dir, timeZone: () => 'UTC' }), /es\.yaml: "b" \(text\): /);
    fs.rmSync(dir, { recursive: true });
  });
});
