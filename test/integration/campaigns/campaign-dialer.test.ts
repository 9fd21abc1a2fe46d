/**
 * Campaigns in the domain, turn by turn on a fake clock: who the rule selects, who is never
 * called, calling windows in the customer's time zone, pacing, and pause. Calls go through the
 * real Twilio REST adapter to the REST stand-in.
 */
import assert from 'node:assert/strict';
import { campaignKit, mobileCampaign, ACCOUNT_SID, CALLER_ID, type CampaignKit } from './campaign-kit';
import { findProduct } from '../../../src/domain/catalog/pricing';
import { isDomainError } from '../../../src/domain/shared/errors';
import { updateWithRetry } from '../../../src/domain/shared/update-with-retry';
import type { CampaignTarget } from '../../../src/domain/campaigns/campaign';

const DANA = '+12175550142';
const TOM = '+12175550145';

describe('campaigns: target selection, suppression, windows, pacing, pause (fake clock)', () => {
  let kit: CampaignKit;
  beforeEach(async () => {
    kit = await campaignKit();
  });
  afterEach(async () => kit.close());

  const now = () => kit.care.clock.now().toISOString();
  const targets = async (campaignId: string) => kit.care.stores.campaignTargets.find({ campaignId });
  const byPhone = (ts: CampaignTarget[], phone: string) => ts.find((t) => t.phone === phone);

  it('when a supervisor creates a campaign, then exactly the customers its rule selects become targets, each with the contact number on file', async () => {
    const c = await kit.tm.campaigns.create(kit.supervisor, mobileCampaign(now()));
    const catalog = kit.care.deps.catalog();
    const families = (productIds: string[]) => productIds.map((p) => findProduct(catalog, p)?.family);
    const expected = (await kit.care.stores.customers.find({}))
      .filter((cu) => {
        const held = families(cu.services.filter((s) => s.status !== 'disconnected').flatMap((s) => [s.productId, ...s.addons]));
        return held.includes('broadband') && !held.includes('mobile');
      })
      .map((cu) => cu.id)
      .sort();
    const ts = await targets(c.id);
    assert.ok(expected.length >= 3, 'the demo has several broadband homes without a mobile');
    assert.deepEqual(ts.map((t) => t.customerId).sort(), expected);
    assert.equal(byPhone(ts, DANA)?.status, 'queued');
    assert.equal(ts.find((t) => t.phone === '+12175550146'), undefined, 'Grace has a mobile: not targeted');
    assert.equal(c.report.targets, expected.length);
    const audit = await kit.care.stores.audit.findOne({ action: 'campaign.create', staffId: kit.supervisor.id });
    assert.equal(audit?.result, 'ok');
  });

  it('when the rule names an unknown fact, or a CSR creates a campaign, then it is refused and nothing is stored', async () => {
    const bad = mobileCampaign(now(), { targetRule: { conditions: { all: [{ fact: 'creditScore', operator: 'greaterThan', value: 700 }] } } });
    await assert.rejects(kit.tm.campaigns.create(kit.supervisor, bad), (e) => isDomainError(e) && e.code === 'VALIDATION_FAILED' && /unknown fact "creditScore"/.test(e.message));
    await assert.rejects(kit.tm.campaigns.create(kit.csr, mobileCampaign(now())), (e) => isDomainError(e) && e.code === 'NOT_PERMITTED');
    assert.equal(await kit.care.stores.campaigns.count({}), 0);
    assert.equal(await kit.care.stores.campaignTargets.count({}), 0);
  });

  it('when a targeted customer is suspended, flagged do-not-call or on the suppression list, then they are suppressed with that reason and never called', async () => {
    const customers = kit.care.stores.customers;
    const dana = (await customers.findOne({ phones: DANA }))!;
    const tom = (await customers.findOne({ phones: TOM }))!;
    await updateWithRetry(customers, dana.id, (c) => ({ ...c, doNotCall: { at: now(), source: 'test' } }));
    await kit.tm.campaigns.suppress(kit.supervisor, { phone: TOM, reason: 'asked by letter' });
    // The DSL upgrade campaign selects Marcus too, whose services are suspended for non-payment.
    const c = await kit.tm.campaigns.create(kit.supervisor, mobileCampaign(now(), {
      offer: { kind: 'modification', toProductId: 'fiber-500' },
      targetRule: { conditions: { any: [{ fact: 'productIds', operator: 'contains', value: 'dsl-legacy-10' }, { fact: 'productIds', operator: 'contains', value: 'dsl-25' }, { fact: 'productIds', operator: 'contains', value: 'fiber-300' }] } },
    }));
    const ts = await targets(c.id);
    assert.equal(byPhone(ts, TOM)?.suppressedReason, 'suppression-list');
    assert.equal(byPhone(ts, '+12175550143')?.suppressedReason, 'suspended');
    const mobile = await kit.tm.campaigns.create(kit.supervisor, mobileCampaign(now()));
    assert.equal(byPhone(await targets(mobile.id), DANA)?.suppressedReason, 'do-not-call');
    assert.ok(tom.id);

    // Dial everything that can be dialled: no suppressed number reaches Twilio.
    for (let i = 0; i < 60; i += 1) {
      const a = await kit.tm.dialer.turn(c.id);
      const b = await kit.tm.dialer.turn(mobile.id);
      kit.care.clock.advance(60_000);
      if (a.nextInMs === null && b.nextInMs === null) break;
    }
    const called = kit.placed.map((p) => p.to);
    assert.ok(called.length > 0, 'the queued targets were called');
    for (const phone of [DANA, TOM, '+12175550143']) assert.ok(!called.includes(phone), `${phone} is never called`);
  });

  it('when a number is put on the suppression list after selection, then the dialer suppresses it instead of calling', async () => {
    const c = await kit.tm.campaigns.create(kit.supervisor, mobileCampaign(now()));
    assert.equal(byPhone(await targets(c.id), DANA)?.status, 'queued');
    await kit.tm.campaigns.suppress(kit.supervisor, { phone: DANA, reason: 'complaint' });
    for (let i = 0; i < 60 && (await kit.tm.dialer.turn(c.id)).nextInMs !== null; i += 1) kit.care.clock.advance(60_000);
    assert.ok(kit.placed.length > 0);
    assert.ok(!kit.placed.some((p) => p.to === DANA));
    assert.equal(byPhone(await targets(c.id), DANA)?.suppressedReason, 'suppression-list');
  });

  it('when it is outside the calling window in the customer\'s time zone, then nobody is called until the window opens there', async () => {
    // 2026-11-20 is a Friday; 11:00 UTC is 05:00 in Chicago and 03:00 in Los Angeles.
    kit.care.clock.set('2026-11-20T11:00:00.000Z');
    const customers = kit.care.stores.customers;
    const tom = (await customers.findOne({ phones: TOM }))!;
    await updateWithRetry(customers, tom.id, (c) => ({ ...c, timeZone: 'America/Los_Angeles' }));
    const c = await kit.tm.campaigns.create(kit.supervisor, mobileCampaign(now(), {
      offer: { kind: 'modification', toProductId: 'fiber-500' },
      targetRule: { conditions: { any: [{ fact: 'productIds', operator: 'contains', value: 'dsl-legacy-10' }, { fact: 'productIds', operator: 'contains', value: 'fiber-1000' }] } },
      window: { from: '09:00', to: '20:00', days: [1, 2, 3, 4, 5], defaultTimeZone: 'America/Chicago' },
      pacing: { callsPerMinute: 600 },
    }));
    const first = await kit.tm.dialer.turn(c.id);
    assert.equal(first.dialed, undefined);
    assert.equal(kit.placed.length, 0);
    const ts = await targets(c.id);
    const tomTarget = byPhone(ts, TOM)!;
    assert.equal(tomTarget.timeZone, 'America/Los_Angeles');
    assert.equal(tomTarget.nextAttemptAt, '2026-11-20T17:00:00.000Z', '09:00 in Los Angeles');
    const chicago = ts.find((t) => t.phone !== TOM && t.status === 'queued')!;
    assert.equal(chicago.nextAttemptAt, '2026-11-20T15:00:00.000Z', '09:00 in Chicago');
    assert.equal(first.nextInMs, 4 * 3_600_000, 'the next turn is when the first window opens');

    kit.care.clock.set('2026-11-20T15:00:00.000Z');
    const chicagoIds = ts.filter((t) => t.phone !== TOM && t.status === 'queued').map((t) => t.id).sort();
    const dialedNow: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const r = await kit.tm.dialer.turn(c.id);
      if (!r.dialed) break;
      dialedNow.push(r.dialed.targetId);
      kit.care.clock.advance(1000);
    }
    assert.deepEqual(dialedNow.sort(), chicagoIds, 'every Chicago target is called from 09:00 there');
    assert.ok(dialedNow.includes(chicago.id));
    assert.ok(!kit.placed.some((p) => p.to === TOM), 'Los Angeles is still before 09:00');
    kit.care.clock.set('2026-11-20T17:00:00.000Z');
    assert.equal((await kit.tm.dialer.turn(c.id)).dialed?.targetId, tomTarget.id);
    assert.deepEqual(kit.placed.map((p) => p.to).slice(-1), [TOM]);
  });

  it('when turns come faster than the pacing allows, then calls are placed no faster than callsPerMinute, with machine detection, callbacks and the caller ID', async () => {
    const c = await kit.tm.campaigns.create(kit.supervisor, mobileCampaign(now(), { pacing: { callsPerMinute: 2 } }));
    const first = await kit.tm.dialer.turn(c.id);
    assert.ok(first.dialed?.callSid);
    assert.equal(first.nextInMs, 30_000);
    kit.care.clock.advance(10_000);
    const early = await kit.tm.dialer.turn(c.id);
    assert.equal(early.dialed, undefined);
    assert.equal(early.nextInMs, 20_000);
    assert.equal(kit.placed.length, 1);
    kit.care.clock.advance(20_000);
    assert.ok((await kit.tm.dialer.turn(c.id)).dialed);
    assert.equal(kit.placed.length, 2);
    // Ten turns in the same instant place nothing more.
    await Promise.all(Array.from({ length: 10 }, () => kit.tm.dialer.turn(c.id)));
    assert.equal(kit.placed.length, 2);

    const create = kit.rest.requests.find((r) => r.path === `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`)!;
    assert.equal(create.form.From, CALLER_ID);
    assert.equal(create.form.MachineDetection, 'DetectMessageEnd');
    assert.equal(create.form.AsyncAmd, 'true');
    assert.match(create.form.AsyncAmdStatusCallback, /^https:\/\/care\.example\.test\/voice-outbound\/amd\?t=tgt_[A-Z0-9]+&n=1$/);
    assert.match(create.form.StatusCallback, /^https:\/\/care\.example\.test\/voice-outbound\/status\?t=tgt_[A-Z0-9]+&n=1$/);
    assert.match(create.form.Url, /^https:\/\/care\.example\.test\/voice-outbound\/answer\?/);
    const t = await kit.care.stores.campaignTargets.findOne({ phone: create.form.To, campaignId: c.id });
    assert.equal(t?.status, 'dialing');
    assert.equal(t?.attempts[0]?.status, 'placed');
    assert.equal(t?.attempts[0]?.callSid, kit.placed[0]?.callSid, 'the attempt is recorded with its call');
  });

  it('when a campaign is paused mid-run, then no further call is placed until it is resumed', async () => {
    const c = await kit.tm.campaigns.create(kit.supervisor, mobileCampaign(now(), { pacing: { callsPerMinute: 60 } }));
    assert.ok((await kit.tm.dialer.turn(c.id)).dialed);
    kit.care.clock.advance(1000);
    assert.ok((await kit.tm.dialer.turn(c.id)).dialed, 'a second call once the pacing allows');
    await kit.tm.campaigns.pause(kit.supervisor, c.id);
    kit.care.clock.advance(60_000);
    const paused = await kit.tm.dialer.turn(c.id);
    assert.deepEqual(paused, { nextInMs: null });
    assert.equal(kit.placed.length, 2);
    await assert.rejects(kit.tm.campaigns.resume(kit.csr, c.id), (e) => isDomainError(e) && e.code === 'NOT_PERMITTED');
    const resumed = await kit.tm.campaigns.resume(kit.supervisor, c.id);
    assert.equal(resumed.status, 'active');
    assert.ok((await kit.tm.dialer.turn(c.id)).dialed);
    assert.equal(kit.placed.length, 3);
    assert.deepEqual((await kit.care.stores.campaigns.get(c.id))?.history.map((h) => h.action), ['created', 'paused', 'resumed']);
  });
});
