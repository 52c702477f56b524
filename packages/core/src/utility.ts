import { METRICS } from './metrics.js';
import { DIMENSION_COUNT, DIMENSIONS, type Dimension, type Model } from './model.js';
import type { WorldView } from './state.js';

/**
 * Actor i's utility: U_i(s) = Σ_d w_{i,d} · m_d(s, i) / Σ_d |w_{i,d}|, in [−1, 1].
 * Weights live in the state because shocks can change them.
 */
export function utility(m: Model, s: WorldView, i: number): number {
  const base = i * DIMENSION_COUNT;
  let u = 0;
  let norm = 0;
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    const w = s.weights[base + d]!;
    if (w === 0) continue;
    u += w * METRICS[d]!(m, s, i);
    norm += w < 0 ? -w : w;
  }
  return norm === 0 ? 0 : u / norm;
}

export interface DimensionTerm {
  readonly dimension: Dimension;
  /** The raw weight. */
  readonly weight: number;
  /** The metric's value in [0, 1]. */
  readonly value: number;
  /** weight · value / Σ|w|: the dimension's share of the utility. */
  readonly contribution: number;
}

/** Each dimension's part of actor i's utility; the contributions sum to utility(). */
export function utilityBreakdown(m: Model, s: WorldView, i: number): DimensionTerm[] {
  const base = i * DIMENSION_COUNT;
  let norm = 0;
  for (let d = 0; d < DIMENSION_COUNT; d++) norm += Math.abs(s.weights[base + d]!);
  return DIMENSIONS.map((dimension, d) => {
    const weight = s.weights[base + d]!;
    const value = METRICS[d]!(m, s, i);
    return { dimension, weight, value, contribution: norm === 0 ? 0 : (weight * value) / norm };
  });
}
