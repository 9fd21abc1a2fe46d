/**
 * npm run simulate:call -- --from +12175550142 [--url http://localhost:3000] [--keys "1,4821,2"]
 *
 * A phone in the terminal: calls the running server's /voice webhooks exactly as Twilio would
 * (signed with TWILIO_AUTH_TOKEN against PUBLIC_BASE_URL, or --url when that is unset), prints what the caller would hear,
 * and reads keypad digits ("1", "4821#", "*") or spoken phrases ("agent", "yes") per prompt,
 * from the keyboard or from piped stdin (one answer per line). An empty line is silence.
 * "hangup" (or the end of the input) ends the call; the status callback is sent at the end.
 *
 * npm run simulate:call -- --csr [--rest-port 4010] [--accept-as alex.morgan]
 * The CSR side of a voice pickup (scripts/support/csr-side.ts): a stand-in for api.twilio.com that
 * follows the server's redirect when a CSR accepts a queued call, and prints the phone that rings.
 */
import readline from 'node:readline';
import { loadConfig } from '../src/config/config';
import { TwilioCaller } from '../src/channels/voice/twiml/twilio-caller';
import type { Heard } from '../src/channels/voice/twiml/twiml-reader';
import { DEMO_STAFF } from '../src/demo/demo-staff';
import { acceptFirstCall, runCsrSide } from './support/csr-side';

const USAGE = `usage: npm run simulate:call -- [--from +12175550142] [--url http://localhost:3000] [--keys "1,4821,2"]

  --from   the caller's number (a demo customer's phone: +12175550142 ... +12175550146)
  --url    where the server listens (default http://localhost:$PORT)
  --keys   the answers, comma-separated, instead of asking: digits ("4821", "4821#", "*"),
           words ("agent", "yes"), "" for silence, "hangup" to end
  --help   this text

The CSR side of a voice pickup (no Twilio account needed), in a second terminal:
  npm run simulate:call -- --csr [--rest-port 4010] [--accept-as alex.morgan]
  --csr        stand in for api.twilio.com: when a CSR accepts a queued call, follow the server's
               redirect and print "CSR phone rings: <number>, whisper: ..."; the server runs with
               TWILIO_ACCOUNT_SID=AC<32 hex> TWILIO_API_BASE_URL=http://127.0.0.1:<rest-port>
  --accept-as  also sign in as that demo CSR and accept the first call in their queue

Answers can also be piped, one per line:  printf '1\\n4821\\n2\\n' | npm run simulate:call

Requests are signed as Twilio signs them: with TWILIO_AUTH_TOKEN, for the URL PUBLIC_BASE_URL + path.
Both must match the server's settings (without PUBLIC_BASE_URL, the --url is used).`;

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

/** Answers from --keys, or line by line from stdin (a terminal or a pipe; lines that arrive early wait their turn). */
function answers(scripted: string[] | undefined): { next(prompt: string): Promise<string | undefined>; close(): void } {
  const tty = Boolean(process.stdin.isTTY);
  const echo = (prompt: string, value: string | undefined) => process.stdout.write(`${prompt}${value ?? '(end of input)'}\n`);
  if (scripted) return { next: async (prompt) => (echo(prompt, scripted[0]), scripted.shift()), close: () => undefined };
  const rl = readline.createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async next(prompt) {
      if (tty) process.stdout.write(prompt);
      const line = await lines.next();
      const value = line.done ? undefined : (line.value as string);
      if (!tty) echo(prompt, value);
      return value;
    },
    close: () => rl.close(),
  };
}

function signatureHint(publicBaseUrl: string): string {
  return [
    'The server refused the request (403): most likely the Twilio signature did not match.',
    `The simulator signed for ${publicBaseUrl}/voice/... with TWILIO_AUTH_TOKEN from its own environment;`,
    "the server checks against its PUBLIC_BASE_URL and TWILIO_AUTH_TOKEN. Run the simulator with the server's",
    'PUBLIC_BASE_URL (and TWILIO_AUTH_TOKEN when the server has one set), e.g.',
    `  PUBLIC_BASE_URL=https://your-public-host npm run simulate:call -- --url ${publicBaseUrl}`,
  ].join('\n');
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) return void console.log(USAGE);
  const config = loadConfig();
  if (process.argv.includes('--csr')) return csrSide(config);
  const from = arg('from') ?? '+12175550142';
  const url = arg('url') ?? `http://localhost:${config.port || 3000}`;
  // The server checks signatures against its PUBLIC_BASE_URL, which defaults to http://localhost:<its PORT>:
  // with --url and no PUBLIC_BASE_URL here, the server's default is the URL we were given.
  const publicBaseUrl = (process.env.PUBLIC_BASE_URL ?? (arg('url') ? url : config.publicBaseUrl)).replace(/\/$/, '');
  const caller = new TwilioCaller({ serverUrl: url, publicBaseUrl, authToken: config.twilioAuthToken, from });
  const input = answers(arg('keys')?.split(','));
  console.log(`📞 Calling ${url}/voice from ${from} (CallSid ${caller.callSid})`);
  try {
    let heard = await caller.dial();
    show(heard);
    while (heard.gather) {
      const what = heard.gather.input.includes('speech') ? 'keys or words' : 'keys';
      const line = await input.next(`  ☎  ${what} (empty = silence, "hangup")> `);
      if (line === undefined || line.trim() === 'hangup') break;
      const text = line.trim();
      heard = text === '' ? await caller.silence() : /^[0-9*#]+$/.test(text) ? await caller.press(text.replace(/#$/, '')) : await caller.speak(text);
      show(heard);
    }
    // Queued: stay on the line so a CSR can take the call (see --csr), until Enter or the end of the input.
    if (heard.enqueue) await input.next('  ⏳ on hold (a CSR can accept now; Enter hangs up)> ');
  } catch (e) {
    if (e instanceof Error && /answered 403/.test(e.message)) throw new Error(`${e.message}\n${signatureHint(publicBaseUrl)}`);
    throw e;
  } finally {
    input.close();
  }
  const end = await caller.hangUp();
  console.log(`📴 Call ended (status callback answered ${end.status}).`);
  if (end.status === 403) console.log(signatureHint(publicBaseUrl));
}

async function csrSide(config: ReturnType<typeof loadConfig>): Promise<void> {
  const url = arg('url') ?? `http://localhost:${config.port || 3000}`;
  const publicBaseUrl = (process.env.PUBLIC_BASE_URL ?? (arg('url') ? url : config.publicBaseUrl)).replace(/\/$/, '');
  const print = (line: string) => console.log(line);
  const standin = await runCsrSide({ serverUrl: url, publicBaseUrl, authToken: config.twilioAuthToken, restPort: Number(arg('rest-port') ?? 4010), print });
  const stop = new AbortController();
  process.once('SIGINT', () => {
    stop.abort();
    void standin.close();
  });
  const who = arg('accept-as');
  if (who) {
    const csr = DEMO_STAFF.find((x) => x.username === who);
    if (!csr) throw new Error(`--accept-as: no demo staff member "${who}" (${DEMO_STAFF.map((x) => x.username).join(', ')})`);
    await acceptFirstCall({ serverUrl: url, username: csr.username, password: csr.password, print, signal: stop.signal });
  }
}

main().catch((e: unknown) => {
  console.error(`call simulator: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
