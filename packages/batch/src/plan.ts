import { createHash } from 'node:crypto';
import { type Model, parametersOf, withChanges } from '@parley/core';
import { BatchInputError } from './errors.js';

/**
 * Parameter points for a batch (core's parameters.ts): run r runs the model with the parameters
 * named by `indices` set to point ⌊r / block⌋'s values, every other parameter as the scenario has it.
 * A block of runs per point separates the spread over parameters (between points) from the
 * spread over the dice (within a point); block 1 gives every run a vector of its own.
 */
export interface ParameterPlan {
  /** The parameters the points set, by their index in parametersOf(model). */
  readonly indices: readonly number[];
  /** The points, one after another: point p's value of indices[j] is values[p × indices.length + j]. */
  readonly values: Float64Array;
  /** Runs per point. */
  readonly block: number;
  /**
   * Common random numbers: the runs of every point draw the dice of runs 0 … block − 1, so two points
   * differ by their parameters only (Sobol estimates difference points; default: each run its own dice).
   */
  readonly crn?: boolean;
}

export function planPoints(p: ParameterPlan): number {
  return p.indices.length === 0 ? 0 : p.values.length / p.indices.length;
}

/** A plan that cannot run model m for `runs` runs, said as a user's mistake. */
export function checkPlan(m: Model, p: ParameterPlan, runs: number): void {
  const n = parametersOf(m).names.length;
  const bad = p.indices.find((k) => !Number.isInteger(k) || k < 0 || k >= n);
  if (bad !== undefined) throw new BatchInputError(`parameter index ${bad} is not one of the model's ${n} parameters`);
  if (new Set(p.indices).size !== p.indices.length) throw new BatchInputError('a parameter is set twice by the same points');
  if (p.indices.length === 0 || p.values.length % p.indices.length !== 0)
    throw new BatchInputError(`${p.values.length} values are not whole points of ${p.indices.length} parameters`);
  if (!Number.isInteger(p.block) || p.block < 1) throw new BatchInputError(`runs per point must be a whole number ≥ 1, not ${p.block}`);
  const k = p.values.findIndex((x) => !Number.isFinite(x));
  if (k >= 0) throw new BatchInputError(`point ${Math.floor(k / p.indices.length) + 1} has a value that is not a finite number`);
  if (planPoints(p) * p.block < runs)
    throw new BatchInputError(`${planPoints(p)} points × ${p.block} runs cover ${planPoints(p) * p.block} runs, not the ${runs} asked for`);
}

/** A digest of the plan: part of a batch's identity, so a checkpoint is resumed only with the same points. */
export function planDigest(p: ParameterPlan): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ indices: p.indices, block: p.block, ...(p.crn ? { crn: true } : {}) }));
  h.update(new Uint8Array(p.values.buffer, p.values.byteOffset, p.values.byteLength));
  return h.digest('hex').slice(0, 16);
}

/** The parameters' names, as rows and summaries show them. */
export function planNames(m: Model, p: ParameterPlan): string[] {
  const { names } = parametersOf(m);
  return p.indices.map((k) => names[k]!);
}

/**
 * The model each run of a plan runs: m with its point's values. Consecutive runs of one point
 * share one model (made when the point changes), so blocks of runs cost one model each.
 */
export function planModels(m: Model, p: ParameterPlan): { model(run: number): Model; point(run: number): Float64Array<ArrayBufferLike> } {
  const width = p.indices.length;
  let at = -1;
  let current = m;
  let values: Float64Array<ArrayBufferLike> = new Float64Array(width);
  const move = (run: number): void => {
    const point = Math.floor(run / p.block);
    if (point === at) return;
    values = p.values.subarray(point * width, (point + 1) * width);
    if (values.length !== width) throw new BatchInputError(`run ${run} has no parameter point`);
    current = withChanges(m, p.indices, values);
    at = point;
  };
  return {
    model(run) {
      move(run);
      return current;
    },
    point(run) {
      move(run);
      return values;
    },
  };
}
