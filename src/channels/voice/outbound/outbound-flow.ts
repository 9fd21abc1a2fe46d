/**
 * ivr-flows/outbound.yaml: the campaign call a person answers, as data. Its verbs:
 *   choose      a prompt and keypad options; an option may record the person's answer
 *               (not-interested, call-later, do-not-call) before it goes to its step
 *   verify-pin  the account PIN (never logged) before any account detail; `tries` attempts
 *   quote       the offer's price for this customer, then options like choose; `unavailable`
 *               when the domain will not sell it to them
 *   order       orders the offer through the orders use case (next.ordered | next.refused)
 *   hangup      a last sentence, then goodbye
 * Wording is in the wording catalog (wording/<locale>.yaml, keys outbound.*), checked here for every locale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Flows, FlowProblem } from '../flows/load-flows';

const stepId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'step ids are lower-case words joined by "-"');
const key = z.string().regex(/^[0-9*#]$/, 'a single keypad key');
const option = z.strictObject({ key, goto: stepId, answer: z.enum(['not-interested', 'call-later', 'do-not-call']).optional() });

export const outboundNodeSchema = z.discriminatedUnion('do', [
  z.strictObject({ do: z.literal('choose'), prompt: z.string().min(1), options: z.array(option).min(1).max(9), noInput: stepId }),
  z.strictObject({ do: z.literal('verify-pin'), prompt: z.string().min(1), retryPrompt: z.string().min(1), tries: z.number().int().min(1).max(3), next: z.strictObject({ verified: stepId, failed: stepId }) }),
  z.strictObject({ do: z.literal('quote'), prompt: z.string().min(1), options: z.array(option).min(1).max(9), noInput: stepId, unavailable: stepId }),
  z.strictObject({ do: z.literal('order'), next: z.strictObject({ ordered: stepId, refused: stepId }) }),
  z.strictObject({ do: z.literal('hangup'), prompt: z.string().min(1) }),
]);

const fileSchema = z.strictObject({
  version: z.literal(1),
  start: stepId,
  settings: z.strictObject({ gatherTimeout: z.number().int().min(1).max(30), voicemailPrompt: z.string().min(1) }),
  steps: z.record(stepId, z.unknown()),
});

export type OutboundNode = z.infer<typeof outboundNodeSchema>;

export interface OutboundFlow {
  start: string;
  settings: z.infer<typeof fileSchema>['settings'];
  steps: ReadonlyMap<string, OutboundNode>;
}

export const OUTBOUND_FILE = 'outbound.yaml';

function targetsOf(node: OutboundNode): [string, string][] {
  switch (node.do) {
    case 'choose':
      return [...node.options.map((o, i): [string, string] => [`options.${i}.goto`, o.goto]), ['noInput', node.noInput]];
    case 'quote':
      return [...node.options.map((o, i): [string, string] => [`options.${i}.goto`, o.goto]), ['noInput', node.noInput], ['unavailable', node.unavailable]];
    case 'verify-pin':
    case 'order':
      return Object.entries(node.next).map(([k, v]): [string, string] => [`next.${k}`, v]);
    default:
      return [];
  }
}

const promptsOf = (node: OutboundNode): string[] => (node.do === 'order' ? [] : node.do === 'verify-pin' ? [node.prompt, node.retryPrompt] : [node.prompt]);

/** Validates <dir>/outbound.yaml against the flows' prompt packs (every locale must word every prompt). */
export function checkOutboundFlow(dir: string, flows: Pick<Flows, 'locales'>): { flow?: OutboundFlow; problems: FlowProblem[] } {
  const file = path.join(dir, OUTBOUND_FILE);
  if (!fs.existsSync(file)) return { problems: [{ file, reason: 'missing (campaign calls need it)' }] };
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { problems: [{ file, reason: e instanceof Error ? e.message.split('\n')[0] : String(e) }] };
  }
  const head = fileSchema.safeParse(raw);
  if (!head.success) return { problems: head.error.issues.map((i) => ({ file, reason: `${i.path.join('.')}: ${i.message}` })) };
  const problems: FlowProblem[] = [];
  const steps = new Map<string, OutboundNode>();
  for (const [id, value] of Object.entries(head.data.steps)) {
    const node = outboundNodeSchema.safeParse(value);
    if (node.success) steps.set(id, node.data);
    else for (const i of node.error.issues) problems.push({ file, step: id, reason: `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` });
  }
  if (!(head.data.start in head.data.steps)) problems.push({ file, reason: `start "${head.data.start}" is not a step` });
  const keys = [head.data.settings.voicemailPrompt];
  for (const [id, node] of steps) {
    for (const [prop, target] of targetsOf(node)) if (!(target in head.data.steps)) problems.push({ file, step: id, reason: `${prop} -> "${target}" is not a step` });
    if ((node.do === 'choose' || node.do === 'quote') && new Set(node.options.map((o) => o.key)).size !== node.options.length) problems.push({ file, step: id, reason: 'two options share a key' });
    for (const k of promptsOf(node)) {
      for (const [locale, pack] of Object.entries(flows.locales)) if (!(k in pack.prompts)) problems.push({ file: `wording/${locale}.yaml`, step: id, reason: `prompt "${k}" is not defined` });
    }
  }
  for (const k of keys) for (const [locale, pack] of Object.entries(flows.locales)) if (!(k in pack.prompts)) problems.push({ file: `wording/${locale}.yaml`, reason: `prompt "${k}" (settings.voicemailPrompt) is not defined` });
  if (problems.length) return { problems };
  return { flow: Object.freeze({ start: head.data.start, settings: head.data.settings, steps }), problems };
}
