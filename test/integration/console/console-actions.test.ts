/** The screen pop's action forms against the whole app: CSRF, one outcome per rendered form, limits, refusals, who may act. */
import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Actor } from '../../../src/domain/shared/actor';
import type { Escalation } from '../../../src/domain/escalation/escalation';
import { startApi, type Api } from '../api/api-harness';
import { anonymous } from '../../../src/domain/shared/actor';
import { BILLING_CSR, queueEscalation, REPAIR_CSR, SUPERVISOR } from '../staff/staff-harness';
import { consoleSignIn, refusedChat, type Agent } from './console-harness';

const formKeyOf = (html: string, action: string): string => {
  const m = new RegExp(`action="/console/escalations/[^/]+/actions/${action}#action-${action}"[\\s\\S]*?name="formKey" value="([^"]+)"`).exec(html);
  if (!m) throw new Error(`no ${action} form in the page`);
  return m[1] as string;
};

/** The fields a form of the page would send (hidden inputs, and each select's chosen or first real option). */
const formFields = (html: string, action: string): Record<string, string | string[]> => {
  const m = new RegExp(`<form method="post" action="/console/escalations/[^/]+/actions/${action}#action-${action}"[\\s\\S]*?</form>`).exec(html);
  if (!m) throw new Error(`no ${action} form in the page`);
  const out: Record<string, string | string[]> = {};
  for (const [, name, value] of m[0].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    const had = out[name as string];
    out[name as string] = had === undefined ? (value as string) : ([] as string[]).concat(had, value as string);
  }
  for (const [, name, body] of m[0].matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]+)" selected>/.exec(body as string) ?? /<option value="([^"]+)"/.exec(body as string);
    if (chosen) out[name as string] = chosen[1] as string;
  }
  return out;
};

