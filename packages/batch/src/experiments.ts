import { OUTCOME_CLASSES } from '@parley/core';
import { collectProvenance, type LoadedScenario, ScenarioError } from '@parley/scenario';
import seedrandom from 'seedrandom';
import { runBatch } from './batch.js';
import type { Axis } from './grid.js';
import { gridPoints } from './grid.js';
import { type ChunkRunner, createChunkRunner } from './pool.js';
import { r6, wilson } from './stats.js';

/** How the experiments reach a scenario: the base file with extra `--set` overrides. */
export interface Variants {
  readonly base: LoadedScenario;
  readonly file: string;
  /** Where the command runs: outputs named relative to it are written there. */
  readonly cwd: string;
  /** Load the base file with these overrides added (validated like any --set). */
  readonly load: (sets: readonly string[]) => LoadedScenario;
}

export interface Shares {
  readonly runs: number;
  /** Per outcome class, in OUTCOME_CLASSES order. */
  readonly counts: readonly number[];
  readonly treaty: number;
}

const TREATY = OUTCOME_CLASSES.map((c, k) => (c.startsWith('treaty') ? k : -1)).filter((k) => k >= 0);

async function shares(
  sc: LoadedScenario,
  v: Variants,
  seed: number,
  runs: number,
  runner: ChunkRunner,
  streamKey?: string,
): Promise<Shares> {
  const r = await runBatch({
    sc,
    file: v.file,
    runs,
    seed,
    workers: 1,
    untilCi: null,
    out: null,
    shard: null,
    rows: null,
    resume: false,
    runner,
    ...(streamKey ? { streamKey } : {}),
  });
  const counts = OUTCOME_CLASSES.map((c) => r.summary.outcomes.find((o) => o.class === c)?.count ?? 0);
  return { runs: r.summary.runs, counts, treaty: TREATY.reduce((s, k) => s + counts[k]!, 0) };
}

const interval = (k: number, n: number): [number, number] => {
  const w = wilson(k, n);
  return [r6(w.low), r6(w.high)];
};

export interface SweepPoint {
  readonly values: Record<string, number>;
  readonly runs: number;
  readonly treaty: { p: number; ci95: [number, number] };
  readonly outcomes: Record<string, { p: number; ci95: [number, number] }>;
}

export interface SweepResult {
  readonly schema: 'parley.sweep/1';
  readonly scenario: { id: string; hash: string; file: string; sets: readonly string[] };
  readonly seed: number;
  readonly runs: number;
  readonly commonRandomNumbers: true;
  readonly axes: readonly Axis[];
  readonly points: readonly SweepPoint[];
}

const toShares = (s: Shares): Pick<SweepPoint, 'runs' | 'treaty' | 'outcomes'> => ({
  runs: s.runs,
  treaty: { p: r6(s.treaty / s.runs), ci95: interval(s.treaty, s.runs) },
  outcomes: Object.fromEntries(
    OUTCOME_CLASSES.map((c, k) => [c, { p: r6(s.counts[k]! / s.runs), ci95: interval(s.counts[k]!, s.runs) }]).filter(
      ([, x]) => (x as { p: number }).p > 0,
    ),
  ),
});

/** The outcome shares at every point of a grid of one or two parameters. Variants share random streams (common random numbers). */
export async function sweep(
  v: Variants,
  axes: readonly Axis[],
  seed: number,
  runs: number,
  workers: number,
  onPoint?: (k: number, n: number) => void,
): Promise<SweepResult> {
  const points = gridPoints(axes);
  const scenarios = points.map((p) => v.load(p.map((x, k) => `${axes[k]!.path}=${x}`)));
  const runner = createChunkRunner(workers);
  try {
    const out: SweepPoint[] = [];
    for (const [k, sc] of scenarios.entries()) {
      const s = await shares(sc, v, seed, runs, runner, v.base.hash);
      out.push({ values: Object.fromEntries(axes.map((a, j) => [a.path, points[k]![j]!])), ...toShares(s) });
      onPoint?.(k + 1, points.length);
    }
    return {
      schema: 'parley.sweep/1',
      scenario: { id: v.base.data.id, hash: v.base.hash, file: v.file, sets: v.base.sets },
      seed,
      runs,
      commonRandomNumbers: true,
      axes,
      points: out,
    };
  } finally {
    await runner.close();
  }
}

