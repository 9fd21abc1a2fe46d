/**
 * The whole server for API tests: bootstrap from a fixed config with the in-memory store, the
 * demo operator, the operator's catalog and rules, a settable clock and a cheap hasher.
 */
import request from 'supertest';
import type { Response } from 'supertest';
import { loadConfig, type Config } from '../../../src/config/config';
import { bootstrap, type BootstrapOptions, type Runtime } from '../../../src/bootstrap';
import { createThrottle } from '../../../src/adapters/throttle';
import { silentLogger } from '../../../src/shared/logger';
import type { DemoPerson } from '../../../src/demo/demo-people';
import { CATALOG_FILE, RULES_DIR, settableClock, testHasher, type SettableClock } from '../../support/care-fixture';
import { contractChecked, contractChecker, type ContractChecker } from './openapi-contract';

export interface Api {
  runtime: Runtime;
  clock: SettableClock;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CATALOG_FILE, RULES_DIR, DEMO_DATA: 'true', DEMO_HISTORY: 'false', PORT: '0', HOST: '127.0.0.1', ...env });
}

export async function startApi(opts: { env?: Record<string, string>; overrides?: BootstrapOptions['overrides']; logger?: BootstrapOptions['logger'] } = {}): Promise<Api> {
  const clock = settableClock();
  const runtime = await bootstrap(testConfig(opts.env), {
    logger: opts.logger ?? silentLogger(),
    clock,
    overrides: {
      inMemory: true,
      hasher: testHasher,
      throttle: createThrottle({ points: 10_000, durationSec: 60 }),
      completeAfterMs: 0,
      watchFiles: false,
      workerInProcess: false,
      ...opts.overrides,
    },
  });
  return { runtime, clock, http: await checkedAgent(runtime.app), close: () => runtime.close() };
}

let checker: ContractChecker | undefined;

/**
 * A supertest agent on the app whose every /api/v1 response is validated against the published
 * OpenAPI documents (GET /api/v1/openapi.json, and the staff API's GET /api/v1/staff/openapi.json):
 * an undocumented status, content type or body fails the test.
 */
export async function checkedAgent(app: Runtime['app']): Promise<ReturnType<typeof request>> {
  if (!checker) {
    const res = await request(app).get('/api/v1/openapi.json');
    if (res.status !== 200) throw new Error(`the OpenAPI document is not served: ${res.status}`);
    const staff = await request(app).get('/api/v1/staff/openapi.json');
    if (staff.status !== 200) throw new Error(`the staff API's OpenAPI document is not served: ${staff.status}`);
    checker = contractChecker([res.body as Record<string, unknown>, staff.body as Record<string, unknown>]);
  }
  return contractChecked(request(app), checker);
}

/** How many API responses the contract checker has validated in this process. */
export const contractChecks = (): number => checker?.checked ?? 0;

/** Signs a demo person in with account number and PIN; returns the Bearer header value. */
export async function signIn(api: Api, person: Pick<DemoPerson, 'accountNumber' | 'pin'>): Promise<string> {
  const res = await api.http.post('/api/v1/sessions').send({ accountNumber: person.accountNumber, pin: person.pin });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${(res.body as { token: string }).token}`;
}

let keys = 0;
export const newKey = (label = 'key'): string => `test-${label}-${process.pid}-${Date.now()}-${(keys += 1)}`;

/** The problem+json body of a refused request, after checking it is one. */
export function problemOf(res: Response): { status: number; code: string; instance: string; detail: string; errors?: { path: string; message: string }[]; details?: Record<string, unknown> } {
  if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`not a problem response: ${res.status} ${res.headers['content-type']} ${res.text}`);
  return res.body as ReturnType<typeof problemOf>;
}
