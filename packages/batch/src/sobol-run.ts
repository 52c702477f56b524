import { OUTCOME_CLASSES } from '@parley/core';
import type { LoadedScenario } from '@parley/scenario';
import seedrandom from 'seedrandom';
import type { Accumulator } from './accumulator.js';
import { runBatch } from './batch.js';
import { saltelliDesign, sobolIndices } from './sobol.js';
import { r6 } from './stats.js';
import { compilePoints, drawParameter, uncertainParameters } from './uncertain.js';

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
}

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
  let last: Accumulator | null = null;
  await runBatch({
    sc,
    file,
    runs,
    seed: o.seed,
    workers: o.workers,
    untilCi: null,
    out: null,
    shard: null,
    rows: null,
    resume: false,
    plan,
    onMerged: (acc) => {
      last = acc;
    },
    ...(o.onProgress ? { onProgress: (p) => o.onProgress!(p.done, p.total) } : {}),
  });
  const acc = last as Accumulator | null;
  if (!acc) throw new Error('the batch merged no runs');
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
  };
}
