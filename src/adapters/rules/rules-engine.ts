import { Engine } from 'json-rules-engine';
import type { Decision, RuleSetName, RulesPort } from '../../domain/ports/rules';
import { watchDir } from '../files/watch-file';
import { loadRuleDefinitions, toEngineRule, type RuleSetDefinition } from './rule-files';

/**
 * The rules port over json-rules-engine 7, with the rules as data files (one per rule set).
 * Every file is validated before any is used; reload() swaps all sets at once or none.
 */
export interface RulesEngine extends RulesPort {
  /** Re-reads the directory; keeps the current rules and rethrows if any file is bad. */
  reload(): Promise<void>;
  /** Stops watching. */
  close(): void;
  /** The validated definitions in use (for check-config and the CSR console). */
  definitions(): ReadonlyMap<RuleSetName, RuleSetDefinition>;
}

export interface RulesEngineOptions {
  dir: string;
  watch?: boolean;
  onReloadError?: (e: Error) => void;
  /** Called after a successful reload from the watcher. */
  onReload?: () => void;
  debounceMs?: number;
}

interface CompiledSet {
  engine: Engine;
  /** Rule name → position in the file, to order equal priorities. */
  order: Map<string, number>;
}

interface Loaded {
  defs: Map<RuleSetName, RuleSetDefinition>;
  compiled: Map<RuleSetName, CompiledSet>;
}

function compile(dir: string): Loaded {
  const defs = loadRuleDefinitions(dir);
  const compiled = new Map<RuleSetName, CompiledSet>();
  for (const [set, def] of defs) {
    const engine = new Engine([], { allowUndefinedFacts: false });
    def.rules.forEach((rule) => engine.addRule(toEngineRule(rule)));
    compiled.set(set, { engine, order: new Map(def.rules.map((r, i) => [r.name, i])) });
  }
  return { defs, compiled };
}

export async function createRulesEngine(opts: RulesEngineOptions): Promise<RulesEngine> {
  let current = compile(opts.dir);
  let stopWatching: (() => void) | undefined;

  const reload = async (): Promise<void> => {
    current = compile(opts.dir);
  };

  const decide = async (set: RuleSetName, facts: Record<string, unknown>): Promise<Decision[]> => {
    const compiledSet = current.compiled.get(set);
    if (!compiledSet) throw new Error(`unknown rule set "${set}"`);
    const { results } = await compiledSet.engine.run(facts);
    return results
      .map((r) => ({
        priority: r.priority ?? 1,
        position: compiledSet.order.get(r.name) ?? Number.MAX_SAFE_INTEGER,
        decision: { type: r.event?.type ?? 'unknown', params: structuredClone(r.event?.params ?? {}), rule: r.name },
      }))
      .sort((a, b) => b.priority - a.priority || a.position - b.position)
      .map((x) => x.decision);
  };

  if (opts.watch) {
    stopWatching = watchDir(
      opts.dir,
      (name) => name.endsWith('.json'),
      () => {
        reload().then(
          () => opts.onReload?.(),
          (e: unknown) => opts.onReloadError?.(e instanceof Error ? e : new Error(String(e))),
        );
      },
      (e) => opts.onReloadError?.(e),
      opts.debounceMs,
    );
  }

  return {
    decide,
    reload,
    close: () => {
      stopWatching?.();
      stopWatching = undefined;
    },
    definitions: () => current.defs,
  };
}
