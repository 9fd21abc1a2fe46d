/**
 * The whole server listening on port 0 with the campaign stand-in for Twilio: the dialer places
 * real REST requests, the stand-in plays each call against our signed webhooks. The clock starts
 * at the demo's moment and runs with real time, so pacing and retries happen on their own.
 */
import { eventually as waitFor } from '../../support/eventually';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { bootstrap, type Runtime } from '../../../src/bootstrap';
import { createThrottle } from '../../../src/adapters/throttle';
import { silentLogger } from '../../../src/shared/logger';
import type { Clock } from '../../../src/domain/shared/ports';
import { FIXTURE_NOW, testHasher } from '../../support/care-fixture';
import { testConfig } from '../api/api-harness';
import { startCampaignStandin, type CampaignStandin, type ScriptedOutcome } from '../../../scripts/support/twilio-campaign-standin';

export const ACCOUNT_SID = `AC${'3'.repeat(32)}`;
export const CALLER_ID = '+12175550100';

export interface CampaignServer {
  runtime: Runtime;
  standin: CampaignStandin;
  http: ReturnType<typeof request>;
  clock: Clock;
  close(): Promise<void>;
}

export function runningClock(startIso = FIXTURE_NOW): Clock {
  const start = new Date(startIso).getTime();
  const t0 = Date.now();
  return { now: () => new Date(start + (Date.now() - t0)) };
}

export async function startCampaignServer(opts: { outcome: (to: string) => ScriptedOutcome; env?: Record<string, string>; repeatStatusCallbacks?: boolean; campaignDialer?: boolean }): Promise<CampaignServer> {
  const target = { serverUrl: '', publicBaseUrl: '', authToken: '' };
  const standin = await startCampaignStandin({
    get serverUrl() { return target.serverUrl; },
    get publicBaseUrl() { return target.publicBaseUrl; },
    get authToken() { return target.authToken; },
    outcome: opts.outcome,
    repeatStatusCallbacks: opts.repeatStatusCallbacks,
  });
  const clock = runningClock();
  const runtime = await bootstrap(testConfig({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, CAMPAIGN_CALLER_ID: CALLER_ID, TWILIO_API_BASE_URL: standin.url, ...opts.env }), {
    logger: silentLogger(),
    clock,
    overrides: { inMemory: true, hasher: testHasher, throttle: createThrottle({ points: 10_000, durationSec: 60 }), completeAfterMs: 0, watchFiles: false, workerInProcess: false, campaignDialer: opts.campaignDialer },
  });
  const server: Server = runtime.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  Object.assign(target, { serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, publicBaseUrl: runtime.config.publicBaseUrl, authToken: runtime.config.twilioAuthToken });
  return {
    runtime,
    standin,
    http: request(runtime.app),
    clock,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await runtime.close();
      await standin.close();
    },
  };
}

/** Waits until `condition` holds (see test/support/eventually.ts), or fails after `ms`. */
export const eventually = <T>(condition: () => Promise<T | undefined | false>, what: string, ms = 10_000): Promise<T> => waitFor(condition, what, ms, 20);
