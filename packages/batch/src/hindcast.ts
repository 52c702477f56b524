import { allHold, type Condition, initialState, type Model, type WorldView } from '@parley/core';
import { simulateFast } from '@parley/engine';
import { compileConditions, type HindcastPlan, type HindcastTarget, type LoadedScenario } from '@parley/scenario';
import { type Interval, r6, wilson } from './stats.js';

/**
 * A hindcast: run a scenario whose dated facts from the sources are written as targets (with the
 * random events that did happen pinned to their quarters), and score how well the model foresaw
 * each fact, and the historical path as a whole, against two baselines that know nothing of the
 * model: the world standing still at the scenario's start (status quo), and how often the same
 * conditions hold in the other scenarios of its pack (base rate).
 *
 * Every target is a fact (it happened), so a forecast p of it scores Brier (1 − p)² (0 is perfect,
 * 1 the worst) and log −ln p (in nats; p is floored at half a run, 0.5 / runs, so that a fact no
 * run foresaw costs a finite, large amount). A baseline that says 0 or 1 is scored with its
 * probability clamped to [0.01, 0.99]. Skill = 1 − Brier(model) / Brier(baseline): above 0, the
 * model did better than the baseline.
 */

export interface Forecast {
  readonly p: number;
  readonly brier: number;
  readonly log: number;
}

export interface TargetScore {
  readonly id: string;
  readonly label: string;
  readonly when: string;
  readonly source: { readonly doc: string; readonly quote: string };
  readonly model: Forecast & { readonly ci95: readonly [number, number] };
  readonly statusQuo: Forecast;
  /** Null when no other scenario of the pack can express its conditions. */
  readonly baseRate: (Forecast & { readonly runs: number }) | null;
}

export interface HindcastResult {
  readonly schema: 'parley.hindcast/1';
  readonly scenario: { readonly id: string; readonly title: string; readonly hash: string; readonly file: string };
  readonly runs: number;
  readonly seed: number;
  /** The random events pinned to the quarters they happened in. */
  readonly pins: HindcastPlan['pins'];
  readonly targets: readonly TargetScore[];
  /** The share of runs in which every target held: the historical path as a whole. */
  readonly path: { readonly p: number; readonly ci95: readonly [number, number] };
  /** Mean Brier scores over the targets (base rate over those it covers, with the model's over the same). */
  readonly brier: {
    readonly model: number;
    readonly statusQuo: number;
    readonly baseRate: number | null;
    readonly modelOnBaseRate: number | null;
  };
  readonly skill: { readonly vsStatusQuo: number; readonly vsBaseRate: number | null };
}

const BASELINE_CLAMP = 0.01;

const score = (p: number, floor: number): Forecast => ({
  p: r6(p),
  brier: r6((1 - p) ** 2),
  log: r6(0 - Math.log(Math.max(p, floor))),
});

/** A target followed through one run: whether it still can hold, and whether it has. */
class Check {
  private held = false;
  private failed = false;
  constructor(
    private readonly m: Model,
    readonly kind: HindcastTarget['kind'],
    readonly from: number,
    readonly to: number,
    private readonly conditions: readonly Condition[],
  ) {}

  /** The world at the end of quarter t. */
  see(t: number, w: WorldView): void {
    if (t < this.from || t > this.to) return;
    const ok = allHold(this.m, w, this.conditions);
    if (this.kind === 'throughout') this.failed ||= !ok;
    else this.held ||= ok;
  }

  get result(): boolean {
    return this.kind === 'throughout' ? !this.failed : this.held;
  }
}

/**
 * Run `runs` runs of a model (the batch kernel, bit for bit the readable model) and say, for each
 * list of checks made fresh per run, in how many runs each held, and in how many all of them held
 * together. The world is seen at the end of every quarter; after a run ends (a treaty), its last
 * world stands for the quarters left.
 */
function countRuns(
  m: Model,
  key: string,
  seed: number,
  runs: number,
  checks: (m: Model) => Check[],
  allOver = Number.POSITIVE_INFINITY,
): { held: number[]; all: number } {
  let all = 0;
  let held: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cs = checks(m);
    if (held.length === 0) held = cs.map(() => 0);
    let last = -1;
    const r = simulateFast(m, {
      scenarioKey: key,
      seed,
      run,
      onQuarter: (t, w) => {
        for (const c of cs) c.see(t, w);
        last = t;
      },
    });
    for (let t = last + 1; t < m.horizon; t++) for (const c of cs) c.see(t, r.world);
    let every = true;
    cs.forEach((c, k) => {
      if (c.result) held[k]!++;
      else if (k < allOver) every = false;
    });
    if (every) all++;
  }
  return { held, all };
}

