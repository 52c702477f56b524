/**
 * Scenario discovery with PRIM, the Patient Rule Induction Method (Friedman and Fisher 1999, as
 * used in exploratory modelling: Bryant and Lempert 2010): a box in parameter space where an
 * outcome of interest is much more frequent than overall. Starting from the whole space, each step
 * peels off the `alpha` share of the points inside the box from the low or the high end of one
 * parameter, whichever leaves the highest mean outcome, until fewer than `minSupport` of the points
 * would remain or no peel raises the mean. Each step is a box on the peeling trajectory, with its
 *
 * - coverage: the share of all the outcome (Σ y) that falls inside the box;
 * - density: the mean outcome inside the box (compare with the overall mean);
 * - support: the share of the points inside.
 *
 * Coverage falls and density rises along the trajectory; an analyst picks the trade-off. `y` may be
 * a 0/1 outcome per point or a share of runs.
 */

export interface PrimBox {
  /** Per parameter, [lo, hi]: the box's limits (the data's own limits where it is not restricted). */
  readonly limits: readonly (readonly [number, number])[];
  readonly coverage: number;
  readonly density: number;
  readonly support: number;
  /** The parameters whose limits the peeling moved. */
  readonly restricted: readonly number[];
}

export interface PrimResult {
  /** The mean outcome over all points. */
  readonly mean: number;
  /** The boxes along the peeling trajectory, the whole space first. */
  readonly trajectory: readonly PrimBox[];
}

/**
 * The peeling trajectory of points `x` (n rows of d values, row-major) with outcomes `y` (n).
 * Deterministic: ties are broken by the lower parameter index, then the low end.
 */
export function prim(x: Float64Array, y: ArrayLike<number>, d: number, o: { alpha?: number; minSupport?: number } = {}): PrimResult {
  const alpha = o.alpha ?? 0.05;
  const n = y.length;
  const minSupport = Math.max(1, Math.ceil((o.minSupport ?? 0.05) * n));
  const total = Array.from(y).reduce((a, b) => a + b, 0);
  let inside = Array.from({ length: n }, (_, k) => k);
  const limits: [number, number][] = Array.from({ length: d }, (_, j) => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      lo = Math.min(lo, x[k * d + j]!);
      hi = Math.max(hi, x[k * d + j]!);
    }
    return [lo, hi];
  });
  const full = limits.map((l) => [l[0], l[1]] as [number, number]);
  const box = (): PrimBox => {
    let sum = 0;
    for (const k of inside) sum += y[k]!;
    return {
      limits: limits.map((l) => [l[0], l[1]] as [number, number]),
      coverage: total > 0 ? sum / total : 0,
      density: inside.length > 0 ? sum / inside.length : 0,
      support: inside.length / n,
      restricted: limits.flatMap((l, j) => (l[0] > full[j]![0] || l[1] < full[j]![1] ? [j] : [])),
    };
  };
  const trajectory: PrimBox[] = [box()];
  for (;;) {
    const m = inside.length;
    const peel = Math.max(1, Math.floor(alpha * m));
    if (m - peel < minSupport) break;
    let best: { mean: number; j: number; side: 0 | 1; cut: number } | null = null;
    for (let j = 0; j < d; j++) {
      const values = inside.map((k) => x[k * d + j]!).sort((a, b) => a - b);
      // Peel the points below the low cut, or above the high cut; a cut inside a run of ties peels them all.
      const lowCut = values[peel]!;
      const highCut = values[m - 1 - peel]!;
      for (const side of [0, 1] as const) {
        const cut = side === 0 ? lowCut : highCut;
        let sum = 0;
        let count = 0;
        for (const k of inside) {
          const v = x[k * d + j]!;
          if (side === 0 ? v >= cut : v <= cut) {
            sum += y[k]!;
            count++;
          }
        }
        if (count === m || count < minSupport) continue;
        const mean = sum / count;
        if (!best || mean > best.mean + 1e-12) best = { mean, j, side, cut };
      }
    }
    // A peel that does not raise the density finds nothing: the trajectory ends there.
    if (!best || best.mean <= trajectory.at(-1)!.density + 1e-12) break;
    const { j, side, cut } = best;
    inside = inside.filter((k) => (side === 0 ? x[k * d + j]! >= cut : x[k * d + j]! <= cut));
    if (side === 0) limits[j]![0] = cut;
    else limits[j]![1] = cut;
    trajectory.push(box());
  }
  return { mean: n > 0 ? total / n : 0, trajectory };
}

/**
 * The box an analyst would usually report: the densest box on the trajectory that still covers at
 * least `minCoverage` of the outcome (default half), or the whole space.
 */
export function chooseBox(r: PrimResult, minCoverage = 0.5): PrimBox {
  let best = r.trajectory[0]!;
  for (const b of r.trajectory) if (b.coverage >= minCoverage && b.density > best.density) best = b;
  return best;
}
