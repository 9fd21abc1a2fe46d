/**
 * Loads and validates ivr-flows/ once at start-up. Every problem names the file, the step and
 * the reason; any problem stops start-up (FlowError). The result is immutable and shared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DECISION_PROMPTS, flowFileSchema, nodeSchema, promptsFileSchema, REQUIRED_PROMPTS, type FlowLocale, type FlowNode, type FlowSettings, type PromptsFile } from './flow-schema';
import { defaultWordingDir, loadWordingCatalog, WordingError, type WordingCatalog } from '../../../shared/wording/catalog';

export interface Flows {
  dir: string;
  start: string;
  settings: FlowSettings;
  steps: ReadonlyMap<string, FlowNode>;
  locales: Readonly<Record<FlowLocale, PromptsFile>>;
}

export interface FlowProblem {
  file: string;
  step?: string;
  reason: string;
}

export class FlowError extends Error {
  constructor(readonly problems: FlowProblem[]) {
    super(`invalid IVR flows:\n  ${problems.map(formatProblem).join('\n  ')}`);
    this.name = 'FlowError';
  }
}

export const formatProblem = (p: FlowProblem): string => `${p.file}${p.step ? `: step "${p.step}"` : ''}: ${p.reason}`;

const issuesOf = (e: z.ZodError): string[] => e.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);

function readYaml(file: string, problems: FlowProblem[]): unknown {
  try {
    return parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push({ file, reason: e instanceof Error ? e.message.split('\n')[0] : String(e) });
    return undefined;
  }
}

/** Step ids a node may lead to, with the property that names each. */
function targets(node: FlowNode): [string, string][] {
  switch (node.do) {
    case 'choose-locale':
    case 'say':
    case 'tell-decisions':
      return [['next', node.next]];
    case 'collect-account':
      return [['next', node.next], ['tooMany', node.tooMany], ...(node.newCustomer ? [['newCustomer.step', node.newCustomer.step] as [string, string]] : [])];
    case 'offer-resume':
    case 'next-best-offer':
      return [['next', node.next], ['procedureStep', node.procedureStep]];
    case 'menu':
      return [['next', node.next], ...node.items.flatMap((i, n): [string, string][] => ('goto' in i ? [[`items.${n}.goto`, i.goto]] : []))];
    case 'identify':
    case 'verify-pin':
    case 'ask-yes-no':
      return Object.entries(node.next).map(([k, v]): [string, string] => [`next.${k}`, v as string]);
    case 'procedure':
      return [...Object.entries(node.on).map(([k, v]): [string, string] => [`on.${k}`, v as string]), ...(node.menu ? [['menu.step', node.menu.step] as [string, string]] : [])];
    default:
      return [];
  }
}

function promptKeys(node: FlowNode): string[] {
  const keys: string[] = [];
  if ('prompt' in node && node.prompt) keys.push(node.prompt);
  if (node.do === 'collect-account' && node.newCustomer) keys.push(node.newCustomer.prompt);
  if (node.do === 'menu') keys.push(...node.items.map((i) => i.label));
  if (node.do === 'procedure' && node.menu) keys.push(node.menu.hint, node.menu.paused);
  if (node.do === 'tell-decisions') keys.push(...DECISION_PROMPTS);
  return keys;
}

/** Validates a flows directory; returns the problems (empty = good) and the flows when good. */
export function checkFlows(dir: string, wordingDir?: string): { flows?: Flows; problems: FlowProblem[] } {
  const problems: FlowProblem[] = [];
  const flowFile = path.join(dir, 'flow.yaml');
  if (!fs.existsSync(flowFile)) return { problems: [{ file: flowFile, reason: 'missing (every flows directory needs flow.yaml)' }] };
  const raw = flowFileSchema.safeParse(readYaml(flowFile, problems));
  if (problems.length) return { problems };
  if (!raw.success) return { problems: issuesOf(raw.error).map((reason) => ({ file: flowFile, reason })) };
  const { settings } = raw.data;

  const steps = new Map<string, FlowNode>();
  for (const [id, value] of Object.entries(raw.data.steps)) {
    const node = nodeSchema.safeParse(value);
    if (node.success) steps.set(id, node.data);
    else for (const reason of issuesOf(node.error)) problems.push({ file: flowFile, step: id, reason });
  }

  // The words come from the wording catalog (wording/<locale>.yaml): a flows directory with its
  // own wording/ folder (a test fixture) uses that one.
  let catalog: WordingCatalog;
  try {
    catalog = loadWordingCatalog(wordingDir ?? defaultWordingDir(dir));
  } catch (e) {
    if (!(e instanceof WordingError)) throw e;
    return { problems: e.problems };
  }
  const promptFile = (locale: string) => catalog.file(locale);
  const locales = {} as Record<FlowLocale, PromptsFile>;
  for (const locale of settings.locales) {
    const file = promptFile(locale);
    if (!catalog.locales.includes(locale)) {
      problems.push({ file, reason: `missing (settings.locales lists "${locale}")` });
      continue;
    }
    const parsed = promptsFileSchema.safeParse({ locale, ...(catalog.speech(locale) ?? {}), prompts: catalog.messages('voice', locale) });
    if (!parsed.success) {
      for (const reason of issuesOf(parsed.error)) problems.push({ file, reason: reason.replace(/^(voice|language|words)/, 'speech.$1') });
      continue;
    }
    for (const k of REQUIRED_PROMPTS) if (!(k in parsed.data.prompts)) problems.push({ file, reason: `prompt "${k}" is required (generic step wording)` });
    locales[locale] = parsed.data;
  }

  const exists = (id: string) => steps.has(id);
  if (!(raw.data.start in raw.data.steps)) problems.push({ file: flowFile, reason: `start "${raw.data.start}" is not a step` });
  if (!(settings.agentStep in raw.data.steps)) problems.push({ file: flowFile, reason: `settings.agentStep "${settings.agentStep}" is not a step` });
  for (const [id, node] of steps) {
    for (const [prop, target] of targets(node)) {
      if (!(target in raw.data.steps)) problems.push({ file: flowFile, step: id, reason: `${prop} -> "${target}" is not a step` });
    }
    if ((node.do === 'offer-resume' || node.do === 'next-best-offer') && exists(node.procedureStep) && steps.get(node.procedureStep)?.do !== 'procedure') {
      problems.push({ file: flowFile, step: id, reason: `procedureStep "${node.procedureStep}" must be a procedure step` });
    }
    for (const k of promptKeys(node)) {
      for (const [locale, pack] of Object.entries(locales)) {
        if (!(k in pack.prompts)) problems.push({ file: promptFile(locale), step: id, reason: `prompt "${k}" is not defined` });
      }
    }
    if (node.do === 'menu' || node.do === 'choose-locale') {
      const count = node.do === 'menu' ? node.items.length : node.options.length;
      if (node.do === 'choose-locale' && new Set(node.options.map((o) => o.key)).size !== count) problems.push({ file: flowFile, step: id, reason: 'two options share a key' });
      if (node.do === 'choose-locale' && node.options.some((o) => !settings.locales.includes(o.locale))) problems.push({ file: flowFile, step: id, reason: 'an option names a locale not in settings.locales' });
    }
  }
  if (problems.length) return { problems };
  return { flows: Object.freeze({ dir, start: raw.data.start, settings, steps, locales }), problems };
}

/** Start-up: the validated flows, or a FlowError naming every problem. */
export function loadFlows(dir: string, wordingDir?: string): Flows {
  const { flows, problems } = checkFlows(dir, wordingDir);
  if (!flows) throw new FlowError(problems);
  return flows;
}