/**
 * In how many of `runs` runs of model m each target held, and in how many all of them held together
 * (calibration runs this at every parameter point).
 */
export function targetCounts(
  m: Model,
  key: string,
  seed: number,
  runs: number,
  targets: readonly HindcastTarget[],
  allOver = targets.length,
): { held: number[]; all: number } {
  return countRuns(m, key, seed, runs, (mm) => targets.map((x) => new Check(mm, x.kind, x.from, x.to, x.conditions)), allOver);
}

const interval = (k: number, n: number): readonly [number, number] => {
  const w: Interval = wilson(k, n);
  return [r6(w.low), r6(w.high)];
};
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export interface HindcastOptions {
  /** The scenario with its pins applied (loaded with pinOverrides(plan)). */
  readonly sc: LoadedScenario;
  /** The file as the user named it, for the report. */
  readonly file: string;
  readonly runs: number;
  readonly seed: number;
  /** The other scenarios of its pack, for the base rate. */
  readonly pack: readonly LoadedScenario[];
}

export function hindcast(o: HindcastOptions): HindcastResult {
  const { sc, runs, seed } = o;
  const plan = sc.hindcast;
  if (!plan || plan.targets.length === 0) throw new Error('hindcast: the scenario has no targets');
  const m = sc.model;
  const floor = 0.5 / runs;

  const own = countRuns(m, sc.hash, seed, runs, (mm) => plan.targets.map((x) => new Check(mm, x.kind, x.from, x.to, x.conditions)));

  // Status quo: the starting world, unchanged, quarter after quarter.
  const start = initialState(m);
  const statusQuo = plan.targets.map((x) => {
    const c = new Check(m, x.kind, x.from, x.to, x.conditions);
    for (let t = 0; t < m.horizon; t++) c.see(t, start);
    return c.result ? 1 - BASELINE_CLAMP : BASELINE_CLAMP;
  });

  // Base rate: the same conditions in the other scenarios of the pack, over their whole horizons
  // (at: the end of the last quarter; by: any quarter; throughout: every quarter).
  const raw = sc.data.hindcast!.targets;
  const held = plan.targets.map(() => 0);
  const total = plan.targets.map(() => 0);
  for (const other of o.pack) {
    const h = other.model.horizon;
    const conditions = plan.targets.map((x) => compileConditions(other.data, raw[x.id]!.when));
    const which = plan.targets.flatMap((_, k) => (conditions[k] ? [k] : []));
    if (which.length === 0) continue;
    const r = countRuns(other.model, other.hash, seed, runs, (mm) =>
      which.map((k) => {
        const x = plan.targets[k]!;
        return x.kind === 'at' ? new Check(mm, x.kind, h - 1, h - 1, conditions[k]!) : new Check(mm, x.kind, 0, h - 1, conditions[k]!);
      }),
    );
    which.forEach((k, j) => {
      held[k]! += r.held[j]!;
      total[k]! += runs;
    });
  }
  const base = plan.targets.map((_, k) =>
    total[k] === 0 ? null : { p: Math.min(1 - BASELINE_CLAMP, Math.max(BASELINE_CLAMP, held[k]! / total[k]!)), runs: total[k]! },
  );

  const targets: TargetScore[] = plan.targets.map((x, k) => {
    const p = own.held[k]! / runs;
    const b = base[k]!;
    return {
      id: x.id,
      label: x.label,
      when: x.when,
      source: x.source,
      model: { ...score(p, floor), ci95: interval(own.held[k]!, runs) },
      statusQuo: score(statusQuo[k]!, 0),
      baseRate: b === null ? null : { ...score(b.p, 0), runs: b.runs },
    };
  });
  const covered = targets.filter((t) => t.baseRate !== null);
  const brier = {
    model: r6(mean(targets.map((t) => t.model.brier))),
    statusQuo: r6(mean(targets.map((t) => t.statusQuo.brier))),
    baseRate: covered.length === 0 ? null : r6(mean(covered.map((t) => t.baseRate!.brier))),
    modelOnBaseRate: covered.length === 0 ? null : r6(mean(covered.map((t) => t.model.brier))),
  };
  const skill = (model: number, baseline: number): number => r6(baseline === 0 ? 0 : 1 - model / baseline);
  return {
    schema: 'parley.hindcast/1',
    scenario: { id: m.id, title: m.title, hash: sc.hash, file: o.file },
    runs,
    seed,
    pins: plan.pins,
    targets,
    path: { p: r6(own.all / runs), ci95: interval(own.all, runs) },
    brier,
    skill: {
      vsStatusQuo: skill(brier.model, brier.statusQuo),
      vsBaseRate: brier.baseRate === null || brier.modelOnBaseRate === null ? null : skill(brier.modelOnBaseRate, brier.baseRate),
    },
  };
}
