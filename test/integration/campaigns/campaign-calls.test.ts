/**
 * A campaign end to end through the real server: a supervisor creates it over the staff API, the
 * dialer calls through Twilio REST (the stand-in at its HTTP boundary), and each number answers
 * as scripted: a person who buys, one who declines, an answering machine, no answer, busy.
 * Run once with the in-process scheduler and once on BullMQ with the real Redis.
 */
import assert from 'node:assert/strict';
import IORedis from 'ioredis';
import twilio from 'twilio';
import { startCampaignServer, eventually, CALLER_ID, type CampaignServer } from './campaign-server';
import { staffSignIn, SUPERVISOR, BILLING_CSR } from '../staff/staff-harness';
import { mobileCampaign } from './campaign-kit';
import type { ScriptedOutcome } from '../../../scripts/support/twilio-campaign-standin';
import type { CampaignReport } from '../../../src/domain/campaigns/campaign-report';
import type { CampaignTarget } from '../../../src/domain/campaigns/campaign';
import type { Api } from '../api/api-harness';
import { speakMoney } from '../../../src/shared/format/speech/speak-facts';

const DANA = '+12175550142';
const PRIYA = '+12175550144';
const TOM = '+12175550145';
const REDIS_URL = 'redis://127.0.0.1:6379';

/** Dana buys, Priya declines, Tom's machine answers; the others alternate no answer and busy. */
function script(to: string): ScriptedOutcome {
  if (to === DANA) return { kind: 'human-buys', pin: '4821' };
  if (to === PRIYA) return { kind: 'human-declines' };
  if (to === TOM) return { kind: 'machine' };
  return Number(to.slice(-1)) % 2 === 0 ? { kind: 'no-answer' } : { kind: 'busy' };
}

async function runCampaign(s: CampaignServer): Promise<{ id: string; report: CampaignReport; targets: CampaignTarget[] }> {
  const api = { http: s.http } as unknown as Api;
  const supervisor = await staffSignIn(api, SUPERVISOR);
  const csr = await staffSignIn(api, BILLING_CSR);
  const body = mobileCampaign(s.clock.now().toISOString(), { pacing: { callsPerMinute: 600 }, retryAfterMinutes: 0.01, maxAttempts: 2 });

  const refused = await s.http.post('/api/v1/staff/campaigns').set('Authorization', csr).send(body);
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'NOT_PERMITTED');
  const bad = await s.http.post('/api/v1/staff/campaigns').set('Authorization', supervisor).send({ ...body, maxAttempts: 0 });
  assert.equal(bad.status, 400);
  assert.equal(await s.runtime.stores.campaigns.count({}), 0, 'refused requests change nothing');

  const created = await s.http.post('/api/v1/staff/campaigns').set('Authorization', supervisor).send(body);
  assert.equal(created.status, 201, created.text);
  const id = created.body.id as string;
  const report = await eventually(async () => {
    const r = await s.http.get(`/api/v1/staff/campaigns/${id}`).set('Authorization', supervisor);
    const rep = r.body.report as CampaignReport;
    return rep.queued === 0 && rep.dialing === 0 ? rep : undefined;
  }, 'every target to be finished', 30_000);
  await s.standin.settled();
  const targets = await s.http.get(`/api/v1/staff/campaigns/${id}/targets`).set('Authorization', supervisor);
  assert.equal(targets.status, 200);
  return { id, report, targets: targets.body.items as CampaignTarget[] };
}

async function checkOutcomes(s: CampaignServer, report: CampaignReport, targets: CampaignTarget[]): Promise<void> {
  const calls = s.standin.calls;
  assert.deepEqual(calls.filter((c) => c.error).map((c) => `${c.to}: ${c.error}`), [], 'every call played to its end');
  const byPhone = (phone: string) => targets.find((t) => t.phone === phone)!;

  // Every placed call asked for DetectMessageEnd asynchronously, with our caller ID.
  for (const c of calls) {
    assert.equal(c.form.MachineDetection, 'DetectMessageEnd');
    assert.equal(c.form.AsyncAmd, 'true');
    assert.equal(c.from, CALLER_ID);
  }

  const dana = byPhone(DANA);
  assert.equal(dana.status, 'converted');
  assert.equal(dana.conversion?.via, 'campaign-call');
  assert.equal(dana.attempts.length, 1);
  assert.equal(dana.attempts[0]?.answeredBy, 'human');
  assert.equal(dana.attempts[0]?.outcome, 'sale');
  const danaCall = calls.find((c) => c.to === DANA)!;
  assert.equal(danaCall.heard[0], 'Hello, this is Brightwave Telecom calling with an offer for this line: Brightwave Mobile Unlimited. To hear your price and order it, press 1. If you are not interested, press 2. To be called later, press 3. If you don\'t want any more calls from us, press 9.');
  assert.equal(danaCall.heard[1], 'To hear your price, please enter your account PIN, then press pound.', 'the PIN before any account detail');
  // The quote said is the one the order was placed with.
  const order = (await s.runtime.stores.orders.get(dana.conversion?.orderId ?? ''))!;
  assert.equal(order.channel, 'voice');
  assert.equal(danaCall.heard[2], `Brightwave Mobile Unlimited for you: ${speakMoney(order.quote.monthlyTotal, 'en')} a month, and ${speakMoney(order.quote.oneTimeTotal, 'en')} today. To order it now, press 1. If you are not interested, press 2. To be called later, press 3.`);
  assert.equal(danaCall.heard[3], 'Done: Brightwave Mobile Unlimited is ordered. Thank you for choosing Brightwave. Goodbye.');

  const priya = byPhone(PRIYA);
  assert.equal(priya.status, 'declined');
  assert.equal(priya.attempts.length, 1, 'who said no is not called again');
  assert.equal(priya.attempts[0]?.outcome, 'not-interested');

  // The machine: voicemail after the beep on the first call only; tried again within the limit.
  const tom = byPhone(TOM);
  assert.equal(tom.status, 'exhausted');
  assert.deepEqual(tom.attempts.map((a) => [a.answeredBy, a.outcome ?? null, Boolean(a.voicemailAt)]), [['machine', 'voicemail', true], ['machine', null, false]]);
  const tomCalls = calls.filter((c) => c.to === TOM);
  assert.equal(tomCalls[0]?.voicemail, 'Hello, this is Brightwave Telecom. Call us about Mobile Unlimited at 217 555 0100.');
  assert.equal(tomCalls[1]?.voicemail, undefined, 'the voicemail is left once');

  // No answer and busy: retried once more, then left.
  const silent = targets.filter((t) => ![DANA, PRIYA, TOM].includes(t.phone) && t.status !== 'suppressed');
  assert.ok(silent.length > 0);
  for (const t of silent) {
    assert.equal(t.status, 'exhausted');
    assert.deepEqual(t.attempts.map((a) => a.status), [script(t.phone).kind, script(t.phone).kind]);
  }

  assert.equal(report.dialed, calls.length);
  assert.equal(report.human, calls.filter((c) => c.outcome.startsWith('human')).length);
  assert.equal(report.machine, calls.filter((c) => c.outcome === 'machine').length);
  assert.equal(report.noAnswer, calls.filter((c) => c.outcome === 'no-answer' || c.outcome === 'busy').length);
  assert.equal(report.sales, 1);
  assert.equal(report.declined, 1);
}

