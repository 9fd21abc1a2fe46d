/**
 * Every guided procedure as portal forms, to its end, over the real domain: the effect is checked
 * in the store (order, adjustment, extension, ticket with its appointment), not only in the page.
 */
import assert from 'node:assert/strict';
import { customer, formOf, pageText, startProcedures, type Form, type Harness } from './procedures-harness';

type Browser = ReturnType<typeof customer>;

describe('portal procedure forms: each procedure to its end', function () {
  this.timeout(20_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startProcedures();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Answers the form on the page and returns the next page (after the redirect). */
  async function answer(c: Browser, name: string, form: Form, value: string | { skip: '1' }) {
    const res = await c.submit(name, form, typeof value === 'string' ? { value } : value);
    assert.equal(res.status, 303, `answering ${form.field}: ${res.status} ${pageText(res.text).slice(0, 300)}`);
    return c.follow(res);
  }
  const optionLike = (form: Form, label: RegExp): string => {
    const o = form.options.find((x) => label.test(x.label));
    assert.ok(o, `no option like ${label} for ${form.field}: ${form.options.map((x) => x.label).join(' | ')}`);
    return o.value;
  };

  it('when Dana disputes the international-calls usage for $5.00, then the quote is shown before confirming and one adjustment of $5.00 is stored', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    let page = await c.open('bill-adjustment');
    let form = formOf(page.text);
    assert.equal(form.field, 'bill');
    assert.match(page.text, /<legend>Which bill is the charge on\?<\/legend>/);
    const latest = h.ids.billId('31000101', '2026-11');
    page = await answer(c, 'bill-adjustment', form, latest);
    form = formOf(page.text);
    assert.equal(form.field, 'item');
    page = await answer(c, 'bill-adjustment', form, optionLike(form, /International calls/));
    form = formOf(page.text);
    assert.equal(form.field, 'reason');
    page = await answer(c, 'bill-adjustment', form, 'usage-dispute');
    form = formOf(page.text);
    assert.equal(form.field, 'amount');
    assert.match(page.text, /<label for="answer">How much should be credited\?<\/label>/);
    page = await answer(c, 'bill-adjustment', form, '5.00');
    form = formOf(page.text);
    assert.equal(form.kind, 'confirm');
    assert.match(pageText(page.text), /Your credit request Charge .*International.* Amount \$5\.00 Reason Usage charge I do not recognise/);
    assert.equal(await h.fx.stores.adjustments.count({ customerId: danaId }), 0, 'nothing is requested before the confirmation');
    page = await answer(c, 'bill-adjustment', form, 'yes');

    const stored = await h.fx.stores.adjustments.find({ customerId: danaId });
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.amount.amountMinor, 500);
    assert.equal(stored[0]?.reasonCode, 'usage-dispute');
    assert.equal(stored[0]?.requestedBy.channel, 'portal');
    assert.match(pageText(page.text), new RegExp(`Credit request ${stored[0]?.id}`));
  });

  it('when Dana types an amount that is not one, then the error is shown next to the field, what she typed is kept, and nothing is requested', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    let page = await c.open('bill-adjustment');
    page = await answer(c, 'bill-adjustment', formOf(page.text), h.ids.billId('31000101', '2026-11'));
    let form = formOf(page.text);
    page = await answer(c, 'bill-adjustment', form, optionLike(form, /International calls/));
    page = await answer(c, 'bill-adjustment', formOf(page.text), 'usage-dispute');
    form = formOf(page.text);
    const res = await c.submit('bill-adjustment', form, { value: 'ten dollars' });
    assert.equal(res.status, 422);
    assert.match(res.text, /<p class="field-error" id="answer-error">.*Enter an amount like 12\.50, more than zero and no more than the most that can be credited\.<\/p>/);
    assert.match(res.text, /id="answer" name="value" type="text" inputmode="decimal"[^>]*value="ten dollars" aria-describedby="answer-hint answer-error" aria-invalid="true"/);
    assert.equal(formOf(res.text).field, 'amount');
    // What the customer typed comes back escaped, never as markup.
    const again = await c.submit('bill-adjustment', formOf(res.text), { value: '"><script>alert(1)</script>' });
    assert.equal(again.status, 422);
    assert.doesNotMatch(again.text, /<script>/);
    assert.match(again.text, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.equal(await h.fx.stores.adjustments.count({ customerId: danaId }), 0);
  });

  it('when Dana follows "dispute this charge" from her bill (bill and item in the link), then the form starts at the reason; an item not offered is asked for instead', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    const bill = h.ids.billId('31000101', '2026-11');
    const items = await h.fx.care.billing.adjustableItems({ kind: 'customer', channel: 'portal', verification: 'verified', customerId: danaId }, bill);
    const usage = items.find((i) => i.type === 'usage');
    assert.ok(usage);
    let page = await c.open(`bill-adjustment?bill=${bill}&item=${usage.id}`);
    assert.equal(formOf(page.text).field, 'reason');
    assert.match(pageText(page.text), /2 answers so far/);
    page = await c.open(`bill-adjustment?bill=${bill}&item=not-an-item`);
    assert.equal(formOf(page.text).field, 'bill', 'a refused preset starts the procedure from its first question');
    assert.equal(await h.fx.stores.adjustments.count({ customerId: danaId }), 0);
  });

  it('when Dana asks for more time to pay, then the offered dates are radios and the extension to the chosen one is stored', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    let page = await c.open('payment-extension');
    let form = formOf(page.text);
    assert.equal(form.field, 'date');
    const chosen = form.options[1]?.value as string;
    assert.match(chosen, /^\d{4}-\d{2}-\d{2}$/);
    page = await answer(c, 'payment-extension', form, chosen);
    form = formOf(page.text);
    assert.equal(form.field, 'confirm');
    page = await answer(c, 'payment-extension', form, 'yes');
    const [ext] = await h.fx.stores.extensions.find({ customerId: danaId });
    assert.equal(ext?.toDate, chosen);
    assert.match(pageText(page.text), /Done Your new due date is/);
  });

  it('when Marcus (48 days past due) asks for more time, then the refusal is explained with what he can do, and nothing is stored', async () => {
    const marcusId = h.ids.customerId('31000102');
    const page = await customer(h, marcusId).open('payment-extension');
    assert.equal(page.status, 200);
    const text = pageText(page.text);
    assert.match(text, /We can’t do this online This bill can’t be extended: the account is 48 days past due, and an extension is only possible up to 30 days\./);
    assert.match(text, /What you can do Pay the overdue balance/);
    assert.equal(await h.fx.stores.extensions.count({ customerId: marcusId }), 0);
  });

  it('when Dana orders Home Phone (add-on, billing address), then the quote comes before the order and one new order is stored', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    const before = await h.fx.stores.orders.count({ customerId: danaId });
    let page = await c.open('new-service');
    let form = formOf(page.text);
    assert.equal(form.field, 'product');
    page = await answer(c, 'new-service', form, 'home-phone');
    form = formOf(page.text);
    assert.equal(form.field, 'addon');
    // Each add-on's monthly price before the quote, as the product step shows its price.
    assert.deepEqual(form.options.map((o) => o.label), ['International Calling +$5.00 a month 100 international minutes a month to 60 countries, then per-minute rates.', 'No add-on']);
    page = await answer(c, 'new-service', form, { skip: '1' });
    form = formOf(page.text);
    assert.equal(form.field, 'address');
    page = await answer(c, 'new-service', form, 'billing');
    form = formOf(page.text);
    assert.equal(form.kind, 'confirm');
    assert.match(pageText(page.text), /Your quote Service Brightwave Home Phone One-time charges \$[\d.]+ Monthly price \$[\d.]+/);
    assert.equal(await h.fx.stores.orders.count({ customerId: danaId }), before);
    page = await answer(c, 'new-service', form, 'yes');
    const orders = await h.fx.stores.orders.find({ customerId: danaId, type: 'new' });
    const placed = orders.find((o) => o.items.some((i) => i.action === 'add' && i.productId === 'home-phone'));
    assert.ok(placed, 'the order is stored');
    assert.equal(placed.channel, 'portal');
    assert.equal(await h.fx.stores.orders.count({ customerId: danaId }), before + 1);
    assert.match(pageText(page.text), new RegExp(`Order number ${placed.id}`));
  });

  it('when Dana orders Home Phone in Spanish, then the add-on and the quote carry the catalog\'s Spanish text, not English', async () => {
    const c = customer(h, h.ids.customerId('31000101'), { lang: 'es' });
    let page = await c.open('new-service');
    let form = formOf(page.text);
    page = await answer(c, 'new-service', form, 'home-phone');
    form = formOf(page.text);
    assert.equal(form.field, 'addon');
    assert.deepEqual(form.options.map((o) => o.label), ['International Calling +$5.00 al mes 100 minutos internacionales al mes a 60 países, luego tarifa por minuto.', 'Sin complemento']);
    page = await answer(c, 'new-service', form, { skip: '1' });
    page = await answer(c, 'new-service', formOf(page.text), 'billing');
    const quote = pageText(page.text);
    assert.equal(formOf(page.text).kind, 'confirm');
    assert.doesNotMatch(quote, /\b(billed|per minute|month-to-month|contract|activation)\b/i, quote);
  });

  it('when a newly registered customer orders a first service, then the order is placed on the new account', async () => {
    const { customer: fresh } = await h.fx.care.customers.register(
      { firstName: 'Lena', lastName: 'Novak', email: 'lena.novak@example.com', phone: '+13125550199', billingAddress: { line1: '12 Elm Street', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' }, pin: '2580' },
      { channel: 'portal', idempotencyKey: 'register-lena' },
    );
    const c = customer(h, fresh.id);
    let page = await c.open('new-service');
    let form = formOf(page.text);
    page = await answer(c, 'new-service', form, optionLike(form, /Mobile 5 GB/));
    for (let n = 0; n < 8; n++) {
      form = formOf(page.text);
      if (form.kind === 'confirm') break;
      const optional = form.html.includes('name="skip"');
      page = await answer(c, 'new-service', form, form.options.find((o) => o.value === 'billing')?.value ?? (optional ? { skip: '1' } : (form.options[0]?.value as string)));
    }
    assert.equal(form.kind, 'confirm');
    page = await answer(c, 'new-service', form, 'yes');
    const orders = await h.fx.stores.orders.find({ customerId: fresh.id });
    assert.equal(orders.length, 1);
    const item = orders[0]?.items[0];
    assert.equal(item?.action === 'add' ? item.productId : undefined, 'mobile-5gb');
    assert.match(pageText(page.text), new RegExp(`Order number ${orders[0]?.id}`));
  });

  it('when Dana upgrades Fiber 500 to Fiber 1000, then the monthly change is quoted and a modify order is stored', async () => {
    const danaId = h.ids.customerId('31000101');
    const c = customer(h, danaId);
    let page = await c.open('modify-service');
    let form = formOf(page.text);
    page = await answer(c, 'modify-service', form, optionLike(form, /^Fiber 500$/));
    form = formOf(page.text);
    assert.equal(form.field, 'modification');
    page = await answer(c, 'modify-service', form, optionLike(form, /Upgrade to Fiber 1000 \+\$20\.00 a month/));
    form = formOf(page.text);
    assert.equal(form.kind, 'confirm');
    assert.match(pageText(page.text), /Your quote Monthly change \+?\$[\d.]+ Pro-rated this month \$[\d.]+/);
    page = await answer(c, 'modify-service', form, 'yes');
    const [order] = await h.fx.stores.orders.find({ customerId: danaId, type: 'modify' });
    assert.ok(order);
    assert.match(pageText(page.text), new RegExp(`Order number ${order.id}`));
  });

  it('when Priya cancels Fiber 1000 for switching provider and takes the retention offer, then she keeps it and the offer is ordered, no disconnect', async () => {
    const priyaId = h.ids.customerId('31000103');
    const c = customer(h, priyaId);
    let page = await c.open('discontinue-service');
    let form = formOf(page.text);
    page = await answer(c, 'discontinue-service', form, optionLike(form, /Fiber 1000/));
    page = await answer(c, 'discontinue-service', formOf(page.text), 'switching-provider');
    form = formOf(page.text);
    assert.equal(form.field, 'marketing.moving-to-provider');
    assert.match(page.text, /<legend>Which provider are you moving to\?<\/legend>/);
    page = await answer(c, 'discontinue-service', form, 'other-fiber');
    page = await answer(c, 'discontinue-service', formOf(page.text), { skip: '1' });
    form = formOf(page.text);
    assert.equal(form.field, 'retention');
    // The offer once, in the facts, and the question about it (not the offer said twice).
    assert.match(pageText(page.text), /Our offer to you Offer Stay with us on Fiber 500 .* Before you go: would you rather keep your service with this offer than cancel it\?/);
    assert.equal(pageText(page.text).split('Stay with us on Fiber 500').length, 2);
    page = await answer(c, 'discontinue-service', form, 'yes');
    assert.match(pageText(page.text), /Offer accepted You keep your service with the offer applied/);
    assert.equal(await h.fx.stores.orders.count({ customerId: priyaId, type: 'disconnect' }), 0);
    assert.equal(await h.fx.stores.orders.count({ customerId: priyaId, type: 'modify' }), 1);
  });

  it('when Priya declines the retention offer, then the final charges are shown before she confirms and a disconnect order is stored', async () => {
    const priyaId = h.ids.customerId('31000103');
    const c = customer(h, priyaId);
    let page = await c.open('discontinue-service');
    let form = formOf(page.text);
    page = await answer(c, 'discontinue-service', form, optionLike(form, /Fiber 1000/));
    page = await answer(c, 'discontinue-service', formOf(page.text), 'switching-provider');
    page = await answer(c, 'discontinue-service', formOf(page.text), { skip: '1' });
    page = await answer(c, 'discontinue-service', formOf(page.text), { skip: '1' });
    page = await answer(c, 'discontinue-service', formOf(page.text), 'no');
    form = formOf(page.text);
    if (form.field === 'date') page = await answer(c, 'discontinue-service', form, form.options[0]?.value as string);
    form = formOf(page.text);
    assert.equal(form.field, 'confirm');
    assert.match(pageText(page.text), /Early termination fee \$[\d.]+/);
    page = await answer(c, 'discontinue-service', form, 'yes');
    const [order] = await h.fx.stores.orders.find({ customerId: priyaId, type: 'disconnect' });
    assert.ok(order);
    assert.equal(order.reasonCode, 'switching-provider');
    assert.match(pageText(page.text), new RegExp(`Your cancellation is ordered\\. Order number ${order.id}`));
  });

  it('when Grace reports no dial tone, then diagnosis opens a ticket, she books a technician slot, and the ticket is scheduled for it', async () => {
    const graceId = h.ids.customerId('31000105');
    const c = customer(h, graceId);
    let page = await c.open('repair');
    let form = formOf(page.text);
    page = await answer(c, 'repair', form, optionLike(form, /Home Phone/));
    page = await answer(c, 'repair', formOf(page.text), 'no-dial-tone');
    form = formOf(page.text);
    assert.equal(form.field, 'slot');
    assert.match(pageText(page.text), /What we found \S+/, 'the diagnosis is shown while booking');
    assert.match(form.options[0]?.label ?? '', /^Monday, November 23, 8:00\s?AM\s?–\s?12:00\s?PM CST$/);
    const slot = form.options[1]?.value as string;
    page = await answer(c, 'repair', form, slot);
    const [ticket] = await h.fx.stores.tickets.find({ customerId: graceId });
    assert.equal(ticket?.status, 'scheduled');
    assert.equal(ticket?.appointment?.slotId, slot);
    assert.match(pageText(page.text), new RegExp(`Repair booked Your repair ticket is open\\. Ticket number ${ticket?.id} Technician visit Monday, November 23`));
  });

  it('when Tom reports no internet, then the remote reset fixes it and no ticket is opened', async () => {
    const tomId = h.ids.customerId('31000104');
    const c = customer(h, tomId);
    let page = await c.open('repair');
    const form = formOf(page.text);
    page = await answer(c, 'repair', form, optionLike(form, /DSL/));
    page = await answer(c, 'repair', formOf(page.text), 'no-internet');
    assert.match(pageText(page.text), /Fixed .* You should be able to use your service now\./);
    assert.equal(await h.fx.stores.tickets.count({ customerId: tomId, status: 'open' }), 0);
  });

  it('when Priya reports no internet inside a known outage, then the outage and its end are told, and the credit she accepts is requested once', async () => {
    const priyaId = h.ids.customerId('31000103');
    const c = customer(h, priyaId);
    let page = await c.open('repair');
    let form = formOf(page.text);
    page = await answer(c, 'repair', form, optionLike(form, /Fiber 1000/));
    page = await answer(c, 'repair', formOf(page.text), 'no-internet');
    form = formOf(page.text);
    assert.equal(form.field, 'credit');
    assert.match(pageText(page.text), /Outage credit Service back by .* Credit offered \$[\d.]+ There’s an outage in your area/);
    assert.equal(await h.fx.stores.tickets.count({ customerId: priyaId }), 0, 'a known outage opens no ticket');
    page = await answer(c, 'repair', form, 'yes');
    const credits = await h.fx.stores.adjustments.find({ customerId: priyaId, reasonCode: 'service-outage' });
    assert.equal(credits.length, 1);
    assert.match(pageText(page.text), new RegExp(`Known outage Thanks for your patience.* Credit request ${credits[0]?.id}`));
  });

  it('when a step is shown in Spanish, then the question, options and amounts are in Spanish', async () => {
    const c = customer(h, h.ids.customerId('31000105'), { lang: 'es' });
    let page = await c.open('repair');
    assert.match(page.text, /<legend>¿Qué servicio le da problemas\?<\/legend>/);
    const form = formOf(page.text);
    page = await answer(c, 'repair', form, optionLike(form, /Home Phone/));
    assert.match(page.text, /No hay tono de marcado/);
  });
});
