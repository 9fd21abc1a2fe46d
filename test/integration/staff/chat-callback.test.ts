/**
 * A chat customer leaves a number instead of waiting, against the whole app on port 0 (Direct
 * Line over a WebSocket) and a stand-in for api.twilio.com: the callback item reaches the staff
 * queue at the time asked for, and the CSR's accept places the call exactly as for a caller's
 * "press 1", from the configured caller ID.
 */
import assert from 'node:assert/strict';
import { startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, staffSignIn } from './staff-harness';
import { customerOn, listen, type Customer, type Listening } from './chat-sides';
import { newCallSid, TwilioCaller } from '../../../src/channels/voice/twiml/twilio-caller';
import { startTwilioRestStandin, type TwilioRestStandin } from '../../../scripts/support/twilio-rest-standin';

const ACCOUNT_SID = `AC${'3'.repeat(32)}`;
const OUR_NUMBER = '+12175550100';
const LEFT_NUMBER = '+12175550177';
const CSR_PHONE = '+12175550190';

type Item = { id: string; channel: string; callback?: { number: string; at?: string } };

describe('chat callback: leave a number, and a CSR calls back', () => {
  let standin: TwilioRestStandin;
  let api: Api;
  let side: Listening;
  let customer: Customer;

  const start = async (env: Record<string, string>) => {
    standin = await startTwilioRestStandin();
    api = await startApi({ env: { TWILIO_API_BASE_URL: standin.url, TWILIO_ACCOUNT_SID: ACCOUNT_SID, ...env } });
    side = await listen(api);
    customer = await customerOn(side);
  };
  afterEach(async () => {
    customer?.close();
    await side?.close();
    await api?.close();
    await standin?.close();
  });

  /** The customer asks for a person, then books a callback `when` through the chat. */
  const bookCallback = async (when: string) => {
    await customer.say('agent');
    await customer.botSays(/number 1 in line/);
    let from = customer.activities.length;
    await customer.say('call me back');
    await customer.botSays(/What number should the agent call/, from);
    from = customer.activities.length;
    await customer.say('(217) 555-0177');
    await customer.botSays(/When should we call \(217\) 555-0177\?/, from);
    from = customer.activities.length;
    await customer.say(when);
    await customer.botSays(/Shall I book it\?/, from);
    from = customer.activities.length;
    await customer.say('yes');
    return customer.botSays(/^Booked/, from);
  };
  const queue = async (authorization: string): Promise<Item[]> => {
    const res = await api.http.get('/api/v1/staff/queue').set('Authorization', authorization);
    assert.equal(res.status, 200);
    return res.body.items as Item[];
  };
  const escalation = async () => {
    const e = await api.runtime.stores.escalations.findOne({ channelRef: customer.conversationId });
    assert.ok(e);
    return e;
  };

  it('when the customer books a callback for later, then it is out of the queue until that time, and accepting it then rings the CSR from our number and dials the number left', async () => {
    await start({ TWILIO_CALLER_ID: OUR_NUMBER });
    const booked = await bookCallback('today at 5pm');
    assert.match(booked.text ?? '', /an agent will call you at \(217\) 555-0177 on Fri, Nov 20, 5:00 PM UTC/);
    const e = await escalation();
    assert.equal(e.status, 'queued');
    assert.deepEqual(e.callback, { number: LEFT_NUMBER, requestedAt: e.callback?.requestedAt, at: '2026-11-20T17:00:00.000Z' });

    const early = await staffSignIn(api, BILLING_CSR);
    assert.equal((await queue(early)).some((x) => x.id === e.id), false, 'not in the queue before the time asked for');
    const tooEarly = await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', early);
    assert.equal(tooEarly.status, 409);
    assert.equal(standin.requests.length, 0, 'no call placed before the time');

    // At its time it is announced once on the event port, so live queues (console, SSE) show it.
    const heard: string[] = [];
    const unsubscribe = api.runtime.events.subscribe((ev) => {
      if (ev.type === 'escalation.queued' && ev.escalationId === e.id) heard.push(ev.type);
    });
    assert.deepEqual(await api.runtime.care.escalations.announceDueCallbacks(), [], 'not due yet');
    api.clock.advance(2 * 3600_000);
    assert.deepEqual((await api.runtime.care.escalations.announceDueCallbacks()).map((x) => x.id), [e.id]);
    assert.deepEqual(await api.runtime.care.escalations.announceDueCallbacks(), [], 'announced once');
    unsubscribe();
    assert.deepEqual(heard, ['escalation.queued']);
    const authorization = await staffSignIn(api, BILLING_CSR);
    const item = (await queue(authorization)).find((x) => x.id === e.id);
    assert.deepEqual(item?.callback, { number: LEFT_NUMBER, requestedAt: e.callback?.requestedAt, at: '2026-11-20T17:00:00.000Z' });
    assert.equal((await escalation()).callback?.announcedAt, api.clock.now().toISOString());
    assert.equal(item?.channel, 'chat');

    const accepted = await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', authorization);
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.call.status, 'calling-back');
    assert.equal(accepted.body.call.customerNumber, LEFT_NUMBER);
    const base = api.runtime.config.publicBaseUrl.replace(/\/$/, '');
    assert.equal(standin.requests.length, 1);
    assert.equal(standin.requests[0]?.path, `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`);
    assert.deepEqual(standin.requests[0]?.form, { To: CSR_PHONE, From: OUR_NUMBER, Url: `${base}/voice/pickup/callback?e=${e.id}`, Method: 'POST' });

    // The CSR answers: the TwiML says whom and why, then dials the number the chat customer left, from our number.
    const csrLeg = new TwilioCaller({ serverUrl: side.base, publicBaseUrl: base, authToken: api.runtime.config.twilioAuthToken, from: OUR_NUMBER, to: CSR_PHONE, callSid: newCallSid() });
    const twiml = await csrLeg.redirectTo(standin.requests[0]!.form.Url!);
    assert.equal(twiml.status, 200);
    assert.match(twiml.body, /<Say [^>]*>Calling back, not verified\. Reason: chat: customer asked for an agent\.<\/Say><Dial callerId="\+12175550100"><Number>\+12175550177<\/Number><\/Dial>/);

    // The customer is not in the chat any more: joining it is refused; the conversation so far is readable.
    const join = await api.http.post(`/api/v1/staff/escalations/${e.id}/chat/join`).set('Authorization', authorization);
    assert.equal(join.status, 409);
    assert.match(join.body.detail, /called back at \+12175550177/);
    const read = await api.http.get(`/api/v1/staff/escalations/${e.id}/chat/messages`).set('Authorization', authorization);
    assert.equal(read.status, 200);
    // (digit runs are masked in transcripts as everywhere: the number itself is in the callback)
    assert.ok((read.body.items as { from: string; text: string }[]).some((m) => m.from === 'customer' && m.text === 'call me back'), JSON.stringify(read.body.items));
    assert.ok((read.body.items as { text: string }[]).some((m) => m.text === '(217) ***-****'), JSON.stringify(read.body.items));

    // The existing connect-call route calls back again for a chat-originated callback.
    const again = await api.http.post(`/api/v1/staff/queue/${e.id}/connect-call`).set('Authorization', authorization);
    assert.equal(again.status, 200);
    assert.equal(again.body.call.status, 'calling-back');
    assert.equal(standin.requests.length, 2);
    assert.equal(standin.requests[1]?.form.To, CSR_PHONE);
  });

  it('when the customer asks to be called as soon as possible and closes the chat, then the callback waits in the queue at once and is not abandoned', async () => {
    await start({ TWILIO_CALLER_ID: OUR_NUMBER });
    await customer.say('agent');
    await customer.botSays(/number 1 in line/);
    await customer.say('call me back');
    await customer.botSays(/What number/);
    await customer.say('217 555 0177');
    await customer.botSays(/When should we call/);
    await customer.say('As soon as possible');
    const confirm = await customer.botSays(/as soon as one is free\. Shall I book it\?/);
    const from = customer.activities.indexOf(confirm) + 1;
    await customer.say('yes');
    await customer.botSays(/^Booked/, from);
    await customer.leave();
    const authorization = await staffSignIn(api, BILLING_CSR);
    const e = await escalation();
    const item = (await queue(authorization)).find((x) => x.id === e.id);
    assert.equal(item?.callback?.number, LEFT_NUMBER);
    assert.equal(item?.callback?.at, undefined);
    assert.equal((await escalation()).status, 'queued');
  });

  it('when no caller ID is configured for chat callbacks, then the accept says the call could not be placed and Twilio is not asked', async () => {
    await start({});
    await bookCallback('As soon as possible');
    const e = await escalation();
    const accepted = await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', await staffSignIn(api, BILLING_CSR));
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.call.status, 'not-moved');
    assert.equal(accepted.body.call.reason, 'failed');
    assert.equal(standin.requests.length, 0);
  });
});
