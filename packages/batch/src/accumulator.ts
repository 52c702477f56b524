import { OUTCOME_CLASSES } from '@parley/core';
import { type Range, range } from './histogram.js';
import { SERIES } from './series.js';

/** Bins of the streaming histograms. */
export const FAN: Range = range(0, 1, 50);
export const FINAL: Range = range(0, 1, 1000);
export const UTILITY: Range = range(-1, 1, 2000);
/** How many milestones (random shocks, talks suspended or resumed, the treaty) make an event path. */
export const PATH_LENGTH = 4;

export interface Shape {
  readonly horizon: number;
  readonly actors: number;
  /** Parameter points of the batch's plan (0 without one): outcomes are also counted point by point. */
  readonly points?: number;
}

const PARTS = ['outcomes', 'treatyAt', 'fan', 'final', 'utility', 'byPoint'] as const;
type Part = (typeof PARTS)[number];

function sizes(shape: Shape): Record<Part, number> {
  const s = SERIES.length;
  return {
    outcomes: OUTCOME_CLASSES.length,
    treatyAt: shape.horizon,
    fan: s * shape.horizon * FAN.slots,
    final: s * FINAL.slots,
    utility: shape.actors * UTILITY.slots,
    byPoint: (shape.points ?? 0) * OUTCOME_CLASSES.length,
  };
}

/**
 * Everything a batch keeps about its runs: integer counts only (held exactly in one
 * Float64Array, viewed part by part), so partial results from workers, shards and
 * resumed jobs merge exactly, in any order, and memory stays flat however many runs
 * there are. The one buffer also crosses from a worker thread as one copy.
 */
export interface Accumulator {
  runs: number;
  /** Runs by their first PATH_LENGTH milestones, e.g. "war-in-europe > talks suspended". */
  readonly paths: Record<string, number>;
  /** All the counts, in the order of the views below. */
  readonly counts: Float64Array;
  /** Per outcome class, in OUTCOME_CLASSES order. */
  readonly outcomes: Float64Array;
  /** Runs whose treaty was signed in quarter t (index from the start). */
  readonly treatyAt: Float64Array;
  /** Histogram of each series at the end of each quarter: [series][quarter][FAN slot]. */
  readonly fan: Float64Array;
  /** Histogram of each series at the end of the run: [series][FINAL slot]. */
  readonly final: Float64Array;
  /** Histogram of each actor's final utility: [actor][UTILITY slot]. */
  readonly utility: Float64Array;
  /** With a parameter plan: runs by point and outcome, [point][outcome class] (empty without one). */
  readonly byPoint: Float64Array;
}

export function countsLength(shape: Shape): number {
  return Object.values(sizes(shape)).reduce((a, b) => a + b, 0);
}

/** An accumulator over existing counts (e.g. a buffer from a worker). */
export function accumulatorOver(shape: Shape, runs: number, paths: Record<string, number>, counts: Float64Array): Accumulator {
  if (counts.length !== countsLength(shape)) throw new Error(`accumulator has ${counts.length} counts, expected ${countsLength(shape)}`);
  const n = sizes(shape);
  const views = {} as Record<Part, Float64Array>;
  let at = 0;
  for (const p of PARTS) {
    views[p] = counts.subarray(at, at + n[p]);
    at += n[p];
  }
  return { runs, paths, counts, ...views };
}

export function createAccumulator(shape: Shape): Accumulator {
  return accumulatorOver(shape, 0, {}, new Float64Array(countsLength(shape)));
}

/** a += b. Both must come from the same scenario (same shape). */
export function mergeInto(a: Accumulator, b: Pick<Accumulator, 'runs' | 'paths' | 'counts'>): void {
  if (a.counts.length !== b.counts.length) throw new Error(`histogram sizes differ (${a.counts.length} vs ${b.counts.length})`);
  a.runs += b.runs;
  const x = a.counts;
  const y = b.counts;
  for (let k = 0; k < x.length; k++) x[k] = x[k]! + y[k]!;
  for (const [k, v] of Object.entries(b.paths)) a.paths[k] = (a.paths[k] ?? 0) + v;
}

/** The plain-JSON form of an accumulator (paths sorted) for partial files and checkpoints. */
export interface AccumulatorJson {
  readonly runs: number;
  readonly paths: Record<string, number>;
  readonly counts: number[];
}

export function accumulatorToJson(a: Pick<Accumulator, 'runs' | 'paths' | 'counts'>): AccumulatorJson {
  const paths: Record<string, number> = {};
  for (const k of Object.keys(a.paths).sort()) paths[k] = a.paths[k]!;
  return { runs: a.runs, paths, counts: Array.from(a.counts) };
}

/** Read and check an accumulator in JSON form; returns an error message for anything malformed. */
export function accumulatorFromJson(x: unknown, shape: Shape): Accumulator | string {
  if (typeof x !== 'object' || x === null) return 'not an object';
  const o = x as Record<string, unknown>;
  if (!Number.isSafeInteger(o.runs) || (o.runs as number) < 0) return 'bad run count';
  const c = o.counts;
  if (!Array.isArray(c) || c.length !== countsLength(shape) || !c.every((v) => Number.isSafeInteger(v) && v >= 0)) return 'bad histograms';
  if (typeof o.paths !== 'object' || o.paths === null || Array.isArray(o.paths)) return 'bad paths';
  const paths: Record<string, number> = {};
  for (const [k, v] of Object.entries(o.paths)) {
    if (!Number.isSafeInteger(v) || (v as number) < 0) return 'bad path count';
    Object.defineProperty(paths, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  const acc = accumulatorOver(shape, o.runs as number, paths, Float64Array.from(c as number[]));
  return inconsistency(acc, shape) ?? acc;
}

/**
 * Why the counts of an accumulator cannot come from its runs, or null: every run is counted once
 * in each histogram (its outcome, each series' final value and its value at the end of every
 * quarter, each actor's final utility, its event path), and at most once among the treaty quarters.
 */
export function inconsistency(acc: Accumulator, shape: Shape): string | null {
  const sum = (a: ArrayLike<number>, from: number, n: number): number => {
    let t = 0;
    for (let k = from; k < from + n; k++) t += a[k]!;
    return t;
  };
  const n = acc.runs;
  if (sum(acc.outcomes, 0, acc.outcomes.length) !== n) return 'the outcome counts do not add up to the run count';
  if (sum(acc.treatyAt, 0, acc.treatyAt.length) > n) return 'more treaties than runs';
  const S = SERIES.length;
  for (let s = 0; s < S; s++) {
    if (sum(acc.final, s * FINAL.slots, FINAL.slots) !== n) return 'a final-value histogram does not add up to the run count';
    for (let t = 0; t < shape.horizon; t++)
      if (sum(acc.fan, (s * shape.horizon + t) * FAN.slots, FAN.slots) !== n)
        return 'a quarterly histogram does not add up to the run count';
  }
  for (let i = 0; i < shape.actors; i++)
    if (sum(acc.utility, i * UTILITY.slots, UTILITY.slots) !== n) return 'a utility histogram does not add up to the run count';
  if (Object.values(acc.paths).reduce((t, v) => t + v, 0) !== n) return 'the event paths do not add up to the run count';
  if (acc.byPoint.length > 0 && sum(acc.byPoint, 0, acc.byPoint.length) !== n)
    return 'the counts by parameter point do not add up to the run count';
  return null;
}
