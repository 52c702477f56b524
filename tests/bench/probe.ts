// One measured job for pnpm bench, run in its own process so its peak RSS is its own.
// Usage: probe.ts batch <runs> <workers> | probe.ts naive <runs> | probe.ts core <runs> kernel|compiled|reference
// (pnpm bench also runs it bundled into one module, as batch workers run the engine: PROBE_FLAGSHIP names the scenario then).
import { fileURLToPath } from 'node:url';
import { runBatch } from '@parley/batch';
import { simulate, simulateFast, simulateReference } from '@parley/engine';
import { loadScenarioFile } from '@parley/scenario';

const FLAGSHIP = process.env.PROBE_FLAGSHIP ?? fileURLToPath(new URL('../../scenarios/kuril/2016-nagato.yaml', import.meta.url));
const [mode, runsArg, workersArg] = process.argv.slice(2);
const runs = Number(runsArg);
const sc = loadScenarioFile(FLAGSHIP);
// One core, no pool (mode core): the fast path or the reference, warmed up on another seed, then timed.
const single = workersArg === 'reference' ? simulateReference : workersArg === 'compiled' ? simulate : simulateFast;
if (mode === 'core') for (let run = 0; run < Math.ceil(runs / 4); run++) single(sc.model, { scenarioKey: sc.hash, seed: 2, run });
const t0 = performance.now();
// Batches: when 20% of the runs are done (start-up, thread start and JIT warm-up behind), for the steady rate.
const mark = { t: 0, done: -1 };
// The naive baseline: heap kept per result.
let keptBytesPerRun: number | null = null;
if (mode === 'core') {
  for (let run = 0; run < runs; run++) single(sc.model, { scenarioKey: sc.hash, seed: 1, run });
} else if (mode === 'batch') {
  await runBatch({
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
