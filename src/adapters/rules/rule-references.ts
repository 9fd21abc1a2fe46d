import type { Catalog } from '../../domain/catalog/catalog-schema';
import type { RuleSetName } from '../../domain/ports/rules';
import { FileValidationError } from '../files/file-error';
import type { RuleSetDefinition } from './rule-files';

/**
 * Rules name products and catalog codes (an offer's productId, a retention downgrade's
 * toProductId, a reason code compared in a condition). These must exist in the catalog in use;
 * the rules files alone cannot know that, so start-up and check:config run this as well.
 */
export function checkRuleReferences(defs: ReadonlyMap<RuleSetName, RuleSetDefinition>, catalog: Catalog): FileValidationError[] {
  const products = new Map(catalog.products.map((p) => [p.id, p]));
  const problems: FileValidationError[] = [];
  const at = (def: RuleSetDefinition, i: number) => `rules[${i}] ${JSON.stringify(def.rules[i].name)}`;

  const nbo = defs.get('next-best-offer');
  nbo?.rules.forEach((rule, i) => {
    const productId = String(rule.event.params.productId);
    const product = products.get(productId);
    if (!product) problems.push(new FileValidationError(nbo.file, at(nbo, i), `offers unknown product "${productId}"`));
    else if (!product.sellable) problems.push(new FileValidationError(nbo.file, at(nbo, i), `offers "${productId}", which is not sellable`));
  });

  const retention = defs.get('retention-offers');
  retention?.rules.forEach((rule, i) => {
    const to = rule.event.params.toProductId;
    if (to === undefined) return;
    const product = products.get(String(to));
    if (!product) problems.push(new FileValidationError(retention.file, at(retention, i), `toProductId "${String(to)}" is not in the catalog`));
    else if (!product.sellable) problems.push(new FileValidationError(retention.file, at(retention, i), `toProductId "${String(to)}" is not sellable`));
  });

  const discontinuation = new Set(catalog.discontinuation.reasons.map((r) => r.code));
  const adjustment = new Set(catalog.adjustments.reasons.map((r) => r.code));
  const symptoms = new Set(catalog.repair.symptoms.map((s) => s.code));
  const codeFacts: Partial<Record<RuleSetName, Record<string, Set<string>>>> = {
    'retention-offers': { reasonCode: discontinuation, productId: new Set(products.keys()) },
    'adjustment-approval': { reasonCode: adjustment },
    'repair-diagnosis': { symptom: symptoms },
    'next-best-offer': { productIds: new Set(products.keys()) },
  };
  for (const [set, facts] of Object.entries(codeFacts) as [RuleSetName, Record<string, Set<string>>][]) {
    const def = defs.get(set);
    def?.rules.forEach((rule, i) => {
      for (const { fact, value } of leafConditions(rule.conditions)) {
        const known = facts[fact];
        if (!known) continue;
        for (const code of Array.isArray(value) ? value : [value]) {
          if (typeof code === 'string' && !known.has(code)) problems.push(new FileValidationError(def.file, at(def, i), `compares ${fact} with "${code}", which the catalog does not define`));
        }
      }
    });
  }
  return problems;
}

type Node = { fact?: string; value?: unknown; all?: Node[]; any?: Node[]; not?: Node };

function leafConditions(node: Node): { fact: string; value: unknown }[] {
  if (node.all) return node.all.flatMap(leafConditions);
  if (node.any) return node.any.flatMap(leafConditions);
  if (node.not) return leafConditions(node.not);
  return node.fact ? [{ fact: node.fact, value: node.value }] : [];
}
