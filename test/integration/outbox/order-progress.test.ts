import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootstrap, type Runtime } from '../../../src/bootstrap';
import { createThrottle } from '../../../src/adapters/throttle';
import { createLogger, silentLogger, type Logger } from '../../../src/shared/logger';
import { ordersOverdue } from '../../../src/shared/metrics';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Order } from '../../../src/domain/orders/order';
import { settableClock, testHasher, type SettableClock } from '../../support/care-fixture';
import { checkedAgent, newKey, signIn, testConfig, type Api } from '../api/api-harness';
import { demoIds } from '../../support/demo-ids';

const MINUTE = 60_000;

describe('orders in progress: followed from the store, across restarts, and surfaced when stuck', () => {
  let dir: string;
  const runtimes: Runtime[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'telecare-progress-'));
  });
  afterEach(async () => {
    for (const r of runtimes.splice(0)) await r.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function boot(clock: SettableClock, opts: { completeAfterMs: number; env?: Record<string, string>; logger?: Logger }): Promise<Api> {
    // One SESSION_SECRET across restarts, as a deployment sets it: a token from before the restart stays good.
    const runtime = await bootstrap(testConfig({ DATA_DIR: dir, SESSION_SECRET: 'order-progress-test-secret-0123456789abcdef', ...opts.env }), {
      logger: opts.logger ?? silentLogger(),
      clock,
      overrides: { hasher: testHasher, throttle: createThrottle({ points: 10_000, durationSec: 60 }), completeAfterMs: opts.completeAfterMs, watchFiles: false, workerInProcess: false },
    });
    runtimes.push(runtime);
    return { runtime, clock, http: await checkedAgent(runtime.app), close: () => runtime.close() };
  }

  /** Dana upgrades her fiber: not an instant product, so provisioning takes its time. */
  async function upgradeFiber(api: Api): Promise<{ order: Order; auth: string }> {
    const auth = await signIn(api, demoPerson('bundle'));
    const services = (await api.http.get('/api/v1/me/services').set('Authorization', auth)).body as { id: string; productId: string }[];
    const fiber = services.find((s) => s.productId === 'fiber-500');
    assert.ok(fiber);
    const res = await api.http.post(`/api/v1/services/${fiber.id}/modifications`).set('Authorization', auth).set('Idempotency-Key', newKey('fiber'))
      .send({ modification: { kind: 'change-product', toProductId: 'fiber-1000' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return { order: res.body as Order, auth };
  }

  it('when the server restarts while provisioning works on an order, then the new process completes it once it is due', async () => {
    const clock = settableClock();
    const first = await boot(clock, { completeAfterMs: 20_000 });
    const { order, auth } = await upgradeFiber(first);
    const stored = await first.runtime.stores.orders.get(order.id);
    assert.equal(stored?.status, 'inProgress');
    assert.equal(stored?.progress?.nextCheckAt, new Date(clock.now().getTime() + 20_000).toISOString(), 'the first check is when provisioning expects to be done');
    await first.close();

    const later = settableClock(new Date(clock.now().getTime() + 10_000).toISOString());
    const second = await boot(later, { completeAfterMs: 20_000 });
    await second.runtime.outbox.drainOnce();
    assert.equal((await second.runtime.stores.orders.get(order.id))?.status, 'inProgress', 'not due yet');

    later.advance(11_000);
    await second.runtime.outbox.drainOnce();
    const res = await second.http.get(`/api/v1/orders/${order.id}`).set('Authorization', auth);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'completed');
    const dana = await second.runtime.stores.customers.findOne({ accountNumber: demoPerson('bundle').accountNumber });
    assert.ok(dana?.services.some((s) => s.productId === 'fiber-1000' && s.appliedOrderIds?.includes(order.id)), 'the upgrade took effect on the service');
  });

  it('when provisioning never finishes an order, then past its deadline it is flagged overdue once, logged as an error, counted and shown by the API', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const clock = settableClock();
    const api = await boot(clock, { completeAfterMs: Number.POSITIVE_INFINITY, env: { ORDER_OVERDUE_MINUTES: '60', ORDER_CHECK_SECONDS: '300' }, logger });
    const { order } = await upgradeFiber(api);
    const counted = async () => (await ordersOverdue.get()).values.reduce((s, v) => s + v.value, 0);
    const before = await counted();

    clock.advance(30 * MINUTE);
    assert.equal(await api.runtime.outbox.drainOnce(), 1, 'the order was checked');
    const checked = await api.runtime.stores.orders.get(order.id);
    assert.equal(checked?.progress?.overdueSince, undefined, 'not overdue before its deadline');
    assert.equal(checked?.progress?.nextCheckAt, new Date(clock.now().getTime() + 5 * MINUTE).toISOString());

    clock.advance(31 * MINUTE);
    await api.runtime.outbox.drainOnce();
    const res = await api.http.get(`/api/v1/orders/${order.id}`).set('Authorization', await signIn(api, demoPerson('bundle')));
    assert.equal(res.body.status, 'inProgress');
    assert.equal(res.body.progress.overdueSince, clock.now().toISOString());
    assert.equal(await counted(), before + 1);
    assert.equal(lines.filter((l) => l.includes('past its deadline') && l.includes(order.id) && l.includes('"level":"error"')).length, 1);

    clock.advance(10 * MINUTE);
    await api.runtime.outbox.drainOnce();
    assert.equal(await counted(), before + 1, 'flagged once');
    assert.equal((await api.runtime.stores.orders.get(order.id))?.progress?.overdueSince, res.body.progress.overdueSince);
  });

  it('when a service is to end on a later day, then provisioning finishes it on that day, and it is not overdue before', async () => {
    const clock = settableClock();
    const api = await boot(clock, { completeAfterMs: 20_000 });
    const auth = await signIn(api, demoPerson('bundle'));
    const tv = (await demoIds(api.runtime.stores)).serviceId('31000101', 2);
    const endDay = new Date(clock.now().getTime() + 10 * 24 * 60 * MINUTE).toISOString().slice(0, 10);
    const res = await api.http.post(`/api/v1/services/${tv}/discontinuation`).set('Authorization', auth).set('Idempotency-Key', newKey('later')).send({ reasonCode: 'moving', requestedDate: endDay });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await api.runtime.outbox.drainOnce();

    // Well past the work's own 20 s and past ORDER_OVERDUE_MINUTES (a day) after acceptance, but before the day.
    clock.advance(5 * 24 * 60 * MINUTE);
    await api.runtime.outbox.drainOnce();
    const waiting = await api.runtime.stores.orders.get(res.body.id);
    assert.equal(waiting?.status, 'inProgress', 'not ended before the day asked for');
    assert.equal(waiting?.progress?.overdueSince, undefined, 'not late before the day asked for');

    clock.set(`${endDay}T00:01:00.000Z`);
    await api.runtime.outbox.drainOnce();
    assert.equal((await api.runtime.stores.orders.get(res.body.id))?.status, 'completed');
  });
});
