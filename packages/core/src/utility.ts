import type { Arith } from './arith.js';
import { METRICS } from './metrics.js';
import { DIMENSION_COUNT, DIMENSIONS, type Dimension, type Model } from './model.js';
import type { WorldView } from './state.js';
import { NO_INPUTS } from './view-code.js';
import { formulasOf } from './world-formulas.js';

/**
 * Actor i's utility, written once over the model's arithmetic (arith.ts):
 * U_i(s) = Σ_d w_{i,d} · m_d(s, i), the sum over the dimensions whose weight is not 0 (a metric
 * weighted 0 is not computed). Not normalised by Σ|w|: margins, costs and temperatures are in the
 * same units as the weights, so a weight on a dimension no option can move changes no choice
 * (docs/model.md, "Utility"). `metric(d)` gives m_d in the same arithmetic. Weights live in the
 * world because shocks can change them.
 */
export function utilityFormula<V>(A: Arith<V>, i: number, metric: (d: number) => V): V {
  let u = A.lit(0);
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    const w = A.local(A.weight(i, d));
    const u0 = u;
    u = A.local(
      A.ifNonZero(
        w,
        () => A.add(u0, A.mul(w, metric(d))),
        () => u0,
      ),
    );
  }
  return u;
}

/**
 * U_i(after) − U_i(now) for an option that leaves the weights alone and can change only the
 * dimensions in `mask` (dependencies.ts): Σ_{d ∈ mask} w_{i,d} (m_d(after) − m_d(now)), over the
 * weights that are not 0. Every other term is 0 by construction, so this is the difference of the
 * two utilities. An option that changes weights is weighed as utilityFormula(after) − utilityFormula(now).
 */
export function gainFormula<V>(A: Arith<V>, i: number, mask: number, after: (d: number) => V, now: (d: number) => V): V {
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
  return delta;
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
  /** weight · value: the dimension's part of the utility. */
  readonly contribution: number;
}

/** Each dimension's part of actor i's utility; the contributions sum to utility(). */
export function utilityBreakdown(m: Model, s: WorldView, i: number): DimensionTerm[] {
  const base = i * DIMENSION_COUNT;
  return DIMENSIONS.map((dimension, d) => {
    const weight = s.weights[base + d]!;
    const value = METRICS[d]!(m, s, i);
    return { dimension, weight, value, contribution: weight * value };
  });
}