describe('campaigns end to end: the dialer, Twilio at its HTTP boundary, the people who answer', () => {
  let s: CampaignServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('when a campaign runs with the in-process scheduler, then the buyer orders on the call, the decliner is recorded, the machine gets the voicemail once and the others are retried within the limit', async () => {
    s = await startCampaignServer({ outcome: script });
    const { report, targets } = await runCampaign(s);
    await checkOutcomes(s, report, targets);
    const dana = (await s.runtime.stores.customers.findOne({ phones: DANA }))!;
    const [order] = await s.runtime.stores.orders.find({ customerId: dana.id, channel: 'voice' });
    assert.ok(order, 'the order was placed through the orders use case');
    assert.equal(order.items[0]?.action === 'add' && order.items[0].productId, 'mobile-unlimited');
    assert.equal(targets.find((t) => t.phone === DANA)?.conversion?.orderId, order.id);
    const priya = (await s.runtime.stores.customers.findOne({ phones: PRIYA }))!;
    assert.equal(priya.marketing.at(-1)?.answerId, 'not-interested', 'the answer is kept with the customer\'s marketing answers');
  });

  it('when Twilio repeats every status callback, then each attempt ends once: no extra retry, no extra call', async () => {
    s = await startCampaignServer({ outcome: script, repeatStatusCallbacks: true });
    const { report, targets } = await runCampaign(s);
    await checkOutcomes(s, report, targets);
    for (const t of targets) assert.ok(t.attempts.length <= 2, `${t.phone} called ${t.attempts.length} times`);

    // The same final callback once more, by hand, changes nothing.
    const tom = targets.find((t) => t.phone === TOM)!;
    const last = tom.attempts.at(-1)!;
    const before = await s.runtime.stores.campaignTargets.get(tom.id);
    const statusUrl = `/voice-outbound/status?t=${tom.id}&n=${last.n}`;
    const signed = await s.http.post(statusUrl).type('form').set('X-Twilio-Signature', sign(s, statusUrl, { CallSid: last.callSid!, CallStatus: 'no-answer' })).send({ CallSid: last.callSid, CallStatus: 'no-answer' });
    assert.equal(signed.status, 204);
    const after = await s.runtime.stores.campaignTargets.get(tom.id);
    assert.equal(after?.version, before?.version);
    assert.deepEqual(after?.attempts, before?.attempts);
    const unsigned = await s.http.post(statusUrl).type('form').send({ CallSid: last.callSid, CallStatus: 'no-answer' });
    assert.equal(unsigned.status, 403, 'the callbacks are signed webhooks like the IVR\'s');
  });

  it('when REDIS_URL is set, then the dialer runs on BullMQ in Redis and the campaign ends the same way', async () => {
    const prefix = `telecare-test-${process.pid}-${Date.now()}:`;
    const redis = new IORedis(REDIS_URL);
    try {
      s = await startCampaignServer({ outcome: script, env: { REDIS_URL, REDIS_KEY_PREFIX: prefix } });
      const { report, targets } = await runCampaign(s);
      await checkOutcomes(s, report, targets);
      const keys = await redis.keys(`${prefix}bull:campaign-dialer:*`);
      assert.ok(keys.some((k) => k.endsWith(':meta') || k.endsWith(':id')), `BullMQ keeps its queue under ${prefix}bull (found ${keys.join(', ')})`);
    } finally {
      await s?.close();
      s = undefined;
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});

function sign(s: CampaignServer, path: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(s.runtime.config.twilioAuthToken, `${s.runtime.config.publicBaseUrl.replace(/\/$/, '')}${path}`, params);
}

