/**
 * Inbound closes the loop, and machine detection's branches: a targeted customer who buys the
 * offer on chat is converted (attributed to the campaign, channel chat) and never called; who
 * answered decides whether the voicemail is sent, once.
 */
import { eventually } from '../../support/eventually';
import assert from 'node:assert/strict';
import { campaignKit, mobileCampaign, ACCOUNT_SID, type CampaignKit } from './campaign-kit';
import { makeKit, play, type Kit } from '../../unit/chat/chat-test-kit';
import { whoAnswered } from '../../../src/channels/voice/outbound/outbound-router';
import type { CampaignTarget } from '../../../src/domain/campaigns/campaign';

const DANA = '+12175550142';


describe('campaigns: inbound conversion and machine detection', () => {
  let kit: CampaignKit;
  beforeEach(async () => {
    kit = await campaignKit();
    await kit.tm.start({ dialer: false });
  });
  afterEach(async () => kit.close());

  const target = async (campaignId: string, phone: string) => (await kit.care.stores.campaignTargets.findOne({ campaignId, phone }))!;

  it('when a targeted customer buys the offer on chat, then the target is converted, attributed to the campaign and chat, and she is never called', async () => {
    const c = await kit.tm.campaigns.create(kit.supervisor, mobileCampaign(kit.care.clock.now().toISOString()));
    assert.equal((await target(c.id, DANA)).status, 'queued');

    const chat: Kit = await makeKit({ fixture: kit.care });
    const dana = kit.care.people.find((p) => p.key === 'bundle')!;
    await play(chat, [
      ['what is my bill', ['account number']],
      [dana.accountNumber, ['PIN']],
      [dana.pin, ["Thanks, Dana, you're verified", 'Your balance is']],
      ['tap:Yes, I', ["Great, let's set that up.", 'SIM']],
      ['tap:eSIM', ['add-on']],
      ['tap:No add-on', ['quote for Brightwave Mobile Unlimited']],
      ['yes', ['Brightwave Mobile Unlimited is active']],
    ]);
    const [order] = await kit.care.stores.orders.find({ customerId: (await target(c.id, DANA)).customerId, channel: 'chat' });
    assert.ok(order, 'ordered on chat');

    const converted = await eventually(async () => {
      const t = await target(c.id, DANA);
      return t.status === 'converted' ? t : undefined;
    }, 'the conversion');
    assert.deepEqual(converted.conversion, { via: 'chat', orderId: order.id, at: order.createdAt });
    assert.equal(converted.nextAttemptAt, undefined, 'out of the queue');
    assert.equal((await kit.tm.campaigns.get(kit.supervisor, c.id)).report.inboundConversions, 1);

    for (let i = 0; i < 80 && (await kit.tm.dialer.turn(c.id)).nextInMs !== null; i += 1) kit.care.clock.advance(60_000);
    assert.ok(kit.placed.length > 0, 'the others were called');
    assert.ok(!kit.placed.some((p) => p.to === DANA), 'the converted customer is not called');
  });

  it('when a target is called, then a person (or an unknown answer) goes on with the flow, and a machine gets the voicemail redirect once', async () => {
    const c = await kit.tm.campaigns.create(kit.supervisor, mobileCampaign(kit.care.clock.now().toISOString(), { pacing: { callsPerMinute: 600 } }));
    const placed: { t: CampaignTarget; callSid: string }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await kit.tm.dialer.turn(c.id);
      assert.ok(r.dialed?.callSid);
      placed.push({ t: (await kit.care.stores.campaignTargets.get(r.dialed.targetId))!, callSid: r.dialed.callSid });
      kit.care.clock.advance(1000);
    }
    const [human, unknown, machine] = placed;
    const updates = () => kit.rest.requests.filter((r) => /\/Calls\/CA[0-9a-f]{32}\.json$/.test(r.path));

    assert.deepEqual(await kit.tm.calls.answeredBy(human.t.id, 1, human.callSid, whoAnswered('human')), { voicemail: false });
    assert.deepEqual(await kit.tm.calls.answeredBy(unknown.t.id, 1, unknown.callSid, whoAnswered('unknown')), { voicemail: false });
    assert.equal(updates().length, 0, 'nobody is redirected');

    assert.deepEqual(await kit.tm.calls.answeredBy(machine.t.id, 1, machine.callSid, whoAnswered('machine_end_beep')), { voicemail: true });
    assert.deepEqual(await kit.tm.calls.answeredBy(machine.t.id, 1, machine.callSid, whoAnswered('machine_end_beep')), { voicemail: false }, 'a repeated callback');
    assert.equal(updates().length, 1);
    assert.equal(updates()[0]?.path, `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${machine.callSid}.json`);
    assert.equal(updates()[0]?.form.Url, `https://care.example.test/voice-outbound/voicemail?t=${machine.t.id}&n=1`);
    const stored = (await kit.care.stores.campaignTargets.get(machine.t.id))!;
    assert.equal(stored.voicemailLeft, true);
    assert.equal(stored.attempts[0]?.answeredBy, 'machine');
    assert.equal((await kit.care.stores.campaignTargets.get(unknown.t.id))?.attempts[0]?.answeredBy, 'unknown');

    // A callback for a call the dialer did not place is refused.
    await assert.rejects(kit.tm.calls.answeredBy(machine.t.id, 1, human.callSid, 'machine'), /no such campaign call/);
    assert.equal(whoAnswered('fax'), 'machine');
    assert.equal(whoAnswered('machine_end_silence'), 'machine');
  });
});
