import type { ProcedureState } from './procedure';

/**
 * Document stores refuse field names with a '.' or a leading '$' (MongoDB and nedb alike), yet
 * step fields are 'config.router' or 'marketing.would-recommend' and derived facts are '$repair'.
 * Keys of answers, labels and given are encoded on the way into the interaction document and
 * decoded on the way out; step field names never contain ':' nor start with '_'.
 */
const encodeKey = (k: string): string => k.replace(/^\$/, '_').replace(/\./g, ':');
const decodeKey = (k: string): string => k.replace(/^_/, '$').replace(/:/g, '.');

const mapKeys = (o: Record<string, unknown> | undefined, f: (k: string) => string): Record<string, unknown> | undefined =>
  o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [f(k), v])) : undefined;

function mapState(s: ProcedureState, f: (k: string) => string): ProcedureState {
  const labels = mapKeys(s.labels, f) as Record<string, string> | undefined;
  const given = mapKeys(s.given, f);
  return { ...s, answers: mapKeys(s.answers, f) ?? {}, ...(labels ? { labels } : {}), ...(given ? { given } : {}) };
}

export const encodeProcedure = (s: ProcedureState): ProcedureState => mapState(s, encodeKey);
export const decodeProcedure = (s: ProcedureState): ProcedureState => mapState(s, decodeKey);
