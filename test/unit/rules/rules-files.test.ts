import assert from 'node:assert/strict';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';
import { FileValidationError } from '../../../src/adapters/files/file-error';
import { createRulesEngine } from '../../../src/adapters/rules/rules-engine';
import { loadRuleDefinitions } from '../../../src/adapters/rules/rule-files';
import { checkRuleReferences } from '../../../src/adapters/rules/rule-references';
import { copyRules, ROOT } from './rules-dir';

async function refusal(dir: string): Promise<FileValidationError> {
  try {
    await createRulesEngine({ dir });
  } catch (e) {
    assert.ok(e instanceof FileValidationError, `expected FileValidationError, got ${String(e)}`);
    return e;
  }
  assert.fail('the rules were accepted, but they should have been refused');
}

describe('rules files', () => {
  let rules: ReturnType<typeof copyRules>;
  beforeEach(() => {
    rules = copyRules();
  });
  afterEach(() => rules.remove());

  const cases: [fixture: string, target: string, place: string, reason: RegExp][] = [
    ['bad-operator.json', 'retention-offers.json', 'rules[2] "price-broadband"', /^unknown operator "gretaer"/],
    ['bad-fact.json', 'next-best-offer.json', 'rules[0] "add-tv"', /unknown fact "hasTelevision"/],
    ['bad-params.json', 'retention-offers.json', 'rules[0] "price-broadband"', /event\.params\.offerId/],
    ['bad-action.json', 'repair-diagnosis.json', 'rules[0] "outage"', /action "inform-outage"/],
    ['bad-event-type.json', 'adjustment-approval.json', 'rules[0] "always-approve"', /unknown event type "approve"/],
    ['bad-duplicate-name.json', 'next-best-offer.json', 'rules[1] "add-tv"', /duplicate rule name \(also rules\[0\]\)/],
    ['bad-conditions.json', 'next-best-offer.json', 'rules[0] "add-tv"', /"all", "any" or "not"/],
    ['bad-rule-set.json', 'upsell.json', 'ruleSet', /invalid option|expected one of/i],
    ['bad-syntax.json', 'next-best-offer.json', 'line 4, column 19', /invalid JSON/],
  ];
  for (const [fixture, target, place, reason] of cases) {
    it(`when ${target} is ${fixture.replace(/^bad-|\.json$/g, '')}, then loading fails naming file, rule and reason`, async () => {
      rules.put(target, rules.fixture(fixture));

      const err = await refusal(rules.dir);

      assert.equal(err.file, path.join(rules.dir, target));
      assert.equal(err.place, place);
      assert.match(err.reason, reason);
      assert.equal(err.message, `${err.file}: ${err.place}: ${err.reason}`);
    });
  }

  it('when a rule set has no file, then the directory is refused naming the set', async () => {
    rmSync(path.join(rules.dir, 'adjustment-approval.json'));

    const err = await refusal(rules.dir);

    assert.equal(err.file, rules.dir);
    assert.match(err.reason, /no file defines rule set "adjustment-approval"/);
  });

  it('when two files define the same set, then the second is refused naming the first', async () => {
    rules.put('next-best-offer-copy.json', rules.fixture('unknown-product.json'));

    const err = await refusal(rules.dir);

    assert.equal(err.place, 'ruleSet');
    assert.match(err.reason, /already defined in .*next-best-offer/);
  });

  it('when a rule offers a product the catalog lacks, then the reference check names file and rule', () => {
    rules.put('next-best-offer.json', rules.fixture('unknown-product.json'));
    const catalog = loadCatalogFile(path.join(ROOT, 'catalog/catalog.json'));

    const problems = checkRuleReferences(loadRuleDefinitions(rules.dir), catalog);

    assert.equal(problems.length, 1);
    assert.equal(problems[0].message, `${path.join(rules.dir, 'next-best-offer.json')}: rules[0] "add-satellite": offers unknown product "satellite-tv"`);
  });

  it('when the operator rules are checked against the operator catalog, then every reference resolves', () => {
    const catalog = loadCatalogFile(path.join(ROOT, 'catalog/catalog.json'));

    assert.deepEqual(checkRuleReferences(loadRuleDefinitions(path.join(ROOT, 'rules')), catalog).map((p) => p.message), []);
  });
});
