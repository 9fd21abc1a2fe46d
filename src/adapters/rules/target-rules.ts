/**
 * Campaign target rules over json-rules-engine: the conditions of one rule (all/any/not) as the
 * rules files have them, checked against the same schema, operators and the known target facts,
 * then run against one customer's facts.
 */
import { Engine } from 'json-rules-engine';
import type { TargetRules } from '../../domain/campaigns/ports';
import { TARGET_FACTS } from '../../domain/campaigns/target-facts';
import { jsonPath } from '../files/file-error';
import { conditionSchema, isKnownOperator, type ConditionNode } from './rule-file-schema';

function walk(node: ConditionNode, at: string, out: string[]): void {
  if ('all' in node) return node.all.forEach((c, i) => walk(c, `${at}.all[${i}]`, out));
  if ('any' in node) return node.any.forEach((c, i) => walk(c, `${at}.any[${i}]`, out));
  if ('not' in node) return walk(node.not, `${at}.not`, out);
  if (!isKnownOperator(node.operator)) out.push(`unknown operator "${node.operator}" (at ${at})`);
  if (!(TARGET_FACTS as readonly string[]).includes(node.fact)) out.push(`unknown fact "${node.fact}" (at ${at}; known: ${TARGET_FACTS.join(', ')})`);
}

const ruleOf = (conditions: Record<string, unknown>) => ({ name: 'target', priority: 1, conditions, event: { type: 'target' } });

export function createTargetRules(): TargetRules {
  const compiled = new WeakMap<object, Engine>();
  const engineFor = (conditions: Record<string, unknown>): Engine => {
    let engine = compiled.get(conditions);
    if (!engine) {
      engine = new Engine([], { allowUndefinedFacts: false });
      engine.addRule(ruleOf(conditions) as never);
      compiled.set(conditions, engine);
    }
    return engine;
  };
  return {
    problems(conditions) {
      const parsed = conditionSchema.safeParse(conditions);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return [`${issue.message} (at ${jsonPath(['conditions', ...issue.path])})`];
      }
      if (!('all' in parsed.data || 'any' in parsed.data || 'not' in parsed.data)) return ['conditions must be an object with "all", "any" or "not"'];
      const out: string[] = [];
      walk(parsed.data, 'conditions', out);
      if (out.length) return out;
      try {
        new Engine([], { allowUndefinedFacts: false }).addRule(ruleOf(parsed.data as Record<string, unknown>) as never);
      } catch (e) {
        return [`rejected by the rules engine: ${e instanceof Error ? e.message : String(e)}`];
      }
      return [];
    },
    async matches(conditions, facts) {
      const { events } = await engineFor(conditions).run(facts);
      return events.length > 0;
    },
  };
}
