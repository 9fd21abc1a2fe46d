/**
 * npm run simulate:call -- --from +12175550142 [--url http://localhost:3000] [--keys "1,4821,2"]
 *
 * A phone in the terminal: calls the running server's /voice webhooks exactly as Twilio would
 * (signed with TWILIO_AUTH_TOKEN against PUBLIC_BASE_URL, or --url when that is unset), prints what the caller would hear,
 * and reads keypad digits ("1", "4821#", "*") or spoken phrases ("agent", "yes") per prompt.
 * An empty line is silence. "hangup" ends the call; the status callback is sent at the end.
 */
import readline from 'node:readline/promises';
import { loadConfig } from '../src/config/config';
import { TwilioCaller } from '../src/channels/voice/twiml/twilio-caller';
import type { Heard } from '../src/channels/voice/twiml/twiml-reader';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function show(h: Heard): void {
  for (const s of h.says) console.log(`  🔊 ${s.text}`);
  for (const p of h.plays) console.log(`  🎵 (plays ${p})`);
  if (h.enqueue) console.log(`  ⏳ (queued for a representative: ${h.enqueue.workflowSid ? `TaskRouter workflow ${h.enqueue.workflowSid}` : `queue "${h.enqueue.queue}"`})`);
  if (h.hangup) console.log('  📴 (the IVR hangs up)');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const from = arg('from') ?? '+12175550142';
  const url = arg('url') ?? `http://localhost:${config.port || 3000}`;
  const scripted = arg('keys')?.split(',');
  // The server checks signatures against its PUBLIC_BASE_URL, which defaults to http://localhost:<its PORT>:
  // with --url and no PUBLIC_BASE_URL here, the server's default is the URL we were given.
  const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? (arg('url') ? url.replace(/\/$/, '') : config.publicBaseUrl);
  const caller = new TwilioCaller({ serverUrl: url, publicBaseUrl, authToken: config.twilioAuthToken, from });
  console.log(`📞 Calling ${url}/voice from ${from} (CallSid ${caller.callSid})`);
  const rl = scripted ? undefined : readline.createInterface({ input: process.stdin, output: process.stdout });
  let heard = await caller.dial();
  show(heard);
  while (heard.gather) {
    const what = heard.gather.input.includes('speech') ? 'keys or words' : 'keys';
    const line = scripted ? scripted.shift() : await rl?.question(`  ☎  ${what} (empty = silence, "hangup")> `);
    if (line === undefined || line.trim() === 'hangup') break;
    const text = line.trim();
    if (scripted) console.log(`  ☎  ${text || '(silence)'}`);
    heard = text === '' ? await caller.silence() : /^[0-9*#]+$/.test(text) ? await caller.press(text.replace(/#$/, '')) : await caller.speak(text);
    show(heard);
  }
  rl?.close();
  const end = await caller.hangUp();
  console.log(`📴 Call ended (status callback answered ${end.status}).`);
}

main().catch((e: unknown) => {
  console.error(`call simulator: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