export interface SensitivityRow {
  readonly path: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly treatyLow: number;
  readonly treatyHigh: number;
  /** Treaty share at high − at low. */
  readonly effect: number;
  /** Morris μ* (mean |elementary effect| on the treaty share per unit of the normalised range), when computed. */
  readonly morrisMuStar: number | null;
  readonly morrisSigma: number | null;
}

export interface SensitivityResult {
  readonly schema: 'parley.sensitivity/1';
  readonly scenario: { id: string; hash: string; file: string };
  readonly seed: number;
  readonly runs: number;
  readonly baseTreaty: number;
  readonly rows: readonly SensitivityRow[];
  readonly skipped: readonly { path: string; why: string }[];
}

/**
 * The numeric parameters of a scenario that sensitivity varies: every sourced number outside the
 * moves, offers, events and reactions (whose sizes it leaves alone), with its value.
 */
export function numericParameters(sc: LoadedScenario, filter?: RegExp): { path: string; value: number }[] {
  return collectProvenance(sc.raw)
    .filter((e): e is typeof e & { value: number } => typeof e.value === 'number' && e.within === undefined)
    .filter((e) => !filter || filter.test(e.path))
    .map((e) => ({ path: e.path, value: e.value }));
}

/** How far sensitivity moves a parameter each way: a share of its own size, or this much when it is 0. */
export const SENSITIVITY_STEP = { relative: 0.2, atZero: 0.02 } as const;

/** A parameter's low and high ends: ±20% of its value, so a small number stays on its own scale (±0.02 only for a 0). */
export const perturbation = (value: number): [number, number] => {
  const d = value === 0 ? SENSITIVITY_STEP.atZero : Math.abs(value) * SENSITIVITY_STEP.relative;
  return [r6(value - d), r6(value + d)];
};

/**
 * One-at-a-time sensitivity (a tornado): each parameter moved down and up by 20% of its
 * value (±0.02 for a value of 0; stopping at 0 or 1 where the value must stay within them), the
 * treaty share at each end. With `morris` trajectories, also
 * Morris elementary effects over the same ranges (4 levels). Variants share random
 * streams. A parameter that cannot move alone (the scenario becomes invalid, e.g.
 * territory areas no longer sum to 1) is skipped and listed.
 */
