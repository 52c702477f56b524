import { OUTCOME_CLASSES } from '@parley/core';
import type { LoadedScenario } from '@parley/scenario';
import seedrandom from 'seedrandom';
import { runPlan } from './plan-run.js';
import { saltelliDesign, sobolIndices } from './sobol.js';
import { r6 } from './stats.js';
import { compilePoints, drawParameter, type UncertainParameter, uncertainParameters } from './uncertain.js';

export interface SobolRow {
  readonly path: string;
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
  readonly grade: string;
  /** Share of the treaty share's variance this number explains alone, with its 95% bootstrap interval. */
  readonly first: number;
  readonly firstCi95: [number, number];
  /** Share it has a hand in, alone or with others. */
  readonly total: number;
  readonly totalCi95: [number, number];
}

export interface SobolResult {
  readonly schema: 'parley.sobol/1';
  readonly scenario: { readonly id: string; readonly hash: string; readonly file: string };
  readonly seed: number;
  /** N: rows of each of Saltelli's samples A and B. */
  readonly baseRows: number;
  readonly runsPerPoint: number;
  /** N(d + 2) points, each run `runsPerPoint` times with the same dice. */
  readonly points: number;
  readonly runs: number;
  /** The output: the share of a point's runs that end in a treaty. */
  readonly output: 'treaty share';
  /** Its variance over the points, and the part of it that is the dice (binomial noise within a point). */
  readonly variance: number;
  readonly diceVariance: number;
  /** By total index, largest first. */
  readonly rows: readonly SobolRow[];
  /** The top numbers by total index swept alone across their ranges: where a small move swings the treaty share. */
  readonly edges: readonly KnifeEdge[];
}

/** One number swept alone across its range (the others at their values), and whether it holds a cliff. */
export interface KnifeEdge {
  readonly path: string;
  /** The sweep: EDGE_STEPS + 1 values from lo to hi, and the treaty share at each. */
  readonly values: readonly number[];
  readonly shares: readonly number[];
  /** The largest change of the share between neighbouring values (a tenth of the range apart), and where. */
  readonly jump: number;
  readonly between: readonly [number, number];
  /** jump ≥ KNIFE_EDGE: a tenth of the range decides a quarter or more of the runs. */
  readonly knifeEdge: boolean;
}

/** Steps of a knife-edge sweep: each a tenth of the number's range. */
export const EDGE_STEPS = 10;
/** A jump of the treaty share between neighbouring values that makes a knife edge: 25 points. */
export const KNIFE_EDGE = 0.25;

const TREATY = OUTCOME_CLASSES.flatMap((c, k) => (c.startsWith('treaty') ? [k] : []));

/**
 * Sobol indices of the treaty share over the scenario's uncertain numbers (docs/uncertainty.md):
 * Saltelli's design of N(d + 2) points in the numbers' ranges (each coordinate mapped through its
 * number's distribution), each point run `runsPerPoint` times with common random numbers (the same
 * dice at every point, so two points differ by their numbers only), on the batch's workers.
 */
