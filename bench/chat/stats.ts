/** Latency bookkeeping for the chat benchmark. */
export interface Summary {
  turns: number;
  seconds: number;
  turnsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU time (all threads) per turn, when measured. */
  cpuMsPerTurn?: number;
}

export function summarize(latencies: number[], seconds: number, errors: number): Summary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
  return { turns: sorted.length, seconds, turnsPerSec: sorted.length / seconds, p50: at(0.5), p99: at(0.99), errors };
}

export const fmt = (s: Summary): string =>
  `${s.turnsPerSec.toFixed(0).padStart(6)} turns/s   p50 ${s.p50.toFixed(1).padStart(6)} ms   p99 ${s.p99.toFixed(1).padStart(7)} ms   (${s.turns} turns in ${s.seconds.toFixed(1)} s, ${s.errors} errors${s.cpuMsPerTurn ? `, server CPU ${s.cpuMsPerTurn.toFixed(3)} ms/turn` : ''})`;

/** The median of several runs, field by field (turns/s, p50 and p99 each their own median). */
export function median(runs: Summary[]): Summary {
  const mid = <K extends keyof Summary>(k: K): number => {
    const v = runs.map((r) => r[k] ?? 0).sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const cpu = runs.every((r) => r.cpuMsPerTurn !== undefined) ? { cpuMsPerTurn: mid('cpuMsPerTurn') } : {};
  return { turns: mid('turns'), seconds: mid('seconds'), turnsPerSec: mid('turnsPerSec'), p50: mid('p50'), p99: mid('p99'), errors: runs.reduce((n, r) => n + r.errors, 0), ...cpu };
}
