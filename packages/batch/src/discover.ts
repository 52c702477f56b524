import { OUTCOME_CLASSES } from '@parley/core';
import type { LoadedScenario } from '@parley/scenario';
import { BatchInputError } from './errors.js';
import { runPlan } from './plan-run.js';
import { chooseBox, prim } from './prim.js';
import { r6 } from './stats.js';
import { uncertainPlan } from './uncertain.js';

export interface DiscoveredLimit {
  readonly path: string;
  /** The number's value in the scenario, and its plausible range. */
  readonly value: number;
  readonly range: readonly [number, number];
  /** Where the box holds it. */
  readonly box: readonly [number, number];
}

export interface DiscoveryStep {
  readonly coverage: number;
  readonly density: number;
  readonly support: number;
  readonly restricted: readonly DiscoveredLimit[];
}

export interface DiscoveryResult {
  readonly schema: 'parley.discovery/1';
  readonly scenario: { readonly id: string; readonly hash: string; readonly file: string };
  readonly seed: number;
  /** An outcome class, or `treaty` (any treaty). */
  readonly outcome: string;
  readonly points: number;
  readonly runsPerPoint: number;
  /** The outcome's share over all the points. */
  readonly mean: number;
  /** The peeling trajectory (prim.ts), the whole space first. */
  readonly trajectory: readonly DiscoveryStep[];
  /** The densest box that still covers at least `minCoverage` of the outcome. */
  readonly chosen: DiscoveryStep & { readonly minCoverage: number };
}

/** The outcome classes an outcome name stands for: a class, or `treaty` (every treaty class). */
export function outcomeClasses(outcome: string): number[] {
  if (outcome === 'treaty') return OUTCOME_CLASSES.flatMap((c, k) => (c.startsWith('treaty') ? [k] : []));
  const k = OUTCOME_CLASSES.indexOf(outcome as (typeof OUTCOME_CLASSES)[number]);
  if (k < 0) throw new BatchInputError(`--outcome ${outcome}: expected treaty or one of ${OUTCOME_CLASSES.join(', ')}`);
  return [k];
}

/**
 * Scenario discovery (docs/uncertainty.md): which regions of the uncertain numbers lead to an
 * outcome. Draws `points` points from the numbers' ranges (as `batch --uncertain`), runs each
 * `runsPerPoint` times, and runs PRIM on the points' shares of the outcome.
 */
export async function discover(
  sc: LoadedScenario,
  file: string,
  o: { outcome: string; points: number; runsPerPoint: number; seed: number; workers: number; minCoverage: number; filter?: RegExp },
): Promise<DiscoveryResult> {
  const classes = outcomeClasses(o.outcome);
  const u = uncertainPlan(sc, { points: o.points, block: o.runsPerPoint, seed: o.seed, ...(o.filter ? { filter: o.filter } : {}) });
  const acc = await runPlan(sc, file, u.plan, { runs: o.points * o.runsPerPoint, seed: o.seed, workers: o.workers });
  const O = OUTCOME_CLASSES.length;
  const y = Array.from({ length: o.points }, (_, k) => classes.reduce((s, c) => s + acc.byPoint[k * O + c]!, 0) / o.runsPerPoint);
  const d = u.parameters.length;
  const r = prim(u.draws, y, d);
  const step = (b: (typeof r.trajectory)[number]): DiscoveryStep => ({
    coverage: r6(b.coverage),
    density: r6(b.density),
    support: r6(b.support),
    restricted: b.restricted.map((j) => {
      const p = u.parameters[j]!;
      return { path: p.path, value: p.value, range: [p.lo, p.hi], box: [r6(b.limits[j]![0]), r6(b.limits[j]![1])] };
    }),
  });
  return {
    schema: 'parley.discovery/1',
    scenario: { id: sc.data.id, hash: sc.hash, file },
    seed: o.seed,
    outcome: o.outcome,
    points: o.points,
    runsPerPoint: o.runsPerPoint,
    mean: r6(r.mean),
    trajectory: r.trajectory.map(step),
    chosen: { ...step(chooseBox(r, o.minCoverage)), minCoverage: o.minCoverage },
  };
}