export async function sobolSensitivity(
  sc: LoadedScenario,
  file: string,
  o: {
    seed: number;
    baseRows: number;
    runsPerPoint: number;
    workers: number;
    filter?: RegExp;
    /** How many of the top numbers by total index to sweep for knife edges (default 10). */
    edges?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<SobolResult> {
  const params = uncertainParameters(sc, o.filter);
  if (params.length === 0)
    throw new Error(`no uncertain numbers${o.filter ? ` match ${o.filter}` : ''}: give numbers a range or the scenario a defaultRange`);
  const d = params.length;
  const n = o.baseRows;
  const design = saltelliDesign(n, d, seedrandom.alea(`${sc.hash}:${o.seed}:saltelli`));
  const draws = design.unit.map((u, k) => drawParameter(params[k % d]!, u));
  const plan = compilePoints(sc, params, draws, o.runsPerPoint, true);
  const points = n * (d + 2);
  const runs = points * o.runsPerPoint;
  const acc = await runPlan(sc, file, plan, {
    runs,
    seed: o.seed,
    workers: o.workers,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const O = OUTCOME_CLASSES.length;
  const f = Float64Array.from({ length: points }, (_, k) => TREATY.reduce((s, c) => s + acc.byPoint[k * O + c]!, 0) / o.runsPerPoint);
  const indices = sobolIndices(f, n, d, 200, seedrandom.alea(`${sc.hash}:${o.seed}:bootstrap`));
  const ab = f.subarray(0, 2 * n);
  const mean = ab.reduce((a, b) => a + b, 0) / ab.length;
  const variance = ab.reduce((a, b) => a + (b - mean) ** 2, 0) / ab.length;
  const dice = ab.reduce((a, p) => a + (p * (1 - p)) / Math.max(1, o.runsPerPoint - 1), 0) / ab.length;
  const r2 = (x: [number, number]): [number, number] => [r6(x[0]), r6(x[1])];
  const rows = params
    .map((p, i) => ({
      path: p.path,
      value: p.value,
      lo: p.lo,
      hi: p.hi,
      grade: p.grade,
      first: r6(indices[i]!.first),
      firstCi95: r2(indices[i]!.firstCi95),
      total: r6(indices[i]!.total),
      totalCi95: r2(indices[i]!.totalCi95),
    }))
    .sort((a, b) => b.total - a.total || (a.path < b.path ? -1 : 1));
  const edges = await knifeEdges(
    sc,
    file,
    rows.slice(0, o.edges ?? 10).map((r) => params.find((p) => p.path === r.path)!),
    params,
    o,
  );
  return {
    schema: 'parley.sobol/1',
    scenario: { id: sc.data.id, hash: sc.hash, file },
    seed: o.seed,
    baseRows: n,
    runsPerPoint: o.runsPerPoint,
    points,
    runs,
    output: 'treaty share',
    variance: r6(variance),
    diceVariance: r6(dice),
    rows,
    edges,
  };
}

/**
 * Sweep each of `swept` alone across its range (EDGE_STEPS + 1 values, every other uncertain number
 * at its value), `runsPerPoint` runs a value with the same dice, and flag the jumps: a knife edge is
 * a number where a tenth of its plausible range moves the treaty share by KNIFE_EDGE or more.
 */
async function knifeEdges(
  sc: LoadedScenario,
  file: string,
  swept: readonly UncertainParameter[],
  params: readonly UncertainParameter[],
  o: { seed: number; runsPerPoint: number; workers: number },
): Promise<KnifeEdge[]> {
  if (swept.length === 0) return [];
  const d = params.length;
  const per = EDGE_STEPS + 1;
  const draws = new Float64Array(swept.length * per * d);
  swept.forEach((s, i) => {
    const j = params.indexOf(s);
    for (let k = 0; k < per; k++) {
      const row = (i * per + k) * d;
      params.forEach((p, c) => {
        draws[row + c] = p.value;
      });
      draws[row + j] = s.lo + ((s.hi - s.lo) * k) / EDGE_STEPS;
    }
  });
  const plan = compilePoints(sc, params, draws, o.runsPerPoint, true);
  const acc = await runPlan(sc, file, plan, { runs: swept.length * per * o.runsPerPoint, seed: o.seed, workers: o.workers });
  const O = OUTCOME_CLASSES.length;
  return swept.map((s, i) => {
    const values = Array.from({ length: per }, (_, k) => r6(s.lo + ((s.hi - s.lo) * k) / EDGE_STEPS));
    const shares = values.map((_, k) => r6(TREATY.reduce((t, c) => t + acc.byPoint[(i * per + k) * O + c]!, 0) / o.runsPerPoint));
    let jump = 0;
    let at = 0;
    for (let k = 0; k < EDGE_STEPS; k++) {
      const dj = Math.abs(shares[k + 1]! - shares[k]!);
      if (dj > jump) {
        jump = dj;
        at = k;
      }
    }
    return { path: s.path, values, shares, jump: r6(jump), between: [values[at]!, values[at + 1]!], knifeEdge: jump >= KNIFE_EDGE };
  });
}
