import assert from 'node:assert/strict';
import path from 'node:path';
import type { RulesPort } from '../../../../src/domain/ports/rules';
import type { Diagnostics } from '../../../../src/domain/repair/ticket';
import { loadCatalogFile } from '../../../../src/adapters/files/catalog-file';
import { monthlyPriceOf, outageCredit, outageDays } from '../../../../src/domain/repair/service-price';
import { diagnose, FALLBACK_DIAGNOSIS } from '../../../../src/domain/repair/diagnosis';
import { diagnosisFacts } from '../../../../src/domain/repair/diagnostics';

const catalog = loadCatalogFile(path.resolve(__dirname, '../../../../catalog/catalog.json'));
const product = (id: string) => {
  const p = catalog.products.find((x) => x.id === id);
  if (!p) throw new Error(id);
  return p;
};

const diagnostics: Diagnostics = {
  serviceId: 's1',
  productId: 'fiber-1000',
  family: 'broadband',
  symptom: 'no-internet',
  serviceStatus: 'active',
  recentOrders: [{ id: 'o1', type: 'modify', status: 'inProgress', createdAt: '2026-11-19T00:00:00Z' }],
  overdueBalanceMinor: 0,
  gatheredAt: '2026-11-20T15:00:00Z',
};

const rulesAnswering = (decisions: Awaited<ReturnType<RulesPort['decide']>>): RulesPort & { facts: Record<string, unknown>[] } => {
  const facts: Record<string, unknown>[] = [];
  return { facts, decide: async (_set, f) => (facts.push(f), decisions) };
};

describe('repair, pure parts', () => {
  it('when a service has config and features, then its monthly price adds their charges to the recurring price', () => {
    const phone = product('home-phone');
    const withFeature = { config: {}, features: phone.features.map((f) => f.id) };
    const base = monthlyPriceOf({ config: {}, features: [] }, phone, 'USD').amountMinor;
    const extra = phone.features.reduce((n, f) => n + f.monthlyMinor, 0);
    assert.equal(base, 2500);
    assert.equal(monthlyPriceOf(withFeature, phone, 'USD').amountMinor, base + extra);
  });

  it('when an outage started two hours ago, then one day of the monthly price is credited (rounded up)', () => {
    const now = new Date('2026-11-20T15:00:00Z');
    assert.equal(outageDays({ startedAt: '2026-11-20T13:00:00Z' }, now), 1);
    assert.equal(outageCredit({ amountMinor: 9000, currency: 'USD' }, { startedAt: '2026-11-20T13:00:00Z' }, now).amountMinor, 300);
    assert.equal(outageCredit({ amountMinor: 9000, currency: 'USD' }, { startedAt: '2026-11-18T14:00:00Z' }, now).amountMinor, 900);
    assert.equal(outageCredit({ amountMinor: 1000, currency: 'USD' }, { startedAt: '2026-11-20T13:00:00Z' }, now).amountMinor, 34);
    assert.equal(outageCredit({ amountMinor: 9000, currency: 'USD' }, { startedAt: '2026-08-01T00:00:00Z' }, now).amountMinor, 9000, 'never more than a month');
  });

  it('when the rules fire, then the top decision becomes the diagnosis and the facts carry no undefined', async () => {
    const rules = rulesAnswering([
      { type: 'pending-order', params: { action: 'pending-order', explanation: 'order in flight' }, rule: 'order-in-progress' },
      { type: 'dispatch', params: { action: 'dispatch', explanation: 'tech' }, rule: 'catch-all' },
    ]);
    assert.deepEqual(await diagnose(rules, diagnostics), { cause: 'pending-order', action: 'pending-order', explanation: 'order in flight' });
    assert.deepEqual(rules.facts[0], {
      family: 'broadband',
      symptom: 'no-internet',
      serviceStatus: 'active',
      suspendedReason: 'none',
      hasOutage: false,
      lineTest: 'not-run',
      pendingOrder: true,
      failedOrder: false,
      overdueBalanceMinor: 0,
    });
    assert.ok(Object.values(diagnosisFacts(diagnostics)).every((v) => v !== undefined));
  });

  it('when no rule fires, the rules fail, or an action is unknown, then a technician is sent', async () => {
    assert.deepEqual(await diagnose(rulesAnswering([]), diagnostics), FALLBACK_DIAGNOSIS);
    assert.deepEqual(await diagnose({ decide: async () => Promise.reject(new Error('rules down')) }, diagnostics), FALLBACK_DIAGNOSIS);
    const odd = await diagnose(rulesAnswering([{ type: 'weird', params: { action: 'reboot-the-moon' }, rule: 'r' }]), diagnostics);
    assert.equal(odd.action, 'dispatch');
    assert.equal(odd.cause, 'weird');
  });
});
