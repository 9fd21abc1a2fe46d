import type { RulesPort } from '../ports/rules';
import type { Diagnosis, Diagnostics } from './ticket';
import { diagnosisFacts } from './diagnostics';

const ACTIONS: readonly Diagnosis['action'][] = ['inform-outage', 'offer-payment', 'remote-reset', 'pending-order', 'dispatch', 'none'];

const isAction = (v: unknown): v is Diagnosis['action'] => typeof v === 'string' && (ACTIONS as readonly string[]).includes(v);

/** When no rule fires (or the rules cannot be read) a technician looks at it: never a wrong "all fine". */
export const FALLBACK_DIAGNOSIS: Diagnosis = {
  cause: 'undetermined',
  action: 'dispatch',
  explanation: 'We could not find the cause automatically, so a technician will look at it.',
};

/** The highest-priority repair-diagnosis rule that fired, as a Diagnosis. */
export async function diagnose(rules: RulesPort, diagnostics: Diagnostics): Promise<Diagnosis> {
  let decisions;
  try {
    decisions = await rules.decide('repair-diagnosis', diagnosisFacts(diagnostics));
  } catch {
    return FALLBACK_DIAGNOSIS;
  }
  const top = decisions[0];
  if (!top) return FALLBACK_DIAGNOSIS;
  const action = isAction(top.params.action) ? top.params.action : 'dispatch';
  const explanation = typeof top.params.explanation === 'string' ? top.params.explanation : FALLBACK_DIAGNOSIS.explanation;
  return { cause: top.type, action, explanation };
}
