/**
 * Fixed-bin histograms: the streaming summaries of a batch. Counts are integers, so
 * merging partial results is exact and order-free — the summary is byte-identical for
 * any number of workers, shards or resumes — and memory does not grow with the runs.
 * Quantiles are read to within one bin (stated in the summary).
 */
export interface Range {
  readonly lo: number;
  readonly hi: number;
  readonly bins: number;
}

export function binOf(r: Range, x: number): number {
  const k = Math.floor(((x - r.lo) / (r.hi - r.lo)) * r.bins);
  return k < 0 ? 0 : k >= r.bins ? r.bins - 1 : k;
}

/** The q-quantile (0 ≤ q ≤ 1) of the values counted in `counts`, as the midpoint of its bin; null when empty. */
export function quantile(r: Range, counts: ArrayLike<number>, q: number, offset = 0): number | null {
  let n = 0;
  for (let k = 0; k < r.bins; k++) n += counts[offset + k]!;
  if (n === 0) return null;
  const target = Math.max(1, Math.ceil(q * n));
  let cum = 0;
  for (let k = 0; k < r.bins; k++) {
    cum += counts[offset + k]!;
    if (cum >= target) return r.lo + ((k + 0.5) * (r.hi - r.lo)) / r.bins;
  }
  return r.hi;
}
