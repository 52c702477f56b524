import type { Arith } from './arith.js';
import { METRICS } from './metrics.js';
import { DIMENSION_COUNT, DIMENSIONS, type Dimension, type Model } from './model.js';
import type { WorldView } from './state.js';
import { NO_INPUTS } from './view-code.js';
import { formulasOf } from './world-formulas.js';

/**
 * Actor i's utility, written once over the model's arithmetic (arith.ts):
 * U_i(s) = Σ_d w_{i,d} · m_d(s, i) / Σ_d |w_{i,d}|, in [−1, 1], the sums over the dimensions whose
 * weight is not 0 (a metric weighted 0 is not computed). `metric(d)` gives m_d in the same
 * arithmetic. Weights live in the world because shocks can change them.
 */
export function utilityFormula<V>(A: Arith<V>, i: number, metric: (d: number) => V): V {
  let u = A.lit(0);
  let norm = A.lit(0);
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    const w = A.local(A.weight(i, d));
    const [u0, n0] = [u, norm];
    u = A.local(
      A.ifNonZero(
        w,
        () => A.add(u0, A.mul(w, metric(d))),
        () => u0,
      ),
    );
    norm = A.local(
      A.ifNonZero(
        w,
        () => A.add(n0, A.abs(w)),
        () => n0,
      ),
    );
  }
  return A.ifNonZero(
    norm,
    () => A.div(u, norm),
    () => A.lit(0),
  );
}

/** Σ_d |w_{i,d}| over the weights that are not 0, in dimension order: what utilityFormula divides by. */
export function normFormula<V>(A: Arith<V>, i: number): V {
  let norm = A.lit(0);
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    const w = A.local(A.weight(i, d));
    const n0 = norm;
    norm = A.local(
      A.ifNonZero(
        w,
        () => A.add(n0, A.abs(w)),
        () => n0,
      ),
    );
  }
  return norm;
}

/**
 * U_i(after) − U_i(now) for an option that leaves the weights alone and can change only the
 * dimensions in `mask` (dependencies.ts): Σ_{d ∈ mask} w_{i,d} (m_d(after) − m_d(now)) / Σ_d |w_{i,d}|,
 * over the weights that are not 0. Every other term is 0 by construction, so this is the
 * difference of the two utilities; `norm` is normFormula's. An option that changes weights is
 * weighed as utilityFormula(after) − utilityFormula(now).
 */
export function gainFormula<V>(A: Arith<V>, i: number, mask: number, after: (d: number) => V, now: (d: number) => V, norm: V): V {
  let delta = A.lit(0);
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    if (!(mask & (1 << d))) continue;
    const w = A.local(A.weight(i, d));
    const d0 = delta;
    delta = A.local(
      A.ifNonZero(
        w,
        () => A.add(d0, A.mul(w, A.sub(after(d), now(d)))),
        () => d0,
      ),
    );
  }
  return A.ifNonZero(
    norm,
    () => A.div(delta, norm),
    () => A.lit(0),
  );
}

/** Actor i's utility in world s (utilityFormula, evaluated). */
export function utility(m: Model, s: WorldView, i: number): number {
  return formulasOf(m).utility(i)(s, NO_INPUTS, s);
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
