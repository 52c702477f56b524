// One measured job for pnpm bench, run in its own process so its peak RSS is its own.
// Usage: probe.ts batch <runs> <workers> [uncertain|same-points] | probe.ts naive <runs> | probe.ts core <runs> kernel|compiled|reference|rebind|points|vectors
// (rebind: the kernel bound to another of 64 parameter vectors before every run; points: a model made for every run
// with 8 parameters of its own, as a batch's plan makes them; vectors: the same with every parameter its own)
// (pnpm bench also runs it bundled into one module, as batch workers run the engine: PROBE_FLAGSHIP names the scenario then).
import { fileURLToPath } from 'node:url';
import { defaultPoints, type ParameterPlan, runBatch, uncertainPlan } from '@parley/batch';
import { type Model, parametersOf, withChanges, withParameters } from '@parley/core';
import { simulate, simulateFast, simulateReference } from '@parley/engine';
import { loadScenarioFile } from '@parley/scenario';

const FLAGSHIP = process.env.PROBE_FLAGSHIP ?? fileURLToPath(new URL('../../scenarios/kuril/2016-nagato.yaml', import.meta.url));
const [mode, runsArg, workersArg, planArg] = process.argv.slice(2);
const runs = Number(runsArg);
const sc = loadScenarioFile(FLAGSHIP);
// One core, no pool (mode core): the fast path or the reference, warmed up on another seed, then timed.
const base = parametersOf(sc.model).values;
/** Vector k: every parameter in (0, 1) scaled by a factor between 0.8 and 1.2 (no sign changes: one kernel). */
const vector = (k: number): Float64Array =>
  base.map((v, j) => (v > 0 && v < 1 ? Math.min(1, v * (0.8 + (((k * 31 + j * 17) % 41) / 40) * 0.4)) : v));
const points: Model[] = Array.from({ length: 64 }, (_, k) => withParameters(sc.model, vector(k)));
const eight = Array.from(base.keys())
  .filter((j) => base[j]! > 0 && base[j]! < 1)
  .filter((_, k) => k % 17 === 0)
  .slice(0, 8);
const modelOf: (run: number) => Model =
  workersArg === 'rebind'
    ? (run) => points[run % 64]!
    : workersArg === 'points'
      ? (run) => {
          const v = vector(run);
          return withChanges(
            sc.model,
            eight,
            Float64Array.from(eight, (j) => v[j]!),
          );
        }
      : workersArg === 'vectors'
        ? (run) => withParameters(sc.model, vector(run))
        : () => sc.model;
const single = workersArg === 'reference' ? simulateReference : workersArg === 'compiled' ? simulate : simulateFast;
if (mode === 'core') for (let run = 0; run < Math.ceil(runs / 4); run++) single(modelOf(run), { scenarioKey: sc.hash, seed: 2, run });
let t0 = performance.now();
// Batches: when 20% of the runs are done (start-up, thread start and JIT warm-up behind), for the steady rate.
const mark = { t: 0, done: -1 };
// The naive baseline: heap kept per result.
let keptBytesPerRun: number | null = null;
if (mode === 'core') {
  for (let run = 0; run < runs; run++) single(modelOf(run), { scenarioKey: sc.hash, seed: 1, run });
} else if (mode === 'batch') {
  // batch --uncertain's points (drawn before the clock starts, as the CLI draws them before the runs), or
  // points of the same shape that all hold the scenario's own values: the plan's cost without its effect.
  let plan: ParameterPlan | null = null;
  if (planArg === 'uncertain' || planArg === 'same-points') {
    const points = defaultPoints(runs);
    const u = uncertainPlan(sc, { points, block: Math.ceil(runs / points), seed: 1 });
    plan = u.plan;
    if (planArg === 'same-points') {
      const own = Float64Array.from(u.plan.indices, (i) => base[i]!);
      const values = new Float64Array(u.plan.values.length);
      for (let k = 0; k < values.length; k += own.length) values.set(own, k);
      plan = { ...u.plan, values };
    }
  }
  t0 = performance.now();
  await runBatch({
    plan,
    sc,
    file: FLAGSHIP,
    runs,
    seed: 1,
    workers: Number(workersArg),
    untilCi: null,
    out: null,
    shard: null,
    rows: null,
    resume: false,
    onProgress: (p) => {
      if (mark.done < 0 && p.done >= runs / 5) Object.assign(mark, { t: performance.now(), done: p.done });
    },
  });
} else {
  // The naive baseline: a fresh xstate actor per run, every result kept in an array, counted at the end.
  // What the kept results cost: the live heap after a full collection at half the runs and at all of them
  // (run with --expose-gc; peak RSS differences between two processes were too noisy, even negative).
  const results = [];
  const liveHeap = (): number => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed;
  };
  let half = 0;
  for (let run = 0; run < runs; run++) {
    if (run === runs / 2) half = liveHeap();
    results.push(simulateReference(sc.model, { scenarioKey: sc.hash, seed: 1, run }));
  }
  keptBytesPerRun = (liveHeap() - half) / (runs - runs / 2);
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
}
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    mode,
    runs,
    workers: mode === 'core' ? 1 : Number(workersArg ?? 1),
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    ...(mark.done < 0 ? {} : { steadyPerS: ((runs - mark.done) * 1000) / (t0 + seconds * 1000 - mark.t) }),
    ...(keptBytesPerRun === null ? {} : { keptBytesPerRun }),
  }),
);
