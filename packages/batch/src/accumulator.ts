import { OUTCOME_CLASSES } from '@parley/core';
import { addInto, type Range } from './histogram.js';
import { SERIES } from './series.js';

/** Bins of the streaming histograms. */
export const FAN: Range = { lo: 0, hi: 1, bins: 50 };
export const FINAL: Range = { lo: 0, hi: 1, bins: 1000 };
export const UTILITY: Range = { lo: -1, hi: 1, bins: 2000 };
/** How many milestones (random shocks, talks suspended or resumed, the treaty) make an event path. */
export const PATH_LENGTH = 4;

/**
 * Everything a batch keeps about its runs: integer counts only, so partial results
 * from workers, shards and resumed jobs merge exactly, in any order, and memory stays
 * flat however many runs there are.
 */
export interface Accumulator {
  runs: number;
  /** Per outcome class, in OUTCOME_CLASSES order. */
  readonly outcomes: number[];
  /** Runs whose treaty was signed in quarter t (index from the start). */
  readonly treatyAt: number[];
  /** Histogram of each series at the end of each quarter: [series][quarter][FAN bin]. */
  readonly fan: number[];
  /** Histogram of each series at the end of the run: [series][FINAL bin]. */
  readonly final: number[];
  /** Histogram of each actor's final utility: [actor][UTILITY bin]. */
  readonly utility: number[];
  /** Runs by their first PATH_LENGTH milestones, e.g. "war-in-europe > talks suspended". */
  readonly paths: Record<string, number>;
}

export interface Shape {
  readonly horizon: number;
  readonly actors: number;
}

export function createAccumulator(shape: Shape): Accumulator {
  const s = SERIES.length;
  return {
    runs: 0,
    outcomes: new Array<number>(OUTCOME_CLASSES.length).fill(0),
    treatyAt: new Array<number>(shape.horizon).fill(0),
    fan: new Array<number>(s * shape.horizon * FAN.bins).fill(0),
    final: new Array<number>(s * FINAL.bins).fill(0),
    utility: new Array<number>(shape.actors * UTILITY.bins).fill(0),
    paths: {},
  };
}

/** a += b. Both must come from the same scenario (same shape). */
export function mergeInto(a: Accumulator, b: Accumulator): void {
  a.runs += b.runs;
  addInto(a.outcomes, b.outcomes);
  addInto(a.treatyAt, b.treatyAt);
  addInto(a.fan, b.fan);
  addInto(a.final, b.final);
  addInto(a.utility, b.utility);
  for (const [k, v] of Object.entries(b.paths)) a.paths[k] = (a.paths[k] ?? 0) + v;
}

/** A plain-JSON form (paths sorted) for partial files and checkpoints. */
export function accumulatorToJson(a: Accumulator): Accumulator {
  const paths: Record<string, number> = {};
  for (const k of Object.keys(a.paths).sort()) paths[k] = a.paths[k]!;
  return { ...a, paths };
}

/** Check a parsed accumulator against the expected shape; returns an error message or null. */
export function checkAccumulator(x: unknown, shape: Shape): string | null {
  const e = createAccumulator(shape);
  if (typeof x !== 'object' || x === null) return 'not an object';
  const o = x as Record<string, unknown>;
  if (!Number.isSafeInteger(o.runs) || (o.runs as number) < 0) return 'bad run count';
  for (const k of ['outcomes', 'treatyAt', 'fan', 'final', 'utility'] as const) {
    const arr = o[k];
    if (!Array.isArray(arr) || arr.length !== e[k].length || !arr.every((v) => Number.isSafeInteger(v) && v >= 0))
      return `bad ${k} histogram`;
  }
  if (typeof o.paths !== 'object' || o.paths === null || Array.isArray(o.paths)) return 'bad paths';
  for (const v of Object.values(o.paths)) if (!Number.isSafeInteger(v)) return 'bad path count';
  const total = (o.outcomes as number[]).reduce((s, v) => s + v, 0);
  if (total !== o.runs) return 'outcome counts do not add up to the run count';
  return null;
}
