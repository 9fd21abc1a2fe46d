/**
 * Callback instead of waiting, against the whole app on port 0 and a stand-in for api.twilio.com:
 * the queued caller presses the callback key, hangs up keeping their place, and the CSR's accept
 * places a call that rings the CSR first, then dials the customer.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, staffSignIn } from './staff-harness';
import { newCallSid, TwilioCaller } from '../../../src/channels/voice/twiml/twilio-caller';
import { startTwilioRestStandin, type TwilioRestStandin } from '../../../scripts/support/twilio-rest-standin';

const ACCOUNT_SID = `AC${'2'.repeat(32)}`;
const DANA_PHONE = '+12175550142';
const OUR_NUMBER = '+12175550100';

describe('voice callback: press 1 and we call you back', () => {
  let api: Api;
  let server: Server;
  let standin: TwilioRestStandin;
  let caller: TwilioCaller;
  let base: string;
  let serverUrl: string;

  beforeEach(async () => {
    standin = await startTwilioRestStandin();
    api = await startApi({ env: { TWILIO_API_BASE_URL: standin.url, TWILIO_ACCOUNT_SID: ACCOUNT_SID } });
    server = api.runtime.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = api.runtime.config.publicBaseUrl.replace(/\/$/, '');
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    caller = new TwilioCaller({ serverUrl, publicBaseUrl: base, authToken: api.runtime.config.twilioAuthToken, from: DANA_PHONE, to: OUR_NUMBER });
    await caller.dial();
    await caller.press('1');
    await caller.press('4821');
    assert.ok((await caller.press('0')).enqueue);
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await api.close();
    await standin.close();
  });

  const escalation = async () => {
    const e = await api.runtime.stores.escalations.findOne({ channelRef: caller.callSid });
    assert.ok(e);
    return e;
  };
  const waitParams = (extra: Record<string, string> = {}) => ({ CallSid: caller.callSid, From: DANA_PHONE, To: OUR_NUMBER, QueuePosition: '1', ...extra });

  it('when the queued caller presses 1, then the callback is recorded with their number, they hang up, and the item keeps its place in the queue', async () => {
    const hold = await caller.post('/voice/wait?l=en', waitParams());
    assert.match(hold.body, /<Gather action="[^"]*\/voice\/wait\/callback\?l=en" method="POST" input="dtmf" numDigits="1" timeout="5"><Say [^>]*>Thanks for waiting\.[^<]*<\/Say><Say [^>]*>To hang up and have us call you back, keeping your place in line, press 1\.<\/Say><\/Gather>/);

    const other = await caller.post('/voice/wait/callback?l=en', waitParams({ Digits: '7' }));
    assert.match(other.body, /<Redirect method="POST">[^<]*\/voice\/wait\?l=en<\/Redirect>/);
    assert.equal((await escalation()).callback, undefined, 'another key keeps the caller holding');

    const booked = await caller.post('/voice/wait/callback?l=en', waitParams({ Digits: '1' }));
    // The number is read digit by digit, so the caller can check it (never "+12175550142" read as a quantity).
    assert.match(booked.body, /<Say [^>]*>Thank you\. A representative will call you back at 2 1 7, 5 5 5, 0 1 4 2\. Goodbye\.<\/Say><Hangup\/>/);
    assert.equal((await caller.hangUp()).status, 204);

    const e = await escalation();
    assert.equal(e.status, 'queued', 'hanging up after asking for a callback does not abandon it');
    assert.deepEqual(e.callback, { number: DANA_PHONE, via: OUR_NUMBER, requestedAt: e.callback?.requestedAt });
    const queue = await api.http.get('/api/v1/staff/queue').set('Authorization', await staffSignIn(api, BILLING_CSR));
    const item = (queue.body.items as { id: string; callback?: { number: string } }[]).find((x) => x.id === e.id);
    assert.equal(item?.callback?.number, DANA_PHONE);
  });

  it('when a CSR accepts a callback item, then a call is placed to the CSR from our number whose TwiML, once answered, dials the customer', async () => {
    await caller.post('/voice/wait/callback?l=en', waitParams({ Digits: '1' }));
    await caller.hangUp();
    const e = await escalation();

    const res = await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', await staffSignIn(api, BILLING_CSR));
    assert.equal(res.status, 200);
    assert.equal(res.body.call.status, 'calling-back');
    assert.equal(res.body.call.customerNumber, DANA_PHONE);

    assert.equal(standin.requests.length, 1);
    const [placed] = standin.requests;
    assert.equal(placed.path, `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`);
    assert.deepEqual(placed.form, { To: '+12175550190', From: OUR_NUMBER, Url: `${base}/voice/pickup/callback?e=${e.id}`, Method: 'POST' });

    const csrLeg = new TwilioCaller({ serverUrl, publicBaseUrl: base, authToken: api.runtime.config.twilioAuthToken, from: OUR_NUMBER, to: '+12175550190', callSid: newCallSid() });
    const twiml = await csrLeg.redirectTo(placed.form.Url);
    assert.equal(twiml.status, 200);
    assert.match(twiml.body, /<Say [^>]*>Calling back customer Dana Whitfield\. Reason: [^<]+\.<\/Say><Dial callerId="\+12175550100"><Number>\+12175550142<\/Number><\/Dial>/);
    const unsigned = await csrLeg.post(placed.form.Url, { CallSid: csrLeg.callSid }, { signature: null });
    assert.equal(unsigned.status, 403);
  });
});
