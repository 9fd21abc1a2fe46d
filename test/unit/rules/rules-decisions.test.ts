import assert from 'node:assert/strict';
import { createRulesEngine, type RulesEngine } from '../../../src/adapters/rules/rules-engine';
import { RULES_DIR } from './rules-dir';

const repairFacts = (over: Record<string, unknown> = {}) => ({
  family: 'broadband',
  symptom: 'no-internet',
  serviceStatus: 'active',
  suspendedReason: null,
  hasOutage: false,
  lineTest: 'pass',
  pendingOrder: false,
  failedOrder: false,
  overdueBalanceMinor: 0,
  ...over,
});
const retentionFacts = (over: Record<string, unknown> = {}) => ({
  reasonCode: 'price',
  productId: 'fiber-500',
  family: 'broadband',
  monthlyMinor: 7000,
  tenureMonths: 12,
  underContract: false,
  ...over,
});
const approvalFacts = (over: Record<string, unknown> = {}) => ({
  channel: 'voice',
  actorKind: 'customer',
  csrRole: null,
  amountMinor: 1500,
  limitMinor: 2500,
  itemType: 'usage',
  reasonCode: 'usage-dispute',
  adjustmentsLast90Days: 0,
  ...over,
});
const nboFacts = (productIds: string[], families: string[]) => ({
  families,
  productIds,
  hasBroadband: families.includes('broadband'),
  hasTv: families.includes('tv'),
  hasMobile: families.includes('mobile'),
  hasPhone: families.includes('phone'),
});

