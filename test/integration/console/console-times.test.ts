/**
 * Every time the console and the supervisor's pages show is the operator's (America/Chicago in the
 * demo catalog), labelled with its zone, never UTC: the queue's callbacks, the screen pop's
 * transcript, steps and contacts, the chat pane (and the zone its script stamps new messages in),
 * the approvals and the wallboard. The clock is 2026-11-20 15:00 UTC: 9:00 AM CST.
 */
import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Actor } from '../../../src/domain/shared/actor';
import { newKey, startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, SUPERVISOR } from '../staff/staff-harness';
import { consoleSignIn, refusedChat } from './console-harness';

/** The page's text as a person reads it (Intl's narrow and thin spaces are spaces). */
const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/[\s\u202f\u2009\u00a0]+/g, ' ');

describe('console times: the operator\'s time zone, labelled', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
    api.clock.set('2026-11-20T15:00:00.000Z');
  });
  afterEach(() => api.close());

  const dana = (): Promise<Actor> => {
    const p = demoPerson('bundle');
    return api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat', source: 'test' });
  };

  it('when a callback waits in the queue, then the CSR reads "Call back (217) 555-0177, Fri, Nov 20, 9:00 AM CST", not a UTC time', async () => {
    const e = await refusedChat(api, await dana(), 'wants a call back');
    const stored = await api.runtime.stores.escalations.get(e.id);
    await api.runtime.stores.escalations.replace({ ...stored!, callback: { number: '+12175550177', requestedAt: '2026-11-20T14:50:00.000Z', at: '2026-11-20T15:00:00.000Z' } });
    const { agent } = await consoleSignIn(api, BILLING_CSR);
    const queue = textOf((await agent.get('/console/queue')).text);
    assert.match(queue, /Call back \(217\) 555-0177, Fri, Nov 20, 9:00 AM CST/);
    assert.doesNotMatch(queue, /UTC/);
    const list = textOf((await agent.get('/console/queue/list')).text);
    assert.match(list, /Call back \(217\) 555-0177, Fri, Nov 20, 9:00 AM CST/, 'the live list the script swaps in says the same');
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/console/queue')).text)?.[1] as string;
    assert.equal((await agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: csrf })).status, 303);
    const pop = textOf((await agent.get(`/console/escalations/${e.id}`)).text);
    assert.match(pop, /Call back \(217\) 555-0177, Fri, Nov 20, 9:00 AM CST/, 'the screen pop keeps the number left and the time asked for');
  });

  it('when the CSR opens the screen pop of a chat, then the transcript, the steps and the chat pane are in CST, and the pane gives its script the zone', async () => {
    const e = await refusedChat(api, await dana(), 'wants the roaming charge credited');
    const { agent, csrf } = await consoleSignIn(api, BILLING_CSR);
    assert.equal((await agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: csrf })).status, 303);
    const html = (await agent.get(`/console/escalations/${e.id}`)).text;
    const text = textOf(html);
    assert.match(html, /<time datetime="2026-11-20T15:00:00.000Z">Fri, Nov 20, 9:00\s?AM CST<\/time><p>the roaming charge on my bill is wrong/);
    assert.match(text, /Fri, Nov 20, 9:00 AM CST procedure started \(bill-adjustment\)/, 'the steps already done');
    assert.doesNotMatch(text, /UTC/);
    assert.match(html, /id="chat-log"[^>]*data-time-zone="America\/Chicago"/);
  });

  it('when a late-evening contact is in the account sections, then it shows the operator\'s evening, not the next UTC day', async () => {
    const actor = await dana();
    const i = await api.runtime.care.interactions.start(actor, { channel: 'voice', channelRef: `late-${newKey('c')}` });
    // 03:30 UTC on Nov 20 is 9:30 PM on Thursday, Nov 19 in Chicago.
    await api.runtime.stores.interactions.replace({ ...(await api.runtime.stores.interactions.get(i.id))!, startedAt: '2026-11-20T03:30:00.000Z' });
    const e = await refusedChat(api, actor, 'billing question');
    const { agent, csrf } = await consoleSignIn(api, BILLING_CSR);
    await agent.post(`/console/queue/${e.id}/accept`).type('form').send({ _csrf: csrf });
    const text = textOf((await agent.get(`/console/escalations/${e.id}`)).text);
    assert.match(text, /Thu, Nov 19, 9:30 PM CST voice/);
  });

  it('when the supervisor opens the approvals and the wallboard, then "asked at" and "as of" are CST times', async () => {
    const p = demoPerson('bundle');
    const actor = await api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal', source: 'test' });
    const billId = (await api.runtime.care.billing.summary(actor)).latestBillId as string;
    const item = (await api.runtime.care.billing.adjustableItems(actor, billId)).find((x) => x.maxAdjustable.amountMinor > 2600 && x.reasons.some((r) => r.id === 'billing-error'));
    assert.ok(item);
    const pending = await api.runtime.care.billing.requestAdjustment(actor, { billId, itemId: item.id, reasonCode: 'billing-error', amountMinor: 2600 }, { idempotencyKey: newKey('times') });
    assert.equal(pending.status, 'pending-approval');
    const { agent } = await consoleSignIn(api, SUPERVISOR);
    const approvals = textOf((await agent.get('/console/approvals')).text);
    assert.match(approvals, /Asked at Fri, Nov 20, 9:00 AM CST/);
    const wall = textOf((await agent.get('/console/wallboard')).text);
    assert.match(wall, /As of 9:00 AM CST/);
    for (const page of [approvals, wall]) assert.doesNotMatch(page, /UTC/);
  });

  it('when the supervisor opens the reports late on a Chicago evening, then the default range ends on the operator\'s today and says whose days they are', async () => {
    api.clock.set('2026-11-20T03:00:00.000Z'); // 9 PM on Thursday, Nov 19, in Chicago; already Nov 20 in UTC
    const { agent } = await consoleSignIn(api, SUPERVISOR);
    const reports = textOf((await agent.get('/console/reports')).text);
    assert.match(reports, /From 2026-10-23 to 2026-11-19 \(28 days; each day in Central Time \(America\/Chicago\)\)/);
    assert.doesNotMatch(reports, /UTC/);
  });
});
