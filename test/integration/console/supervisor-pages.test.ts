/** The supervisor's console pages without a browser: approvals' form (CSRF, note required to reject, races), reports' CSV and range, the wallboard stream. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPerson } from '../../../src/demo/demo-people';
import type { BillAdjustment } from '../../../src/domain/billing/billing';
import { newKey, startApi, type Api } from '../api/api-harness';
import { SUPERVISOR } from '../staff/staff-harness';
import { consoleSignIn } from './console-harness';

describe('supervisor console pages', () => {
  let api: Api;
  let pending: BillAdjustment;
  beforeEach(async () => {
    api = await startApi();
    const p = demoPerson('bundle');
    const dana = await api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal', source: 'test' });
    const billId = (await api.runtime.care.billing.summary(dana)).latestBillId as string;
    const item = (await api.runtime.care.billing.adjustableItems(dana, billId)).find((i) => i.maxAdjustable.amountMinor > 2600 && i.reasons.some((r) => r.id === 'billing-error'));
    assert.ok(item);
    pending = await api.runtime.care.billing.requestAdjustment(dana, { billId, itemId: item.id, reasonCode: 'billing-error', amountMinor: 2600 }, { idempotencyKey: newKey('page') });
    assert.equal(pending.status, 'pending-approval');
  });
  afterEach(() => api.close());

  it('when the supervisor rejects without a note, then the form comes back (422) with the error and the request still waits; with a note it is rejected', async () => {
    const { agent } = await consoleSignIn(api, SUPERVISOR);
    const page = await agent.get('/console/approvals');
    assert.equal(page.status, 200);
    assert.match(page.text, /Credit of \$26\.00/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const bare = await agent.post(`/console/approvals/${pending.id}`).type('form').send({ _csrf: csrf, decision: 'reject', note: '  ' });
    assert.equal(bare.status, 422);
    assert.match(bare.text, /role="alert"[\s\S]*Write why it is rejected/);
    assert.match(bare.text, /value="reject" checked/);
    assert.equal((await api.runtime.stores.adjustments.get(pending.id))?.status, 'pending-approval');
    const done = await agent.post(`/console/approvals/${pending.id}`).type('form').send({ _csrf: csrf, decision: 'reject', note: 'charge is right' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/console/approvals?notice=rejected');
    assert.deepEqual([(await api.runtime.stores.adjustments.get(pending.id))?.status, (await api.runtime.stores.adjustments.get(pending.id))?.decisionNote], ['rejected', 'charge is right']);
    const again = await agent.post(`/console/approvals/${pending.id}`).type('form').send({ _csrf: csrf, decision: 'approve' });
    assert.equal(again.headers.location, '/console/approvals?notice=approval-decided');
  });

  it('when a decision is posted without the CSRF token, then it is refused (403) and nothing is decided', async () => {
    const { agent } = await consoleSignIn(api, SUPERVISOR);
    const res = await agent.post(`/console/approvals/${pending.id}`).type('form').send({ decision: 'approve' });
    assert.equal(res.status, 403);
    assert.equal((await api.runtime.stores.adjustments.get(pending.id))?.status, 'pending-approval');
    assert.equal(await api.runtime.stores.audit.count({ action: 'approval.decide' }), 0);
  });

  it('when the reports are asked for with dates that are not valid, then the page says so (422) and shows the last four weeks; a CSV comes for a valid range', async () => {
    const { agent } = await consoleSignIn(api, SUPERVISOR);
    const bad = await agent.get('/console/reports?from=2026-11-30&to=2026-11-01');
    assert.equal(bad.status, 422);
    assert.match(bad.text, /role="alert"[\s\S]*The dates were not valid/);
    assert.match(bad.text, /From <strong>2026-10-24<\/strong> to <strong>2026-11-20<\/strong>/);
    const csv = await agent.get('/console/reports/funnel.csv?from=2026-11-01&to=2026-11-20');
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-disposition']), /funnel-2026-11-01-2026-11-20\.csv/);
    assert.equal(csv.text.split('\r\n')[0], 'procedure,step,interactions,shareOfStarted');
    assert.equal((await agent.get('/console/reports/nonsense.csv')).status, 404);
    const chart = await agent.get('/console/vendor/chart.umd.min.js');
    assert.equal(chart.status, 200);
    assert.match(String(chart.headers['content-type']), /javascript/);
    assert.match(chart.text.slice(0, 400), /Chart\.js v4/);
  });

  it('when an escalation is queued while the wallboard stream is open, then the stream says "change"', async () => {
    const { cookie } = await consoleSignIn(api, SUPERVISOR);
    const server = http.createServer(api.runtime.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const got = await new Promise<string>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/console/wallboard/events', headers: { Cookie: cookie.split(';')[0] } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('event: ready') && !text.includes('queued-once')) {
              text += 'queued-once';
              const p = demoPerson('bundle');
              void api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat', source: 'test' })
                .then(async (dana) => {
                  const i = await api.runtime.care.interactions.start(dana, { channel: 'chat', channelRef: 'wall-1' });
                  await api.runtime.care.escalations.escalate(dana, i.id, { reason: 'asked for a person', skill: 'billing' });
                })
                .catch(reject);
            }
            if (text.includes('event: change')) {
              req.destroy();
              resolve(text);
            }
          });
        });
        req.on('error', (e) => (/socket hang up|aborted/.test(e.message) ? undefined : reject(e)));
      });
      assert.match(got, /event: change\ndata: \{"type":"escalation\.queued"/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
