import { parametersOf } from '@parley/core';
import { compileScenario, gradedNumbers, type LoadedScenario, numberBoundsAt, Scenario } from '@parley/scenario';
import seedrandom from 'seedrandom';
import { BatchInputError } from './errors.js';
import type { ParameterPlan } from './plan.js';

/** A number of the scenario that `--uncertain` draws: where it is, its value and how it is drawn. */
export interface UncertainParameter {
  /** Its path in the scenario, as `--set` writes it. */
  readonly path: string;
  readonly at: readonly (string | number)[];
  readonly value: number;
  /** Its plausible range, cut to the bounds the scenario format allows for it. */
  readonly lo: number;
  readonly hi: number;
  readonly distribution: 'triangular' | 'uniform';
  readonly grade: 'value' | 'direction' | 'assumption';
  /** Where its range comes from: its own (`stated`) or the scenario's `defaultRange` (`rule`). */
  readonly rangeKind: 'stated' | 'rule';
}

/**
 * Numbers whose range is not theirs to draw here: a reservation margin's range is the prior each
 * run already draws the actor's own margin from (private information, not our ignorance); a
 * duration or a repeat count is the model's structure, not a magnitude; the territories' areas are
 * shares that must sum to 1, which independent draws would break.
 */
const NOT_DRAWN = /(?:^|\.)(?:walkAwayMargin|economicMargin|duration|times)$|^territories\.[^.]+\.area$/;

/**
 * The scenario's uncertain parameters: every number with a plausible range wider than a point (its
 * own `range`, or the scenario's `defaultRange`), in the order the file lists them, each range cut to
 * the bounds the format allows (a cohesion of 0.8 under "half to twice" is drawn from [0.4, 1]).
 */
export function uncertainParameters(sc: LoadedScenario, filter?: RegExp): UncertainParameter[] {
  const out: UncertainParameter[] = [];
  for (const n of gradedNumbers(sc.raw)) {
    if (!n.plausible || (n.rangeKind !== 'stated' && n.rangeKind !== 'rule') || NOT_DRAWN.test(n.path)) continue;
    if (filter && !filter.test(n.path)) continue;
    const [min, max] = numberBoundsAt(Scenario, sc.raw, n.at);
    const lo = Math.max(min, n.plausible[0]);
    const hi = Math.min(max, n.plausible[1]);
    if (!(lo < hi)) continue;
    out.push({ path: n.path, at: n.at, value: n.value, lo, hi, distribution: n.distribution, grade: n.grade, rangeKind: n.rangeKind });
  }
  return out;
}

/** A draw from a parameter's distribution, by inverting its distribution function at u ∈ [0, 1). */
export function drawParameter(p: Pick<UncertainParameter, 'lo' | 'hi' | 'value' | 'distribution'>, u: number): number {
  const { lo, hi } = p;
  if (p.distribution === 'uniform') return lo + u * (hi - lo);
  const c = Math.min(hi, Math.max(lo, p.value));
  const f = (c - lo) / (hi - lo);
  return u < f ? lo + Math.sqrt(u * (hi - lo) * (c - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - c));
}

/** Set the number at `at` in a copy of raw scenario data: a sourced number's `value`, or the plain number. */
function setNumber(raw: unknown, at: readonly (string | number)[], value: number): void {
  let node = raw as Record<string | number, unknown>;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = at.at(-1)!;
  const here = node[last];
  if (here !== null && typeof here === 'object' && !Array.isArray(here)) (here as Record<string, unknown>).value = value;
  else node[last] = value;
}

export interface UncertainPlan {
  readonly plan: ParameterPlan;
  readonly parameters: readonly UncertainParameter[];
  /** Each point's drawn values of the scenario's numbers: points × parameters, point by point. */
  readonly draws: Float64Array;
}

/**
 * Draw `points` parameter vectors for a batch over uncertainty (docs/uncertainty.md): point k's
 * values come from its own seedrandom stream, keyed by the scenario's hash, the seed and k, so the
 * points are the same whatever the workers, shards or resumes. Each point's numbers are written into
 * the scenario and compiled (as `--set` would), and the plan carries the model parameters that any
 * point changes; `block` runs per point.
 */
export function uncertainPlan(sc: LoadedScenario, o: { points: number; block: number; seed: number; filter?: RegExp }): UncertainPlan {
  const parameters = uncertainParameters(sc, o.filter);
  if (parameters.length === 0)
    throw new BatchInputError(
      `${sc.file} has no uncertain numbers${o.filter ? ` matching ${o.filter}` : ''}: give numbers a range ([lo, hi]) or the scenario a defaultRange`,
    );
  const draws = new Float64Array(o.points * parameters.length);
  for (let k = 0; k < o.points; k++) {
    const rng = seedrandom.alea(`${sc.hash}:${o.seed}:uncertain:${k}`);
    parameters.forEach((p, j) => {
      draws[k * parameters.length + j] = drawParameter(p, rng());
    });
  }
  return { plan: compilePoints(sc, parameters, draws, o.block), parameters, draws };
}

/**
 * The plan that runs `draws` (points × parameters, point by point: values of the scenario's numbers):
 * each point's numbers are written into the scenario and compiled, as `--set` would, and the plan
 * carries the model parameters that any point moves; `block` runs per point.
 */
export function compilePoints(
  sc: LoadedScenario,
  parameters: readonly UncertainParameter[],
  draws: Float64Array,
  block: number,
  crn = false,
): ParameterPlan {
  const points = draws.length / Math.max(1, parameters.length);
  const base = parametersOf(sc.model);
  const width = base.values.length;
  const vectors = new Float64Array(points * width);
  // One copy of the scenario, its numbers overwritten point after point (each point sets them all).
  const raw = structuredClone(sc.raw);
  for (let k = 0; k < points; k++) {
    parameters.forEach((p, j) => {
      setNumber(raw, p.at, draws[k * parameters.length + j]!);
    });
    const problems: string[] = [];
    const parsed = Scenario.safeParse(raw);
    if (!parsed.success) throw new BatchInputError(`point ${k + 1}: the drawn scenario is not valid: ${parsed.error.issues[0]?.message}`);
    const m = compileScenario(parsed.data, (path, message) => problems.push(`${path.join('.')}: ${message}`));
    if (problems.length > 0) throw new BatchInputError(`point ${k + 1}: the drawn scenario does not compile: ${problems[0]}`);
    const p = parametersOf(m);
    if (p.values.length !== width) throw new BatchInputError(`point ${k + 1}: drawing changed the model's structure`);
    vectors.set(p.values, k * width);
  }
  // The plan sets only the model parameters some point moves.
  const indices: number[] = [];
  for (let i = 0; i < width; i++) {
    for (let k = 0; k < points; k++)
      if (vectors[k * width + i] !== base.values[i]) {
        indices.push(i);
        break;
      }
  }
  // Points that move nothing (every number at a value the model cannot tell apart) still need a column.
  if (indices.length === 0) indices.push(0);
  const values = new Float64Array(points * indices.length);
  for (let k = 0; k < points; k++)
    indices.forEach((i, j) => {
      values[k * indices.length + j] = vectors[k * width + i]!;
    });
  return { indices, values, block, ...(crn ? { crn: true } : {}) };
}

/** Points for a batch of `runs` runs over uncertainty: about √runs points of about √runs runs each, at least 2 runs a point. */
export function defaultPoints(runs: number): number {
  return Math.max(1, Math.min(Math.floor(runs / 2), Math.round(Math.sqrt(runs))));
}