describe('CSR console: action forms on the screen pop', () => {
  let api: Api;
  let dana: Actor;
  let e: Escalation;
  let alex: { agent: Agent; csrf: string };
  let billId: string;

  beforeEach(async () => {
    api = await startApi();
    const p = demoPerson('bundle');
    dana = await api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat', source: 'test' });
    e = await refusedChat(api, dana, 'wants the international calls charge credited');
    alex = await consoleSignIn(api, BILLING_CSR);
    const accepted = await alex.agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: alex.csrf });
    assert.equal(accepted.status, 303);
    billId = (await api.runtime.care.billing.summary(dana)).latestBillId as string;
  });
  afterEach(() => api.close());

  const itemOf = async (pred: (i: { type: string; maxAdjustable: { amountMinor: number }; reasons: { id: string }[] }) => boolean) => {
    const item = (await api.runtime.care.billing.adjustableItems(dana, billId)).find(pred);
    assert.ok(item, 'Dana has such a charge');
    return item;
  };
  const usage = () => itemOf((i) => i.type === 'usage' && i.reasons.some((r) => r.id === 'usage-dispute'));
  const adjustments = () => api.runtime.stores.adjustments.find({ customerId: dana.customerId as string });
  const popPage = async (who = alex) => (await who.agent.get(`/console/escalations/${e.id}`)).text;
  const post = (who: { agent: Agent }, action: string, form: Record<string, string>) => who.agent.post(`/console/escalations/${e.id}/actions/${action}`).type('form').send(form);

  it('when a billing escalation is opened, then the adjustment form comes first and open, the others folded, each form with its own key and the CSR\'s limit stated', async () => {
    const html = await popPage();
    const open = html.indexOf('<div class="action-form" id="action-adjustment">');
    assert.ok(open > 0, 'the related form is not folded');
    assert.ok(open < html.indexOf('<details class="action-form" id="action-extension">'), 'related first');
    for (const a of ['extension', 'repair', 'order-new', 'modification', 'discontinuation']) assert.match(html, new RegExp(`<details class="action-form" id="action-${a}">`));
    assert.match(html, /Up to \$50\.00 is applied at once; more waits for a supervisor's approval/);
    assert.match(html, /<label for="adjustment-amount">Amount to credit/);
    assert.notEqual(formKeyOf(html, 'adjustment'), formKeyOf(html, 'extension'));
    assert.notEqual(formKeyOf(html, 'adjustment'), formKeyOf(await popPage(), 'adjustment'), 'a new key per rendering');
  });

  it('when the CSR credits a charge with the form, then it is applied on the bill, audited, and the screen pop says so after the redirect', async () => {
    const item = await usage();
    const html = await popPage();
    const key = formKeyOf(html, 'adjustment');
    const res = await post(alex, 'adjustment', { _csrf: alex.csrf, formKey: key, charge: `${billId}|${item.id}`, reasonCode: 'usage-dispute', amount: '8.00' });
    assert.equal(res.status, 303, res.text.slice(0, 400));
    assert.equal(res.headers.location, `/console/escalations/${e.id}?done=${key}#action-result`);
    const [adj] = await adjustments();
    assert.equal(adj?.status, 'applied');
    assert.equal(adj?.amount.amountMinor, 800);
    assert.deepEqual(adj?.requestedBy, { kind: 'csr', channel: 'csr', csrId: 'stf-alex' });
    assert.ok((await api.runtime.stores.bills.get(billId))?.appliedAdjustmentIds.includes(adj?.id as string));
    const audit = await api.runtime.stores.audit.find({ action: 'procedure', escalationId: e.id });
    assert.deepEqual(audit.map((a) => [a.staffId, a.result, a.detail?.status]), [['stf-alex', 'ok', 'applied']]);
    const shown = await alex.agent.get(res.headers.location as string);
    assert.match(shown.text, /<div id="action-result" class="result result-ok" role="status" tabindex="-1">\s*<h3>Applied<\/h3>\s*<p>\$8\.00 credited on the bill/);
    assert.match(shown.text, new RegExp(`Reference: ${adj?.id}`));
    const forged = await alex.agent.get(`/console/escalations/${e.id}?done=not-a-key-of-mine`);
    assert.doesNotMatch(forged.text, /id="action-result"/, 'only a stored outcome of this CSR for this escalation shows');
  });

  it('when the form is posted without the CSRF token or with another session\'s, then 403 and nothing is credited', async () => {
    const item = await usage();
    const key = formKeyOf(await popPage(), 'adjustment');
    const form = { formKey: key, charge: `${billId}|${item.id}`, reasonCode: 'usage-dispute', amount: '8.00' };
    const none = await post(alex, 'adjustment', form);
    assert.equal(none.status, 403);
    assert.match(none.text, /This form has expired/);
    const other = await consoleSignIn(api, BILLING_CSR);
    assert.equal((await post(alex, 'adjustment', { ...form, _csrf: other.csrf })).status, 403);
    assert.equal((await adjustments()).length, 0);
    assert.equal(await api.runtime.stores.audit.count({ action: 'procedure' }), 0);
  });

  it('when the same rendered form is sent twice, one after the other or at once, then it is done once per form and the repeat shows the first outcome', async () => {
    const item = await usage();
    const html = await popPage();
    const form = { _csrf: alex.csrf, formKey: formKeyOf(html, 'adjustment'), charge: `${billId}|${item.id}`, reasonCode: 'usage-dispute', amount: '2.00' };
    const first = await post(alex, 'adjustment', form);
    const again = await post(alex, 'adjustment', form);
    assert.equal(first.status, 303);
    assert.equal(again.status, 303);
    assert.equal(again.headers.location, first.headers.location, 'the replay shows the first outcome');
    // At once: which of the two arrives first is timing; the store must hold one credit either way.
    const raced = formKeyOf(await popPage(), 'adjustment');
    const both = await Promise.all([post(alex, 'adjustment', { ...form, formKey: raced }), post(alex, 'adjustment', { ...form, formKey: raced })]);
    assert.ok(both.some((r) => r.status === 303) && both.every((r) => r.status === 303 || r.status === 409), both.map((r) => `${r.status} ${/<h4>[^<]*<\/h4>\s*<p>[^<]*/.exec(r.text)?.[0] ?? ''}`).join());
    assert.equal((await adjustments()).length, 2, 'one per rendered form: the first form and the raced one');
    assert.equal((await api.runtime.stores.interactions.get(e.interactionId))?.steps.filter((s) => s.name === 'csr.procedure').length, 2);
    const edited = await post(alex, 'adjustment', { ...form, amount: '3.00' });
    assert.equal(edited.status, 409);
    assert.match(edited.text, /already sent with other values/);
    assert.equal((await adjustments()).length, 2);
  });

  it('when the CSR credits more than their limit, then it waits for a supervisor and the page says so plainly; nothing reaches billing', async () => {
    const big = await itemOf((i) => i.maxAdjustable.amountMinor > 5000 && i.reasons.some((r) => r.id === 'billing-error'));
    const key = formKeyOf(await popPage(), 'adjustment');
    const res = await post(alex, 'adjustment', { _csrf: alex.csrf, formKey: key, charge: `${billId}|${big.id}`, reasonCode: 'billing-error', amount: '50.01' });
    assert.equal(res.status, 303);
    const [adj] = await adjustments();
    assert.equal(adj?.status, 'pending-approval');
    assert.equal(adj?.submission, undefined);
    const shown = await alex.agent.get(res.headers.location as string);
    assert.match(shown.text, /class="result result-pending" role="status"[^>]*>\s*<h3>Waiting for a supervisor<\/h3>\s*<p>Adjust a charge: \$50\.01 is above your limit, so it is not applied yet\./);
  });

  it('when the domain refuses (a charge that cannot be adjusted, an amount above what is left), then the form comes back with its reason, the values kept, and nothing is stored', async () => {
    const bill = await api.runtime.stores.bills.get(billId);
    const tax = bill?.items.find((i) => i.type === 'tax');
    assert.ok(tax, 'the bill has a tax line');
    const key = formKeyOf(await popPage(), 'adjustment');
    const res = await post(alex, 'adjustment', { _csrf: alex.csrf, formKey: key, charge: `${billId}|${tax.id}`, reasonCode: 'billing-error', amount: '1.00' });
    assert.equal(res.status, 422);
    assert.match(res.text, /<div class="error-summary" role="alert" id="adjustment-error">\s*<h4>Refused<\/h4>\s*<p>This charge cannot be adjusted here \(taxes and discounts never are/);
    assert.match(res.text, /What the customer can do: choose another charge or option, a more senior person\./);
    assert.match(res.text, /value="1\.00"/);
    assert.match(res.text, new RegExp(`name="formKey" value="${key}"`), 'the same form key: sending it again cannot do it twice');
    const item = await usage();
    const tooMuch = await post(alex, 'adjustment', { _csrf: alex.csrf, formKey: key, charge: `${billId}|${item.id}`, reasonCode: 'usage-dispute', amount: String((item.maxAdjustable.amountMinor + 100) / 100) });
    assert.equal(tooMuch.status, 422);
    assert.match(tooMuch.text, /<h4>Refused<\/h4>\s*<p>The amount must be a whole positive amount no larger than the item allows\./);
    const bad = await post(alex, 'adjustment', { _csrf: alex.csrf, formKey: key, charge: `${billId}|${item.id}`, reasonCode: 'usage-dispute', amount: 'eight' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /<input type="text" id="adjustment-amount"[^>]*aria-invalid="true" aria-describedby="adjustment-limit adjustment-error">/);
    assert.equal((await adjustments()).length, 0);
    assert.deepEqual((await api.runtime.stores.audit.find({ action: 'procedure', escalationId: e.id })).map((a) => [a.result, a.code]), [['refused', 'ITEM_NOT_ADJUSTABLE'], ['refused', 'AMOUNT_NOT_VALID']]);
  });

  it('when a CSR who did not accept the escalation posts a form for it, then 403 "Not your escalation", nothing is done, and a supervisor viewing it gets no forms', async () => {
    const item = await usage();
    const form = { formKey: 'k-1234567890', charge: `${billId}|${item.id}`, reasonCode: 'usage-dispute', amount: '8.00' };
    const sam = await consoleSignIn(api, REPAIR_CSR);
    const res = await post(sam, 'adjustment', { ...form, _csrf: sam.csrf });
    assert.equal(res.status, 403);
    assert.match(res.text, /Not your escalation/);
    const jordan = await consoleSignIn(api, SUPERVISOR);
    const view = await jordan.agent.get(`/console/escalations/${e.id}`);
    assert.equal(view.status, 200);
    assert.match(view.text, /Only the CSR who took this escalation acts for the customer\./);
    assert.doesNotMatch(view.text, /name="formKey"/);
    assert.equal((await post(jordan, 'adjustment', { ...form, _csrf: jordan.csrf })).status, 403);
    assert.equal((await adjustments()).length, 0);
    const audit = await api.runtime.stores.audit.find({ action: 'procedure', escalationId: e.id });
    assert.deepEqual(audit.map((a) => [a.staffId, a.result, a.code]).sort(), [['stf-jordan', 'refused', 'NOT_PERMITTED'], ['stf-sam', 'refused', 'NOT_PERMITTED']]);
  });

  it('when the CSR quotes a change of service, then the quote shows before anything is ordered, and confirming places the quoted change once', async () => {
    const html = await popPage();
    const change = /<option value="([^"]+\|change-product\|fiber-1000)"/.exec(html)?.[1];
    assert.ok(change, 'Fiber 500 may go to Fiber 1000');
    const quoted = await alex.agent.get(`/console/escalations/${e.id}/quote/modification`).query({ change });
    assert.equal(quoted.status, 200);
    assert.match(quoted.text, /<div class="action-form" id="action-modification">/, 'the quoted form is open');
    assert.match(quoted.text, /<h4>Quote <span class="hint">/);
    assert.match(quoted.text, /Monthly bill changes by<\/dt><dd>\+\$/);
    assert.equal(await api.runtime.stores.orders.count({ customerId: dana.customerId as string, type: 'modify' }), 0, 'a quote orders nothing');
    const key = formKeyOf(quoted.text, 'modification');
    const res = await post(alex, 'modification', { _csrf: alex.csrf, formKey: key, change });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const shown = await alex.agent.get(res.headers.location as string);
    assert.match(shown.text, /<h3>Order placed<\/h3>\s*<p>Change a service: the order is/);
    const orders = await api.runtime.stores.orders.find({ customerId: dana.customerId as string, interactionId: e.interactionId });
    assert.equal(orders.length, 1);
    const reload = await alex.agent.get(`/console/escalations/${e.id}/actions/modification`);
    assert.equal(reload.status, 303, 'reloading a refused form\'s address goes back to the screen pop');
    assert.equal(reload.headers.location, `/console/escalations/${e.id}#actions-heading`);
    const bad = await alex.agent.get(`/console/escalations/${e.id}/quote/modification`).query({ change: 'nonsense' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /Choose the change to make\./);
  });

  it('when the CSR quotes a new service, then the options and the quote show, and placing it orders exactly the quoted choice for the customer', async () => {
    const quoted = await alex.agent.get(`/console/escalations/${e.id}/quote/order-new`).query({ productId: 'mobile-20gb' });
    assert.equal(quoted.status, 200, quoted.text.slice(0, 300));
    assert.match(quoted.text, /<label for="order-new-config-sim">SIM type<\/label>/);
    assert.match(quoted.text, /id="order-new-quote"/);
    const fields = formFields(quoted.text, 'order-new');
    assert.equal(fields.productId, 'mobile-20gb');
    const res = await alex.agent.post(`/console/escalations/${e.id}/actions/order-new`).type('form').send({ ...fields, _csrf: alex.csrf });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const [order] = await api.runtime.stores.orders.find({ customerId: dana.customerId as string, type: 'new', interactionId: e.interactionId });
    assert.ok(order, 'the order is placed on the contact');
    assert.deepEqual(order.items.map((i) => i.action === 'add' && [i.productId, i.config]), [['mobile-20gb', { sim: fields['config.sim'] }]]);
    assert.match((await alex.agent.get(res.headers.location as string)).text, new RegExp(`<h3>Order placed</h3>[\\s\\S]*Reference: ${order.id}`));
  });

  it('when the CSR quotes a discontinuation, then the end dates come with the quote, and confirming orders the disconnect on the chosen day', async () => {
    const html = await popPage();
    const serviceId = /<select id="discontinuation-service" name="serviceId"[^>]*>\s*<option value="">[^<]*<\/option>\s*<option value="([^"]+)"/.exec(html)?.[1];
    assert.ok(serviceId);
    const quoted = await alex.agent.get(`/console/escalations/${e.id}/quote/discontinuation`).query({ serviceId, reasonCode: 'moving' });
    assert.equal(quoted.status, 200);
    assert.match(quoted.text, /id="discontinuation-quote"/);
    assert.equal(await api.runtime.stores.orders.count({ customerId: dana.customerId as string, type: 'disconnect' }), 0);
    const fields = formFields(quoted.text, 'discontinuation');
    assert.deepEqual([fields.serviceId, fields.reasonCode], [serviceId, 'moving']);
    const days = [...(/<select id="discontinuation-date"[^>]*>([\s\S]*?)<\/select>/.exec(quoted.text)?.[1] ?? '').matchAll(/<option value="([^"]+)"/g)].map((x) => x[1] as string);
    assert.ok(days.length >= 2, 'today and later days are offered');
    const later = days[1] as string;
    const res = await alex.agent.post(`/console/escalations/${e.id}/actions/discontinuation`).type('form').send({ ...fields, requestedDate: later, _csrf: alex.csrf });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const orders = await api.runtime.stores.orders.find({ customerId: dana.customerId as string, type: 'disconnect' });
    assert.deepEqual(orders.map((o) => [o.reasonCode, o.requestedDate, o.interactionId]), [['moving', later, e.interactionId]]);
  });

  it('when the CSR gives more time to pay and runs a repair diagnosis, then each goes through its use case, on the contact, and the page says what happened', async () => {
    const html = await popPage();
    const ext = formFields(html, 'extension');
    const moved = await post(alex, 'extension', { ...(ext as Record<string, string>), _csrf: alex.csrf });
    assert.equal(moved.status, 303, moved.text.slice(0, 300));
    const [extension] = await api.runtime.stores.extensions.find({ customerId: dana.customerId as string });
    assert.equal(extension?.toDate, ext.toDate);
    assert.match((await alex.agent.get(moved.headers.location as string)).text, new RegExp(`The bill is now due on ${extension?.toDate}`));

    const rep = formFields(await popPage(), 'repair');
    assert.match(String(rep.problem), /^[^|]+\|[a-z0-9-]+$/);
    const diagnosed = await post(alex, 'repair', { ...(rep as Record<string, string>), _csrf: alex.csrf });
    assert.equal(diagnosed.status, 303, diagnosed.text.slice(0, 300));
    assert.match((await alex.agent.get(diagnosed.headers.location as string)).text, /<h3>Diagnosed<\/h3>/);
    const steps = (await api.runtime.stores.interactions.get(e.interactionId))?.steps.filter((x) => x.name === 'csr.procedure').map((x) => x.detail?.action);
    assert.deepEqual(steps, ['extension', 'repair']);
  });

  it('when the customer of an accepted call is not identified, then the pane says why no form is offered, and a posted form is refused without doing anything', async () => {
    const unknown = await queueEscalation(api, { actor: anonymous('voice'), reason: 'billing question', skill: 'billing', channel: 'voice' });
    assert.equal((await alex.agent.post(`/console/queue/${unknown.id}/accept`).type('form').send({ _csrf: alex.csrf })).status, 303);
    const html = (await alex.agent.get(`/console/escalations/${unknown.id}`)).text;
    assert.match(html, /The customer is not identified, so nothing can be done on an account from here\./);
    assert.doesNotMatch(html, /name="formKey"/);
    const res = await alex.agent.post(`/console/escalations/${unknown.id}/actions/extension`).type('form').send({ _csrf: alex.csrf, formKey: 'k-1234567890', billId, toDate: '2030-01-01' });
    assert.equal(res.status, 422);
    assert.match(res.text, /<h1>Unidentified customer<\/h1>/);
    assert.equal(await api.runtime.stores.extensions.count({}), 0);
    assert.deepEqual((await api.runtime.stores.audit.find({ action: 'procedure', escalationId: unknown.id })).map((a) => [a.result, a.code]), [['refused', 'VALIDATION_FAILED']]);
  });
});
