/**
 * The CSR side of a voice pickup with no Twilio account: a stand-in for api.twilio.com that, when
 * the server redirects a queued call (after a CSR's accept), fetches the dial TwiML as Twilio
 * would, rings the "CSR phone" and plays the whisper, printing each. Optionally signs in as a demo
 * CSR and accepts the first call waiting in their queue.
 */
import { TwilioCaller } from '../../src/channels/voice/twiml/twilio-caller';
import { parseXml, type XmlElement } from '../../src/channels/voice/twiml/twiml-reader';
import { startTwilioRestStandin, type Redirect, type TwilioRestStandin } from './twilio-rest-standin';

export interface CsrSideOptions {
  /** Where the server listens, and the public base URL it signs against. */
  serverUrl: string;
  publicBaseUrl: string;
  authToken: string;
  /** The stand-in's port (the server's TWILIO_API_BASE_URL points there). */
  restPort: number;
  print: (line: string) => void;
}

const all = (el: XmlElement, name: string): XmlElement[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

/** Follows one redirect: what the caller hears, which phone rings, what the CSR is whispered. */
export async function followRedirect(o: Omit<CsrSideOptions, 'restPort'>, r: Redirect): Promise<{ says: string[]; rings?: string; whisper: string[] }> {
  const call = new TwilioCaller({ serverUrl: o.serverUrl, publicBaseUrl: o.publicBaseUrl, authToken: o.authToken, from: '+10000000000', callSid: r.callSid });
  const dial = await call.redirectTo(r.url);
  if (dial.status !== 200) throw new Error(`the dial TwiML answered ${dial.status}: ${dial.body.slice(0, 200)}`);
  const doc = parseXml(dial.body);
  const says = all(doc, 'Say').map((s) => s.text.trim());
  const leg = [...all(doc, 'Number'), ...all(doc, 'Client')][0];
  if (!leg) return { says, whisper: [] };
  const rings = `${leg.name === 'Client' ? 'client:' : ''}${leg.text.trim()}`;
  const whisperXml = leg.attrs.url ? await call.whisper(leg.attrs.url, leg.text.trim()) : undefined;
  const whisper = whisperXml?.status === 200 ? all(parseXml(whisperXml.body), 'Say').map((s) => s.text.trim()) : [];
  return { says, rings, whisper };
}

export async function runCsrSide(o: CsrSideOptions): Promise<TwilioRestStandin> {
  const standin = await startTwilioRestStandin({
    port: o.restPort,
    onRedirect: async (r) => {
      o.print(`🔀 Twilio REST: call ${r.callSid} redirected to ${r.url}`);
      try {
        const heard = await followRedirect(o, r);
        for (const s of heard.says) o.print(`  🔊 caller hears: ${s}`);
        o.print(heard.rings ? `  📱 CSR phone rings: ${heard.rings}, whisper: ${heard.whisper.join(' ') || '(none)'}` : '  (no CSR was dialled: the call is back in the queue)');
      } catch (e) {
        o.print(`  ⚠ ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  });
  o.print(`☎  Twilio REST stand-in on ${standin.url}. Start the server with`);
  o.print(`   TWILIO_ACCOUNT_SID=AC${'0'.repeat(32)} TWILIO_API_BASE_URL=${standin.url} npm run dev`);
  o.print('   then queue a call (npm run simulate:call, press 0) and accept it as a CSR.');
  return standin;
}

/** Signs in as a demo CSR and accepts the first voice escalation in their queue (polls each second). */
export async function acceptFirstCall(o: { serverUrl: string; username: string; password: string; print: (line: string) => void; signal: AbortSignal }): Promise<void> {
  const api = `${o.serverUrl.replace(/\/$/, '')}/api/v1/staff`;
  const signIn = await fetch(`${api}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: o.username, password: o.password }) });
  if (signIn.status !== 201) throw new Error(`staff sign-in as ${o.username} answered ${signIn.status}`);
  const auth = { authorization: `Bearer ${((await signIn.json()) as { token: string }).token}` };
  o.print(`👤 Signed in as ${o.username}; waiting for a call in the queue…`);
  while (!o.signal.aborted) {
    const queue = (await (await fetch(`${api}/queue`, { headers: auth })).json()) as { items: { id: string; channel: string; reason: string }[] };
    const call = queue.items.find((x) => x.channel === 'voice');
    if (call) {
      const res = await fetch(`${api}/queue/${call.id}/accept`, { method: 'POST', headers: auth });
      const body = (await res.json()) as { call?: { status: string; message: string }; detail?: string };
      o.print(`✅ Accepted ${call.id} (${call.reason}): ${res.status} ${body.call ? `${body.call.status}: ${body.call.message}` : (body.detail ?? '')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