export async function sensitivity(
  v: Variants,
  seed: number,
  runs: number,
  workers: number,
  opts: { filter?: RegExp; morris?: number; onStep?: (k: number, n: number) => void } = {},
): Promise<SensitivityResult> {
  const params = numericParameters(v.base, opts.filter);
  const runner = createChunkRunner(workers);
  const skipped: { path: string; why: string }[] = [];
  const tryLoad = (sets: string[]): LoadedScenario | string => {
    try {
      return v.load(sets);
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues[0]?.message ?? 'invalid';
      throw e;
    }
  };
  try {
    const base = await shares(v.base, v, seed, runs, runner, v.base.hash);
    const treatyOf = async (sc: LoadedScenario): Promise<number> => {
      const s = await shares(sc, v, seed, runs, runner, v.base.hash);
      return s.treaty / s.runs;
    };
    const usable: { path: string; value: number; low: number; high: number; scLow: LoadedScenario; scHigh: LoadedScenario }[] = [];
    for (const p of params) {
      let [low, high] = perturbation(p.value);
      let scLow = tryLoad([`${p.path}=${low}`]);
      // A non-negative parameter that would go below 0 stops at 0; one that would pass 1 stops at 1 (when that is its limit).
      if (typeof scLow === 'string' && low < 0 && p.value >= 0) scLow = tryLoad([`${p.path}=${(low = 0)}`]);
      let scHigh = tryLoad([`${p.path}=${high}`]);
      if (typeof scHigh === 'string' && high > 1 && p.value <= 1) scHigh = tryLoad([`${p.path}=${(high = 1)}`]);
      if (typeof scLow === 'string' || typeof scHigh === 'string') {
        skipped.push({ path: p.path, why: typeof scLow === 'string' ? scLow : (scHigh as string) });
        continue;
      }
      usable.push({ ...p, low, high, scLow, scHigh });
    }
    const r = opts.morris ?? 0;
    const total = usable.length * 2 + r * (usable.length + 1);
    let step = 0;
    const rows: SensitivityRow[] = [];
    for (const p of usable) {
      const lo = await treatyOf(p.scLow);
      opts.onStep?.(++step, total);
      const hi = await treatyOf(p.scHigh);
      opts.onStep?.(++step, total);
      rows.push({
        path: p.path,
        value: p.value,
        low: p.low,
        high: p.high,
        treatyLow: r6(lo),
        treatyHigh: r6(hi),
        effect: r6(hi - lo),
        morrisMuStar: null,
        morrisSigma: null,
      });
    }
    if (r > 0) {
      const rng = seedrandom.alea(`${v.base.hash}:${seed}:morris`);
      const effects = await morris(
        usable,
        r,
        () => rng.double(),
        v,
        treatyOf,
        () => opts.onStep?.(++step, total),
      );
      for (const row of rows) {
        const ee = effects.get(row.path) ?? [];
        const mu = ee.reduce((s, x) => s + Math.abs(x), 0) / Math.max(1, ee.length);
        const mean = ee.reduce((s, x) => s + x, 0) / Math.max(1, ee.length);
        const sd = Math.sqrt(ee.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, ee.length - 1));
        Object.assign(row, { morrisMuStar: r6(mu), morrisSigma: r6(sd) });
      }
    }
    rows.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || (a.path < b.path ? -1 : 1));
    return {
      schema: 'parley.sensitivity/1',
      scenario: { id: v.base.data.id, hash: v.base.hash, file: v.file },
      seed,
      runs,
      baseTreaty: r6(base.treaty / base.runs),
      rows,
      skipped,
    };
  } finally {
    await runner.close();
  }
}

/** Morris elementary effects: r random trajectories on a 4-level grid of each parameter's [low, high]. */
async function morris(
  params: readonly { path: string; low: number; high: number }[],
  r: number,
  rng: () => number,
  v: Variants,
  treatyOf: (sc: LoadedScenario) => Promise<number>,
  tick: () => void,
): Promise<Map<string, number[]>> {
  const levels = 4;
  const delta = levels / (2 * (levels - 1));
  const out = new Map<string, number[]>();
  const value = (p: (typeof params)[number], x: number): number => r6(p.low + x * (p.high - p.low));
  const sets = (x: number[]): string[] => params.map((p, k) => `${p.path}=${value(p, x[k]!)}`);
  for (let t = 0; t < r; t++) {
    const x = params.map(() => (Math.floor(rng() * (levels / 2)) / (levels - 1)) as number);
    let sc: LoadedScenario;
    try {
      sc = v.load(sets(x));
    } catch {
      continue;
    }
    let y = await treatyOf(sc);
    tick();
    const order = params.map((_, k) => k);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      x[k] = x[k]! + delta;
      let next: LoadedScenario;
      try {
        next = v.load(sets(x));
      } catch {
        x[k] = x[k]! - delta;
        tick();
        continue;
      }
      const y2 = await treatyOf(next);
      tick();
      const list = out.get(params[k]!.path) ?? [];
      list.push((y2 - y) / delta);
      out.set(params[k]!.path, list);
      y = y2;
    }
  }
  return out;
}
