/**
 * Voice pickup against the whole app listening on port 0, with a stand-in for api.twilio.com at
 * its HTTP boundary (TWILIO_API_BASE_URL): a caller queues through the IVR, a CSR accepts, the
 * redirect reaches the stand-in, and the TwiML it points to dials the CSR with the whisper.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { problemOf, startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, REPAIR_CSR, staffSignIn } from './staff-harness';
import { TwilioCaller } from '../../../src/channels/voice/twiml/twilio-caller';
import { startTwilioRestStandin, type TwilioRestStandin } from '../../../scripts/support/twilio-rest-standin';
import { runCsrSide, type CsrSideOptions } from '../../../scripts/support/csr-side';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const DANA_PHONE = '+12175550142';

describe('voice pickup: a CSR takes a queued call', () => {
  let api: Api;
  let server: Server;
  let standin: TwilioRestStandin;
  let csr: string;

  async function start(env: Record<string, string>, csrSide?: CsrSideOptions): Promise<void> {
    standin = csrSide ? await runCsrSide(csrSide) : await startTwilioRestStandin();
    api = await startApi({ env: { TWILIO_API_BASE_URL: standin.url, ...env } });
    server = api.runtime.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    if (csrSide) Object.assign(csrSide, { serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, publicBaseUrl: api.runtime.config.publicBaseUrl, authToken: api.runtime.config.twilioAuthToken });
    csr = await staffSignIn(api, BILLING_CSR);
  }
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await api.close();
    await standin.close();
  });

  /** Dana calls, proves who she is with her PIN and presses 0: she waits in a queue. */
  async function queuedCall(): Promise<{ caller: TwilioCaller; escalationId: string }> {
    const { port } = server.address() as AddressInfo;
    const caller = new TwilioCaller({ serverUrl: `http://127.0.0.1:${port}`, publicBaseUrl: api.runtime.config.publicBaseUrl, authToken: api.runtime.config.twilioAuthToken, from: DANA_PHONE });
    await caller.dial();
    await caller.press('1');
    await caller.press('4821');
    const heard = await caller.press('0');
    assert.ok(heard.enqueue, `queued: ${heard.says.map((s) => s.text).join(' ')}`);
    const e = await api.runtime.stores.escalations.findOne({ channelRef: caller.callSid });
    assert.equal(e?.status, 'queued');
    return { caller, escalationId: e.id };
  }

  it('when a CSR accepts a queued call, then Twilio is asked to redirect it to our dial TwiML, which announces the CSR and dials their phone with the customer whispered', async () => {
    await start({ TWILIO_ACCOUNT_SID: ACCOUNT_SID });
    const { caller, escalationId } = await queuedCall();

    const res = await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', csr);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.call, { status: 'connecting', to: { kind: 'phone', number: '+12175550190' }, message: 'Your phone +12175550190 rings now.' });
    assert.equal(res.body.customer.name, 'Dana Whitfield', 'the screen pop is still there');

    assert.equal(standin.requests.length, 1);
    const [redirect] = standin.requests;
    assert.equal(redirect.path, `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${caller.callSid}.json`);
    assert.equal(redirect.user, ACCOUNT_SID);
    const dialUrl = `${api.runtime.config.publicBaseUrl.replace(/\/$/, '')}/voice/pickup?e=${escalationId}`;
    assert.deepEqual(redirect.form, { Url: dialUrl, Method: 'POST' });

    const dial = await caller.redirectTo(redirect.form.Url);
    assert.equal(dial.status, 200);
    const whisperUrl = `${api.runtime.config.publicBaseUrl.replace(/\/$/, '')}/voice/pickup/whisper?e=${escalationId}`;
    assert.match(dial.body, new RegExp(String.raw`<Say [^>]*>Connecting you to Alex Morgan now\.<\/Say><Dial action="[^"]*\/voice\/pickup\/after\?e=${escalationId}&amp;l=en" method="POST"><Number url="([^"]+)" method="POST">\+12175550190<\/Number><\/Dial>`));
    assert.equal(/<Number url="([^"]+)"/.exec(dial.body)?.[1]?.replace(/&amp;/g, '&'), whisperUrl);

    const whisper = await caller.whisper(whisperUrl, '+12175550190');
    assert.equal(whisper.status, 200);
    assert.match(whisper.body, /<Say [^>]*>Customer Dana Whitfield\. Reason: [^<]+\.<\/Say>/);

    const afterUrl = `${api.runtime.config.publicBaseUrl.replace(/\/$/, '')}/voice/pickup/after?e=${escalationId}&l=en`;
    const answered = await caller.post(afterUrl, { CallSid: caller.callSid, DialCallStatus: 'completed' });
    assert.match(answered.body, /<Response><Hangup\/><\/Response>/);
    assert.equal((await api.runtime.stores.escalations.get(escalationId))?.status, 'assigned', 'an answered call stays with the CSR');

    const unsigned = await caller.post(redirect.form.Url, { CallSid: caller.callSid }, { signature: null });
    assert.equal(unsigned.status, 403, 'the dial TwiML is a signed webhook like every other');
    const stored = await api.runtime.stores.escalations.get(escalationId);
    assert.equal(stored?.assignedTo, 'stf-alex');
    const audit = await api.runtime.stores.audit.findOne({ action: 'escalation.accept', escalationId });
    assert.deepEqual(audit?.detail, { call: 'connecting' });

    const again = await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', csr);
    assert.equal(again.status, 200);
    assert.equal(standin.requests.length, 1, 'repeating the accept does not ring the CSR again');
  });

  it('when the CSR does not answer, then the caller is told, queued again in the same queue, and the escalation waits again for any CSR', async () => {
    await start({ TWILIO_ACCOUNT_SID: ACCOUNT_SID });
    const { caller, escalationId } = await queuedCall();
    await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', csr);
    const after = await caller.post(`${api.runtime.config.publicBaseUrl.replace(/\/$/, '')}/voice/pickup/after?e=${escalationId}&l=en`, { CallSid: caller.callSid, DialCallStatus: 'no-answer' });
    assert.equal(after.status, 200);
    assert.match(after.body, /<Say [^>]*>Sorry, the representative could not take your call\. You keep your place in line\.<\/Say><Enqueue waitUrl="[^"]*\/voice\/wait\?l=en" method="POST">billing<\/Enqueue>/);
    const stored = await api.runtime.stores.escalations.get(escalationId);
    assert.equal(stored?.status, 'queued');
    assert.equal(stored?.assignedTo, undefined);
    const queue = await api.http.get('/api/v1/staff/queue').set('Authorization', csr);
    assert.ok((queue.body.items as { id: string }[]).some((x) => x.id === escalationId));
  });

  it('when the caller hung up before the accept, then the accept is a 409 conflict and Twilio is not asked anything', async () => {
    await start({ TWILIO_ACCOUNT_SID: ACCOUNT_SID });
    const { caller, escalationId } = await queuedCall();
    assert.equal((await caller.hangUp()).status, 204);

    const res = await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', csr);
    assert.equal(res.status, 409);
    assert.equal(problemOf(res).code, 'CONFLICT');
    assert.equal(standin.requests.length, 0);
    assert.equal((await api.runtime.stores.escalations.get(escalationId))?.status, 'abandoned');
  });

  it('when Twilio says the call is no longer in progress, then the accept says the caller is gone', async () => {
    await start({ TWILIO_ACCOUNT_SID: ACCOUNT_SID });
    const { caller, escalationId } = await queuedCall();
    standin.ended.add(caller.callSid);
    const res = await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', csr);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.call, { status: 'not-moved', reason: 'call-ended', message: 'The caller is no longer on the line.' });
    assert.equal(standin.requests.length, 1);
  });

  it('when the first redirect failed, then POST /queue/:id/connect-call by the CSR who took it tries again, and anyone else gets a 409 with no REST call', async () => {
    await start({ TWILIO_ACCOUNT_SID: ACCOUNT_SID });
    const { caller, escalationId } = await queuedCall();
    standin.ended.add(caller.callSid);
    assert.equal((await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', csr)).body.call.status, 'not-moved');
    standin.ended.delete(caller.callSid);

    const other = await api.http.post(`/api/v1/staff/queue/${escalationId}/connect-call`).set('Authorization', await staffSignIn(api, REPAIR_CSR));
    assert.equal(other.status, 409);
    assert.equal(problemOf(other).code, 'CONFLICT');
    assert.equal(standin.requests.length, 1);

    const again = await api.http.post(`/api/v1/staff/queue/${escalationId}/connect-call`).set('Authorization', csr);
    assert.equal(again.status, 200);
    assert.equal(again.body.call.status, 'connecting');
    assert.equal(standin.requests.length, 2);
    assert.equal(standin.requests[1].form.Url, `${api.runtime.config.publicBaseUrl.replace(/\/$/, '')}/voice/pickup?e=${escalationId}`);
    assert.deepEqual((await api.runtime.stores.audit.find({ action: 'call.connect', escalationId })).map((a) => a.result).sort(), ['ok', 'refused']);
  });

  it('when no TWILIO_ACCOUNT_SID is set, then the accept still takes the call and says it cannot be moved, with no REST request', async () => {
    await start({});
    const { escalationId } = await queuedCall();
    const res = await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', csr);
    assert.equal(res.status, 200);
    assert.equal(res.body.call.status, 'not-moved');
    assert.equal(res.body.call.reason, 'not-configured');
    assert.match(res.body.call.message, /no Twilio account is configured \(TWILIO_ACCOUNT_SID\)/);
    assert.equal((await api.runtime.stores.escalations.get(escalationId))?.status, 'assigned');
    assert.equal(standin.requests.length, 0);
  });

  it('when TaskRouter routes calls (TWILIO_WORKFLOW_SID), then the accept shows the context and does not redirect the call', async () => {
    await start({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_WORKFLOW_SID: `WW${'a'.repeat(32)}` });
    const { escalationId } = await queuedCall();
    const res = await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', csr);
    assert.equal(res.status, 200);
    assert.equal(res.body.call.status, 'routed-by-taskrouter');
    assert.equal(res.body.customer.name, 'Dana Whitfield');
    assert.equal(standin.requests.length, 0);
  });

  it('when the call simulator plays the CSR side (--csr), then it follows the redirect and prints the CSR phone ringing with the whisper', async () => {
    const lines: string[] = [];
    let rang: (line: string) => void = () => undefined;
    const ringing = new Promise<string>((resolve) => (rang = resolve));
    const print = (line: string) => {
      lines.push(line);
      if (line.includes('CSR phone rings')) rang(line);
    };
    await start({ TWILIO_ACCOUNT_SID: ACCOUNT_SID }, { serverUrl: '', publicBaseUrl: '', authToken: '', restPort: 0, print });
    const { escalationId } = await queuedCall();
    const res = await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', csr);
    assert.equal(res.body.call?.status, 'connecting');
    assert.match(await ringing, /^ {2}📱 CSR phone rings: \+12175550190, whisper: Customer Dana Whitfield\. Reason: .+\.$/);
    assert.ok(lines.includes('  🔊 caller hears: Connecting you to Alex Morgan now.'), lines.join('\n'));
  });
});
