import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import YAML from 'yaml';
import { checkFlows, formatProblem, loadFlows, FlowError } from '../../../src/channels/voice/flows/load-flows';
import { DECISION_PROMPTS, promptsFileSchema } from '../../../src/channels/voice/flows/flow-schema';
import { loadWordingCatalog } from '../../../src/shared/wording/catalog';

const FIXTURES = path.resolve(__dirname, '../../fixtures/ivr-flows');
const ROOT = path.resolve(__dirname, '../../..');
const problemsOf = (name: string) => checkFlows(path.join(FIXTURES, name)).problems.map(formatProblem);

describe('voice flow validator', () => {
  it('when the flows are good (the shipped ivr-flows too), then they load with every step', () => {
    const flows = loadFlows(path.join(FIXTURES, 'good'));
    assert.equal(flows.start, 'language');
    assert.ok(flows.steps.has('main-menu'));
    assert.deepEqual(checkFlows(path.join(ROOT, 'ivr-flows')).problems, []);
  });

  it('when a step leads to a step that does not exist, then the file, the step and the reason are named', () => {
    const problems = problemsOf('bad-target');
    assert.equal(problems.length, 1);
    assert.match(problems[0], /bad-target\/flow\.yaml: step "anything-else": next\.no -> "good-bye" is not a step/);
  });

  it('when a step uses an unknown verb, then the step is named with the allowed verbs', () => {
    const problems = problemsOf('bad-verb');
    assert.match(problems.join('\n'), /flow\.yaml: step "goodbye": do: Invalid discriminator value. Expected .*'hangup'/);
  });

  it('when a locale lacks a prompt a step uses, then that locale file and the step are named', () => {
    assert.deepEqual(problemsOf('bad-prompt'), [`${path.join(FIXTURES, 'bad-prompt', 'wording', 'es.yaml')}: "menu.repair": no voice wording (English has one)`]);
  });

  it('when a tell-decisions step is added but a locale lacks the decision wording, then each missing prompt is named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'good'), dir, { recursive: true });
      const flow = YAML.parse(fs.readFileSync(path.join(dir, 'flow.yaml'), 'utf8')) as { steps: Record<string, { next?: Record<string, string> }> };
      flow.steps.decisions = { do: 'tell-decisions', next: flow.steps.pin.next?.verified } as never;
      (flow.steps.pin.next as Record<string, string>).verified = 'decisions';
      fs.writeFileSync(path.join(dir, 'flow.yaml'), YAML.stringify(flow));
      const shipped = loadWordingCatalog(path.join(ROOT, 'wording')).messages('voice', 'en');
      const en = YAML.parse(fs.readFileSync(path.join(dir, 'wording', 'en.yaml'), 'utf8')) as { messages: Record<string, unknown> };
      for (const k of DECISION_PROMPTS) en.messages[k] = { speech: shipped[k] };
      fs.writeFileSync(path.join(dir, 'wording', 'en.yaml'), YAML.stringify(en));
      // English alone: the catalog refuses a Spanish file that lacks what English words.
      const problems = checkFlows(dir).problems.map(formatProblem);
      assert.deepEqual(problems, DECISION_PROMPTS.map((k) => `${path.join(dir, 'wording', 'es.yaml')}: "${k}": no voice wording (English has one)`));
      // Neither language: the flow names the step that needs them.
      delete (en.messages as Record<string, unknown>)[DECISION_PROMPTS[0]];
      fs.writeFileSync(path.join(dir, 'wording', 'en.yaml'), YAML.stringify(en));
      const es = YAML.parse(fs.readFileSync(path.join(dir, 'wording', 'es.yaml'), 'utf8')) as { messages: Record<string, unknown> };
      for (const k of DECISION_PROMPTS.slice(1)) es.messages[k] = { speech: 'Texto' };
      fs.writeFileSync(path.join(dir, 'wording', 'es.yaml'), YAML.stringify(es));
      assert.deepEqual(checkFlows(dir).problems.map(formatProblem), ['en', 'es'].map((l) => `${path.join(dir, 'wording', `${l}.yaml`)}: step "decisions": prompt "${DECISION_PROMPTS[0]}" is not defined`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the prompts name a product family the catalog does not know in words.families, then they are refused', () => {
    const catalog = loadWordingCatalog(path.join(ROOT, 'wording'));
    const shipped = { locale: 'en', ...catalog.speech('en'), prompts: catalog.messages('voice', 'en') } as unknown as { words: Record<string, unknown> };
    assert.ok(promptsFileSchema.safeParse(shipped).success);
    const bad = { ...shipped, words: { ...shipped.words, families: { radio: ['radio'] } } };
    assert.equal(promptsFileSchema.safeParse(bad).success, false);
  });

  it('when a file is not valid YAML, then loading throws FlowError naming the file', () => {
    assert.throws(() => loadFlows(path.join(FIXTURES, 'bad-yaml')), (e: unknown) => e instanceof FlowError && /bad-yaml\/flow\.yaml: /.test(e.message));
  });

  it('when check:flows runs on good and bad directories, then it exits 0 and 1 and prints the problems', () => {
    const run = (dir: string) => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/check-flows.ts'), dir], { encoding: 'utf8' });
    const good = run(path.join(FIXTURES, 'good'));
    const bad = run(path.join(FIXTURES, 'bad-target'));
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /IVR flows OK/);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /step "anything-else": next\.no -> "good-bye" is not a step/);
  });
});
