/**
 * npm run campaign:demo: the demo campaign (campaigns/demo-mobile-unlimited.json) over the demo
 * customers, end to end through the real server against the Twilio stand-in, and one summary
 * line. The server starts on a free port with a fresh embedded store in a temporary directory
 * (the demo operator loaded), TWILIO_API_BASE_URL pointing at the stand-in, which answers each
 * number as scripted: Dana buys (PIN 4821), Priya declines, Tom's number is on the suppression
 * list; the generated customers buy, get a machine, don't answer, are busy or decline in turn.
 * The demo runs now: its window is opened all day, its start is now, its pacing and retries fast.
 * REDIS_URL from the environment runs the dialer on BullMQ.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config';
import { startServer } from '../src/server';
import { summaryLine, type CampaignReport } from '../src/domain/campaigns/campaign-report';
import { startCampaignStandin, type ScriptedOutcome } from './support/twilio-campaign-standin';
import { DEMO_STAFF } from '../src/demo/demo-staff';
import IORedis from 'ioredis';

const DANA = '+12175550142';
const PRIYA = '+12175550144';
const TOM = '+12175550145';

/** Generated customer i calls from +121755501(50+i), account 31000200+i, PIN its last four digits. */
function outcome(to: string): ScriptedOutcome {
  if (to === DANA) return { kind: 'human-buys', pin: '4821' };
  if (to === PRIYA) return { kind: 'human-declines' };
  const i = Number(to.slice(-2)) - 50;
  if (!to.startsWith('+121755501') || i < 0) return { kind: 'no-answer' };
  const kinds: ScriptedOutcome[] = [{ kind: 'human-buys', pin: String(31000200 + i).slice(-4) }, { kind: 'machine' }, { kind: 'no-answer' }, { kind: 'busy' }, { kind: 'human-declines' }, { kind: 'machine' }];
  return kinds[i % kinds.length];
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'telecare-campaign-demo-'));
  const target = { serverUrl: '', publicBaseUrl: '', authToken: '' };
  const standin = await startCampaignStandin({
    get serverUrl() { return target.serverUrl; },
    get publicBaseUrl() { return target.publicBaseUrl; },
    get authToken() { return target.authToken; },
    outcome,
  });
  const redisPrefix = `telecare-demo-${process.pid}:`;
  const config = loadConfig({
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: redisPrefix } : {}),
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    CAMPAIGN_CALLER_ID: '+12175550100',
    TWILIO_API_BASE_URL: standin.url,
  });
  const running = await startServer(config);
  Object.assign(target, { serverUrl: running.url, publicBaseUrl: config.publicBaseUrl, authToken: config.twilioAuthToken });
  try {
    const call = async (method: string, url: string, body?: unknown, token?: string) => {
      const res = await fetch(`${running.url}${url}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const supervisor = DEMO_STAFF.find((s) => s.role === 'supervisor')!;
    const { token } = (await call('POST', '/api/v1/staff/sessions', { username: supervisor.username, password: supervisor.password })) as { token: string };
    await call('POST', '/api/v1/staff/suppressions', { phone: TOM, reason: 'asked not to be called (demo)' }, token);

    const campaign = JSON.parse(await readFile(path.resolve(__dirname, '../campaigns/demo-mobile-unlimited.json'), 'utf8')) as Record<string, unknown>;
    const now = Date.now();
    const demo = {
      ...campaign,
      window: { from: '00:00', to: '23:59', days: [1, 2, 3, 4, 5, 6, 7], defaultTimeZone: 'America/Chicago' },
      startAt: new Date(now).toISOString(),
      endAt: new Date(now + 86_400_000).toISOString(),
      pacing: { callsPerMinute: 600 },
      retryAfterMinutes: 0.02,
      maxAttempts: 2,
    };
    const { id } = (await call('POST', '/api/v1/staff/campaigns', demo, token)) as { id: string };
    const until = Date.now() + 120_000;
    let report: CampaignReport;
    for (;;) {
      report = ((await call('GET', `/api/v1/staff/campaigns/${id}`, undefined, token)) as { report: CampaignReport }).report;
      if (report.queued === 0 && report.dialing === 0) break;
      if (Date.now() > until) throw new Error(`the demo campaign did not finish in 2 minutes: ${JSON.stringify(report)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await standin.settled();
    const failed = standin.calls.filter((c) => c.error);
    if (failed.length) throw new Error(`calls that did not play out: ${failed.map((c) => `${c.to}: ${c.error}`).join('; ')}`);
    console.log(summaryLine(report));
  } finally {
    await running.stop(1000);
    await standin.close();
    await rm(dataDir, { recursive: true, force: true });
    if (config.redisUrl) await removeKeys(config.redisUrl, redisPrefix);
  }
}

/** The demo's own keys (its prefix) leave Redis with it. */
async function removeKeys(url: string, prefix: string): Promise<void> {
  const redis = new IORedis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`campaign:demo failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