describe('rules: the operator rule sets decide as documented', () => {
  let rules: RulesEngine;
  before(async () => {
    rules = await createRulesEngine({ dir: RULES_DIR });
  });
  after(() => rules.close());

  describe('repair-diagnosis', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['suspended for non-payment (even with a failing line)', { serviceStatus: 'suspended', suspendedReason: 'non-payment', lineTest: 'fail', overdueBalanceMinor: 21735 }, 'suspended-non-payment', 'offer-payment'],
      ['an outage in the area (even with the device offline)', { hasOutage: true, lineTest: 'device-offline' }, 'area-outage', 'inform-outage'],
      ['an order still in progress', { pendingOrder: true, lineTest: 'no-sync' }, 'pending-order', 'pending-order'],
      ['the modem lost sync', { lineTest: 'no-sync' }, 'remote-reset', 'remote-reset'],
      ['the line is degraded', { lineTest: 'degraded', symptom: 'slow-internet' }, 'remote-reset', 'remote-reset'],
      ['the line test fails', { lineTest: 'fail' }, 'dispatch', 'dispatch'],
      ['a recent order failed', { failedOrder: true }, 'dispatch', 'dispatch'],
      ['TV pixelates on a healthy line', { family: 'tv', symptom: 'pixelated' }, 'remote-reset', 'remote-reset'],
      ['nothing explains a dead phone', { family: 'phone', symptom: 'no-dial-tone' }, 'dispatch', 'dispatch'],
    ];
    for (const [when, over, cause, action] of cases) {
      it(`when ${when}, then the cause is ${cause} and the action ${action}`, async () => {
        const [first] = await rules.decide('repair-diagnosis', repairFacts(over));

        assert.equal(first.type, cause);
        assert.equal(first.params.action, action);
        assert.equal(typeof first.params.explanation, 'string');
        assert.ok((first.params.explanation as string).length > 20);
      });
    }

    it('when several rules fire, then decisions come highest priority first with the rule name', async () => {
      const decisions = await rules.decide('repair-diagnosis', repairFacts({ hasOutage: true, lineTest: 'fail' }));

      assert.deepEqual(decisions.map((d) => d.rule), ['known-area-outage', 'line-fault-needs-technician', 'nothing-else-explains-it']);
    });

    it('when a fact is missing, then decide rejects rather than guessing', async () => {
      const facts: Record<string, unknown> = repairFacts();
      delete facts.lineTest;

      await assert.rejects(rules.decide('repair-diagnosis', facts), /lineTest/);
    });
  });

  describe('retention-offers', () => {
    it('when broadband is too expensive, then a $10 monthly credit for 6 months is offered', async () => {
      const [offer] = await rules.decide('retention-offers', retentionFacts());

      assert.equal(offer.type, 'retention-offer');
      assert.equal(offer.params.monthlyCreditMinor, 1000);
      assert.equal(offer.params.months, 6);
      assert.equal(offer.params.toProductId, undefined);
    });

    it('when a customer of over two years switches from Fiber 1000, then a downgrade to Fiber 500 comes first', async () => {
      const decisions = await rules.decide('retention-offers', retentionFacts({ reasonCode: 'switching-provider', productId: 'fiber-1000', monthlyMinor: 9000, tenureMonths: 30, underContract: true }));

      assert.equal(decisions[0].params.toProductId, 'fiber-500');
      assert.equal(decisions[0].rule, 'switching-loyal-fiber-1000-downgrade');
      assert.ok(decisions.some((d) => d.params.offerId === 'loyalty-credit-15'), 'the loyalty credit is the fallback');
    });

    it('when a newer customer switches provider, then nothing is offered', async () => {
      assert.deepEqual(await rules.decide('retention-offers', retentionFacts({ reasonCode: 'switching-provider', tenureMonths: 24 })), []);
    });

    for (const reasonCode of ['moving', 'no-longer-needed', 'other']) {
      it(`when the reason is ${reasonCode}, then nothing is offered`, async () => {
        assert.deepEqual(await rules.decide('retention-offers', retentionFacts({ reasonCode, tenureMonths: 60 })), []);
      });
    }

    it('when mobile is too expensive, then a credit is offered only out of contract', async () => {
      const mobile = { productId: 'mobile-20gb', family: 'mobile', monthlyMinor: 3500 };

      assert.deepEqual(await rules.decide('retention-offers', retentionFacts({ ...mobile, underContract: true })), []);
      const [offer] = await rules.decide('retention-offers', retentionFacts({ ...mobile, underContract: false }));
      assert.equal(offer.params.monthlyCreditMinor, 500);
    });
  });

  describe('next-best-offer', () => {
    it('when a customer still has legacy DSL, then fiber is the first suggestion', async () => {
      const decisions = await rules.decide('next-best-offer', nboFacts(['dsl-legacy-10', 'home-phone'], ['broadband', 'phone']));

      assert.equal(decisions[0].type, 'offer');
      assert.equal(decisions[0].params.productId, 'fiber-500');
      assert.ok(decisions.every((d) => typeof d.params.pitch === 'string'));
    });

    it('when a customer has only mobile, then home internet comes first', async () => {
      const [first] = await rules.decide('next-best-offer', nboFacts(['mobile-20gb'], ['mobile']));

      assert.equal(first.params.productId, 'fiber-300');
    });

    it('when a triple-play customer has no mobile, then mobile comes before security', async () => {
      const decisions = await rules.decide('next-best-offer', nboFacts(['fiber-500', 'tv-plus', 'home-phone'], ['broadband', 'tv', 'phone']));

      assert.deepEqual(decisions.map((d) => d.params.productId), ['mobile-unlimited', 'home-security']);
    });
  });

  describe('adjustment-approval', () => {
    const first = async (over: Record<string, unknown>) => (await rules.decide('adjustment-approval', approvalFacts(over)))[0];

    it('when a customer asks for less than the channel limit, then it is auto-approved', async () => {
      const d = await first({});
      assert.equal(d.type, 'auto-approve');
      assert.equal(d.rule, 'customer-within-self-service-limit');
    });

    it('when it would be the third adjustment in 90 days, then a person must approve', async () => {
      const d = await first({ adjustmentsLast90Days: 2 });
      assert.equal(d.type, 'require-approval');
      assert.equal(d.rule, 'frequent-adjustments');
    });

    it('when a customer asks for goodwill over $10, then a person must approve', async () => {
      const d = await first({ reasonCode: 'goodwill', itemType: 'recurring', amountMinor: 1200 });
      assert.equal(d.type, 'require-approval');
      assert.match(String(d.params.basis), /goodwill/);
    });

    it('when the amount is above the limit, then approval is required', async () => {
      assert.equal((await first({ amountMinor: 3000 })).type, 'require-approval');
    });

    it('when an agent credits within the role limit, then it is auto-approved, except goodwill over $25', async () => {
      const csr = { actorKind: 'csr', csrRole: 'agent', channel: 'csr', limitMinor: 5000 };
      assert.equal((await first({ ...csr, amountMinor: 4000, reasonCode: 'billing-error' })).type, 'auto-approve');
      assert.equal((await first({ ...csr, amountMinor: 3000, reasonCode: 'goodwill', itemType: 'recurring' })).type, 'require-approval');
    });
  });

  describe('account-standing', () => {
    const standing = (over: Record<string, unknown> = {}) => ({
      accountStatus: 'active',
      nonPaymentSuspension: false,
      overdueBalanceMinor: 0,
      daysPastDue: 0,
      action: 'new-service',
      channel: 'voice',
      actorKind: 'customer',
      ...over,
    });
    const decide = (over: Record<string, unknown> = {}) => rules.decide('account-standing', standing(over));

    it('when the account is in good standing, or a little late, then nothing refuses selling', async () => {
      assert.deepEqual(await decide(), []);
      assert.deepEqual(await decide({ overdueBalanceMinor: 4000, daysPastDue: 20 }), []);
    });

    it('when the account or a service is suspended for non-payment, then selling is refused with the way forward', async () => {
      for (const over of [{ accountStatus: 'suspended' }, { nonPaymentSuspension: true }]) {
        const [d] = await decide(over);
        assert.equal(d?.type, 'refuse-selling');
        assert.deepEqual([d?.params.reasonCode, d?.params.nextSteps], ['account-suspended', ['pay-balance', 'agent']]);
      }
    });

    it('when a balance is more than 60 days overdue, then the account is in collections', async () => {
      assert.equal((await decide({ overdueBalanceMinor: 100, daysPastDue: 61 }))[0]?.params.reasonCode, 'account-in-collections');
      assert.deepEqual(await decide({ overdueBalanceMinor: 100, daysPastDue: 60 }), []);
    });
  });
});
