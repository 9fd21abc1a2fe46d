/**
 * Decision support: rules as data files (rules/*.json) evaluated by an engine adapter
 * (json-rules-engine). The domain asks a rule set for its decision given facts.
 */
export const RULE_SETS = ['repair-diagnosis', 'retention-offers', 'next-best-offer', 'adjustment-approval', 'escalation-priority', 'account-standing', 'extension-approval'] as const;
export type RuleSetName = (typeof RULE_SETS)[number];

export interface Decision {
  /** The event type of the winning rule (highest priority that fired), e.g. 'remote-reset'. */
  type: string;
  params: Record<string, unknown>;
  /** Name of the rule that fired, for audit ("approvalBasis"). */
  rule: string;
}

export interface RulesPort {
  /** All decisions that fired, highest priority first (empty when none). */
  decide(set: RuleSetName, facts: Record<string, unknown>): Promise<Decision[]>;
}
