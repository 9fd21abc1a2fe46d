import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FileValidationError } from '../../../src/adapters/files/file-error';
import { createRulesEngine } from '../../../src/adapters/rules/rules-engine';
import { copyRules, RULES_DIR } from './rules-dir';

const priceFacts = { reasonCode: 'price', productId: 'fiber-500', family: 'broadband', monthlyMinor: 7000, tenureMonths: 12, underContract: false };

/** The retention rules with the broadband price credit changed to `credit`. */
function withPriceCredit(text: string, credit: number): string {
  const file = JSON.parse(text) as { rules: { name: string; event: { params: Record<string, unknown> } }[] };
  const rule = file.rules.find((r) => r.name === 'price-broadband');
  if (!rule) throw new Error('fixture drift: price-broadband rule is gone');
  rule.event.params.monthlyCreditMinor = credit;
  return JSON.stringify(file, null, 2);
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the watcher');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('rules reload', () => {
  let rules: ReturnType<typeof copyRules>;
  let original: string;
  beforeEach(() => {
    rules = copyRules();
    original = readFileSync(path.join(RULES_DIR, 'retention-offers.json'), 'utf8');
  });
  afterEach(() => rules.remove());

  const credit = async (engine: { decide: (s: 'retention-offers', f: Record<string, unknown>) => Promise<{ params: Record<string, unknown> }[]> }) =>
    (await engine.decide('retention-offers', priceFacts))[0].params.monthlyCreditMinor;

  it('when a bad edit is reloaded, then it is refused and the old rules keep deciding', async () => {
    const engine = await createRulesEngine({ dir: rules.dir });
    rules.put('retention-offers.json', rules.fixture('bad-operator.json'));

    await assert.rejects(engine.reload(), (e: unknown) => e instanceof FileValidationError && /gretaer/.test(e.message));
    assert.equal(await credit(engine), 1000);
    engine.close();
  });

  it('when a good edit is reloaded, then the new rules decide', async () => {
    const engine = await createRulesEngine({ dir: rules.dir });
    rules.put('retention-offers.json', withPriceCredit(original, 1250));

    await engine.reload();

    assert.equal(await credit(engine), 1250);
    engine.close();
  });

  it('when one file of several is bad, then none of the good edits are applied either', async () => {
    const engine = await createRulesEngine({ dir: rules.dir });
    rules.put('retention-offers.json', withPriceCredit(original, 1250));
    rules.put('next-best-offer.json', rules.fixture('bad-fact.json'));

    await assert.rejects(engine.reload(), FileValidationError);

    assert.equal(await credit(engine), 1000);
    engine.close();
  });

  it('when watching, then a bad save is reported and ignored, and a good save is picked up', async () => {
    const errors: Error[] = [];
    let reloads = 0;
    const engine = await createRulesEngine({ dir: rules.dir, watch: true, debounceMs: 30, onReloadError: (e) => errors.push(e), onReload: () => reloads++ });
    try {
      rules.put('retention-offers.json', rules.fixture('bad-operator.json'));
      await until(() => errors.length > 0);
      assert.match(errors[0].message, /retention-offers\.json: rules\[2\] "price-broadband": unknown operator "gretaer"/);
      assert.equal(await credit(engine), 1000);

      rules.put('retention-offers.json', withPriceCredit(original, 1400));
      await until(() => reloads > 0);
      assert.equal(await credit(engine), 1400);
    } finally {
      engine.close();
    }
  });
});
