import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from 'json-rules-engine';
import { RULE_SETS, type RuleSetName } from '../../domain/ports/rules';
import { FileValidationError, jsonPath, parseJsonFile } from '../files/file-error';
import { isKnownOperator, RULE_SET_SPECS, ruleFileSchema, ruleSchema, type ConditionNode, type RuleDef } from './rule-file-schema';

/** One validated rule set: the file it came from and its rules in file order. */
export interface RuleSetDefinition {
  set: RuleSetName;
  file: string;
  rules: RuleDef[];
}

/**
 * Reads every *.json in the rules directory and validates it completely. Throws the first
 * FileValidationError (file + rule + reason); returns every set exactly once.
 */
export function loadRuleDefinitions(dir: string): Map<RuleSetName, RuleSetDefinition> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    throw new FileValidationError(dir, '(directory)', `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const sets = new Map<RuleSetName, RuleSetDefinition>();
  for (const name of names) {
    const file = join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new FileValidationError(file, '(file)', `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const def = parseRuleFile(file, text);
    const earlier = sets.get(def.set);
    if (earlier) throw new FileValidationError(file, 'ruleSet', `rule set "${def.set}" is already defined in ${earlier.file}`);
    sets.set(def.set, def);
  }
  for (const set of RULE_SETS) {
    if (!sets.has(set)) throw new FileValidationError(dir, '(directory)', `no file defines rule set "${set}" (expected e.g. ${join(dir, `${set}.json`)})`);
  }
  return sets;
}

/** Validates one rules file's text: shape, known facts and operators, event types and params, unique names. */
export function parseRuleFile(file: string, text: string): RuleSetDefinition {
  const raw = parseJsonFile(file, text);
  const head = ruleFileSchema.safeParse(raw);
  if (!head.success) {
    const issue = head.error.issues[0];
    throw new FileValidationError(file, jsonPath(issue.path), issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message);
  }
  const set = head.data.ruleSet;
  const spec = RULE_SET_SPECS[set];
  const seen = new Map<string, number>();
  const rules = head.data.rules.map((candidate, i): RuleDef => {
    const label = ruleLabel(candidate, i);
    const fail = (reason: string): never => {
      throw new FileValidationError(file, label, reason);
    };
    const parsed = ruleSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = jsonPath(issue.path);
      fail(`${issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message}${where === '(root)' ? '' : ` (at ${where})`}`);
    }
    const rule = (parsed as { data: RuleDef }).data;
    const before = seen.get(rule.name);
    if (before !== undefined) fail(`duplicate rule name (also rules[${before}])`);
    seen.set(rule.name, i);
    checkConditions(rule.conditions, 'conditions', spec.facts, fail);
    if (!spec.events.includes(rule.event.type)) fail(`unknown event type "${rule.event.type}" for ${set} (expected ${spec.events.join(', ')})`);
    const params = spec.params(rule.event.type).safeParse(rule.event.params);
    if (!params.success) {
      const issue = params.error.issues[0];
      fail(`${issue.code === 'unrecognized_keys' ? `unknown param(s) ${issue.keys.join(', ')}` : issue.message} (at ${jsonPath(['event', 'params', ...issue.path])})`);
    }
    try {
      new Engine([], { allowUndefinedFacts: false }).addRule(toEngineRule(rule));
    } catch (e) {
      fail(`rejected by the rules engine: ${e instanceof Error ? e.message : String(e)}`);
    }
    return rule;
  });
  return { set, file, rules };
}

/** Only the properties json-rules-engine knows (description is for people). */
export const toEngineRule = (rule: RuleDef) => ({ name: rule.name, priority: rule.priority, conditions: rule.conditions, event: rule.event });

function ruleLabel(candidate: unknown, i: number): string {
  const name = typeof candidate === 'object' && candidate !== null && typeof (candidate as { name?: unknown }).name === 'string' ? (candidate as { name: string }).name : undefined;
  return name ? `rules[${i}] ${JSON.stringify(name)}` : `rules[${i}]`;
}

function checkConditions(node: ConditionNode, at: string, facts: readonly string[], fail: (reason: string) => never): void {
  if ('all' in node) return node.all.forEach((c, i) => checkConditions(c, `${at}.all[${i}]`, facts, fail));
  if ('any' in node) return node.any.forEach((c, i) => checkConditions(c, `${at}.any[${i}]`, facts, fail));
  if ('not' in node) return checkConditions(node.not, `${at}.not`, facts, fail);
  if (!isKnownOperator(node.operator)) fail(`unknown operator "${node.operator}" (at ${at})`);
  if (!facts.includes(node.fact)) fail(`unknown fact "${node.fact}" (at ${at}; known: ${facts.join(', ')})`);
  const ref = node.value;
  if (typeof ref === 'object' && ref !== null && !Array.isArray(ref) && 'fact' in ref) {
    const other = (ref as { fact: unknown }).fact;
    if (typeof other !== 'string' || !facts.includes(other)) fail(`unknown fact ${JSON.stringify(other)} in value (at ${at}; known: ${facts.join(', ')})`);
  }
}
