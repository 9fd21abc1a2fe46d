/** The campaign call flow (ivr-flows/outbound.yaml) is validated like the IVR's: file, step, reason. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFlows } from '../../../src/channels/voice/flows/load-flows';
import { checkOutboundFlow } from '../../../src/channels/voice/outbound/outbound-flow';

const ROOT = path.resolve(__dirname, '../../..');
const flows = loadFlows(path.join(ROOT, 'ivr-flows'));
const shipped = fs.readFileSync(path.join(ROOT, 'ivr-flows', 'outbound.yaml'), 'utf8');

function check(text: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-flow-'));
  try {
    fs.writeFileSync(path.join(dir, 'outbound.yaml'), text);
    return checkOutboundFlow(dir, flows);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('campaign call flow validator', () => {
  it('when the shipped flow is checked, then it loads with every step', () => {
    const { flow, problems } = checkOutboundFlow(path.join(ROOT, 'ivr-flows'), flows);
    assert.deepEqual(problems, []);
    assert.equal(flow?.start, 'greet');
    assert.equal(flow?.steps.get('pin')?.do, 'verify-pin');
  });

  it('when an option leads to a step that does not exist, then the step and the option are named', () => {
    const { flow, problems } = check(shipped.replace('goto: bye-declined }', 'goto: good-bye }'));
    assert.equal(flow, undefined);
    assert.deepEqual(problems.map((p) => `${p.step}: ${p.reason}`), ['greet: options.1.goto -> "good-bye" is not a step']);
  });

  it('when a step uses a prompt no locale defines, then each locale file is named', () => {
    const { problems } = check(shipped.replace('prompt: outbound.later', 'prompt: outbound.nowhere'));
    assert.deepEqual(problems.map((p) => `${path.basename(p.file)}: ${p.step}: ${p.reason}`), ['en.yaml: bye-later: prompt "outbound.nowhere" is not defined', 'es.yaml: bye-later: prompt "outbound.nowhere" is not defined']);
  });

  it('when a step has an unknown verb or an answer that is not one, then it is refused', () => {
    assert.match(check(shipped.replace('do: order', 'do: transfer')).problems.map((p) => p.reason).join('\n'), /do: /);
    assert.match(check(shipped.replace('answer: call-later', 'answer: maybe')).problems.map((p) => p.reason).join('\n'), /options\.2\.answer/);
  });
});
