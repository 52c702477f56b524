import { OUTCOME_CLASSES } from '@parley/core';
import { wilson } from './stats.js';

/**
 * An outcome's share over a batch whose runs took parameter points (`batch --uncertain`), with the
 * two sources of its spread kept apart (docs/uncertainty.md).
 */
export interface OutcomeSpread {
  /** An outcome class, or `treaty` (any treaty). */
  readonly class: string;
  readonly label: string;
  /** Its share over all runs: the mean over the parameter points. */
  readonly p: number;
  /** 95% Wilson interval of that share: the dice only (Monte Carlo error). */
  readonly dice95: [number, number];
  /** The share at the points: 5%, 50% and 95% quantiles over the points (what we don't know). */
  readonly points: { readonly p05: number; readonly p50: number; readonly p95: number };
  /**
   * The share of the run-to-run variance of "this outcome happened" that the parameters explain:
   * Var over points of the true share ÷ p(1 − p), the within-point dice noise taken out. 0: the
   * parameters do not matter to it; 1: they decide it.
   */
  readonly fromParameters: number;
}

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The q-quantile of sorted values (the lower of the two middle ones, no interpolation: plain to check). */
const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

/**
 * Each outcome's spread over the points, from the counts by point and outcome ([point][outcome
 * class]). The variance of the true share over the points is estimated by the method of moments:
 * the variance of the points' observed shares less their mean binomial noise p_k(1 − p_k)/(n_k − 1),
 * floored at 0. Points with no runs (a batch stopped early) are left out.
 */
export function outcomeSpreads(byPoint: ArrayLike<number>, labels: Readonly<Record<string, string>>): OutcomeSpread[] {
  const O = OUTCOME_CLASSES.length;
  const P = byPoint.length / O;
  const runsAt = Array.from({ length: P }, (_, k) => {
    let n = 0;
    for (let c = 0; c < O; c++) n += byPoint[k * O + c]!;
    return n;
  });
  const spread = (cls: string, label: string, counts: (k: number) => number): OutcomeSpread | null => {
    let total = 0;
    let runs = 0;
    const shares: number[] = [];
    let noise = 0;
    for (let k = 0; k < P; k++) {
      const n = runsAt[k]!;
      if (n === 0) continue;
      const x = counts(k);
      total += x;
      runs += n;
      const p = x / n;
      shares.push(p);
      if (n > 1) noise += (p * (1 - p)) / (n - 1);
    }
    if (total === 0 || shares.length === 0) return null;
    const p = total / runs;
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    const variance = shares.length > 1 ? shares.reduce((a, b) => a + (b - mean) ** 2, 0) / (shares.length - 1) : 0;
    const between = Math.max(0, variance - noise / shares.length);
    const w = wilson(total, runs);
    const sorted = [...shares].sort((a, b) => a - b);
    return {
      class: cls,
      label,
      p: r6(p),
      dice95: [r6(w.low), r6(w.high)],
      points: { p05: r6(quantile(sorted, 0.05)), p50: r6(quantile(sorted, 0.5)), p95: r6(quantile(sorted, 0.95)) },
      fromParameters: r6(p > 0 && p < 1 ? Math.min(1, between / (p * (1 - p))) : 0),
    };
  };
  const out: OutcomeSpread[] = [];
  OUTCOME_CLASSES.forEach((c, j) => {
    const s = spread(c, labels[c] ?? c, (k) => byPoint[k * O + j]!);
    if (s) out.push(s);
  });
  const treaties = OUTCOME_CLASSES.flatMap((c, j) => (c.startsWith('treaty') ? [j] : []));
  const t = spread('treaty', 'Any treaty', (k) => treaties.reduce((s, j) => s + byPoint[k * O + j]!, 0));
  if (t) out.push(t);
  return out;
}
