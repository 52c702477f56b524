/**
 * Fixed-bin histograms: the streaming summaries of a batch. Counts are integers, so
 * merging partial results is exact and order-free — the summary is byte-identical for
 * any number of workers, shards or resumes — and memory does not grow with the runs.
 * Quantiles are read to within one bin (stated in the summary).
 */
export interface Range {
  readonly lo: number;
  readonly hi: number;
  /** Equal bins between lo and hi. */
  readonly bins: number;
  /** Counters: one for values at or below lo, the bins, one for values at or above hi. */
  readonly slots: number;
}

/**
 * A range of `bins` equal bins, with a counter of its own at each end: many values sit exactly at
 * a bound (no sanctions, no joint activity), and a quantile that falls there is then the bound
 * itself, not the middle of the first bin.
 */
export const range = (lo: number, hi: number, bins: number): Range => ({ lo, hi, bins, slots: bins + 2 });

/** The bin width of a range. */
export const binWidth = (r: Range): number => (r.hi - r.lo) / r.bins;

export function binOf(r: Range, x: number): number {
  if (x <= r.lo) return 0;
  if (x >= r.hi) return r.bins + 1;
  const k = Math.floor(((x - r.lo) / (r.hi - r.lo)) * r.bins);
  return 1 + (k >= r.bins ? r.bins - 1 : k);
}

/** The q-quantile (0 ≤ q ≤ 1) of the values counted in `counts`: a bound when it falls on one, else the midpoint of its bin; null when empty. */
export function quantile(r: Range, counts: ArrayLike<number>, q: number, offset = 0): number | null {
  let n = 0;
  for (let k = 0; k < r.slots; k++) n += counts[offset + k]!;
  if (n === 0) return null;
  const target = Math.max(1, Math.ceil(q * n));
  let cum = 0;
  for (let k = 0; k < r.slots; k++) {
    cum += counts[offset + k]!;
    if (cum >= target) return k === 0 ? r.lo : k === r.bins + 1 ? r.hi : r.lo + ((k - 0.5) * (r.hi - r.lo)) / r.bins;
  }
  return r.hi;
}
