// pnpm bench: throughput and memory of the flagship scenario on this machine.
//  1. one core: the batch kernel, the compiled statechart with the readable phases, and the live xstate actor + immer
//     reference, in separate alternating processes; then today's kernel beside the kernel of an earlier commit
//     (baseline.ts), both bundled, alternating, and the kernel rebound to another parameter vector before every run;
//  2. batches at 1 and 2 workers, and the naive baseline (a fresh xstate actor per run, results kept in an array),
//     each in its own process so that its peak RSS is its own.
//  3. 1,000,000 runs on 2 workers and on 1: time and peak RSS against the targets, and the speed-up from 1 to 2
//     workers over a whole batch of that size (~2.7 min here; BENCH_MILLION=0 skips it).
// BENCH_RUNS sets the batch size of part 2 (default 100,000, where start-up is a few per cent), BENCH_PAIRS how
// many alternating pairs of 1- and 2-worker batches it runs (default 3).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '@parley/batch';
import { FLAGSHIP_PATH, flagship } from '../helpers/flagship.js';
import { BASELINE_COMMIT, baselineProbe } from './baseline.js';

const sc = flagship();
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const probe = fileURLToPath(new URL('./probe.ts', import.meta.url));
interface Probe {
  runs: number;
  seconds: number;
  maxRssMB: number;
  /** Batches: runs/s over their last 80% (start-up, thread start and JIT warm-up behind). */
  steadyPerS?: number;
  /** The naive baseline: live heap kept per result, after full collections. */
  keptBytesPerRun?: number;
}
const measure = (...args: string[]): Probe => {
  const r = spawnSync(process.execPath, ['--expose-gc', '--conditions=source', '--import', 'tsx', probe, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`probe ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Probe;
};
// The probe bundled into one module, as batch workers run the engine (worker-bundle.ts): no tsx hooks.
const bundled = bundleWorker(probe, 'bench-probe');
const measureBundled = (...args: string[]): Probe => measureFile(bundled, ...args);
const measureFile = (file: string, ...args: string[]): Probe => measureOn(FLAGSHIP_PATH, file, ...args);
/** A bundled probe on a given flagship file (the baseline commit's probe runs on that commit's own flagship). */
const measureOn = (flagshipFile: string, file: string, ...args: string[]): Probe => {
  const r = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', env: { ...process.env, PROBE_FLAGSHIP: flagshipFile } });
  if (r.status !== 0) throw new Error(`bundled probe ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Probe;
};
const perS = (p: Probe): number => p.runs / p.seconds;
// One process per measurement, alternating: in one process, the reference's immer proxies pass through the
// same phase functions and make their property accesses polymorphic, which slows the fast path too.
const kernel: number[] = [];
const kernelBundled: number[] = [];
const fast: number[] = [];
const ref: number[] = [];
for (let r = 0; r < rounds; r++) {
  kernel.push(perS(measure('core', '20000', 'kernel')));
  kernelBundled.push(perS(measureBundled('core', '20000', 'kernel')));
  fast.push(perS(measure('core', '4000', 'compiled')));
  ref.push(perS(measure('core', '300', 'reference')));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const k = median(kernel);
const kb = median(kernelBundled);
const f = median(fast);
const g = median(ref);
const n0 = (x: number): string => Math.round(x).toLocaleString('en-US');
console.log(`flagship ${sc.model.id}`);
console.log(`\n1. One core, median of ${rounds} alternating processes (after a warm-up in each)`);
const range = (xs: number[]): string => `(range ${n0(Math.min(...xs))}–${n0(Math.max(...xs))})`;
console.log(`  statechart + batch kernel (what batches run), under tsx:  ${n0(k).padStart(7)} runs/s   ${range(kernel)}`);
console.log(`  the same, bundled into one module as batch workers run it: ${n0(kb).padStart(6)} runs/s   ${range(kernelBundled)}`);
console.log(`  statechart + readable phases, run-owned context:         ${n0(f).padStart(7)} runs/s   ${range(fast)}`);
console.log(`  xstate actor + immer produce per phase (reference):      ${n0(g).padStart(7)} runs/s   ${range(ref)}`);
console.log(
  `  kernel vs readable phases ${(k / f).toFixed(2)}x, vs reference ${(k / g).toFixed(1)}x (all under tsx)   (target: 10,000 runs/s per core)`,
);

// Parameters as data: today's kernel against the baseline commit's, both bundled, in alternating processes.
const baseline = baselineProbe();
if ('file' in baseline) {
  const before: number[] = [];
  const after: number[] = [];
  const rebind: number[] = [];
  const vectors: number[] = [];
  for (let r = 0; r < rounds; r++) {
    before.push(perS(measureOn(baseline.flagship, baseline.file, 'core', '20000', 'kernel')));
    after.push(perS(measureBundled('core', '20000', 'kernel')));
    rebind.push(perS(measureBundled('core', '20000', 'rebind')));
    vectors.push(perS(measureBundled('core', '20000', 'vectors')));
  }
  const [b, a, rb, v] = [median(before), median(after), median(rebind), median(vectors)];
  console.log(
    `\n   Parameters as data (bundled, median of ${rounds} alternating processes; each kernel on its own commit's flagship, so the model differs too)`,
  );
  console.log(`  kernel of commit ${BASELINE_COMMIT} (numbers fixed per model):  ${n0(b).padStart(7)} runs/s   ${range(before)}`);
  console.log(
    `  today's kernel (numbers rebindable):               ${n0(a).padStart(7)} runs/s   ${range(after)}   ${((100 * a) / b).toFixed(0)}% of the baseline (target ≥ 90%)`,
  );
  console.log(
    `  rebound to another of 64 vectors before every run: ${n0(rb).padStart(7)} runs/s   ${range(rebind)}   (${(1e6 / rb - 1e6 / a) | 0} µs per rebind)`,
  );
  console.log(
    `  a model made from a new vector for every run:      ${n0(v).padStart(7)} runs/s   ${range(vectors)}   (${(1e6 / v - 1e6 / rb) | 0} µs more per run to make it)`,
  );
} else console.log(`\n   Parameters as data: no baseline (${baseline.missing})`);

const runs = Number(process.env.BENCH_RUNS ?? 100_000);
// Alternating pairs (1 worker, then 2), the median of each: one pair moved by ±5% with the host.
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
const ones: Probe[] = [];
const twos: Probe[] = [];
for (let p = 0; p < pairs; p++) {
  ones.push(measure('batch', String(runs), '1'));
  twos.push(measure('batch', String(runs), '2'));
}
const medianBy = (ps: Probe[]): Probe => [...ps].sort((a, b) => a.seconds - b.seconds)[Math.floor(ps.length / 2)]!;
const one = medianBy(ones);
const two = medianBy(twos);
const pairRatios = ones.map((o, p) => perS(twos[p]!) / perS(o));
const naiveRuns = Math.min(runs, 2000);
const naive = measure('naive', String(naiveRuns));
const mbPerRun = naive.keptBytesPerRun! / 2 ** 20;
// The naive baseline's memory at a million runs: its peak at naiveRuns plus what the other results would keep.
const naiveMillionGB = (naive.maxRssMB + mbPerRun * (1e6 - naiveRuns)) / 1024;
console.log(
  `\n2. Batches of ${runs.toLocaleString('en-US')} runs (each in its own process; includes start-up; median of ${pairs} alternating pairs)`,
);
const steady = (p: Probe): string => n0(p.steadyPerS ?? Number.NaN);
console.log(
  `  1 worker (one thread):   ${n0(perS(one)).padStart(7)} runs/s, ${steady(one)} over the last 80%, peak RSS ${one.maxRssMB.toFixed(0)} MB`,
);
console.log(
  `  2 workers (two threads): ${n0(perS(two)).padStart(7)} runs/s, ${steady(two)} over the last 80%, peak RSS ${two.maxRssMB.toFixed(0)} MB`,
);
console.log(
  `  speed-up from 1 to 2 workers: ${(perS(two) / perS(one)).toFixed(2)}x over the whole batch (pairs ${pairRatios.map((r) => r.toFixed(2)).join(', ')}), ${((two.steadyPerS ?? 0) / (one.steadyPerS ?? 1)).toFixed(2)}x over its last 80%   (target 1.8x)`,
);
console.log(
  `  naive baseline (${naiveRuns.toLocaleString('en-US')} runs: fresh xstate actor per run, results in an array): ${n0(perS(naive))} runs/s, peak RSS ${naive.maxRssMB.toFixed(0)} MB`,
);
console.log(`  batch (2 workers) vs naive: ${(perS(two) / perS(naive)).toFixed(1)}x the speed`);
console.log(`  memory: the batch keeps integer histograms only, so its RSS does not grow with the runs;`);
console.log(
  `  the naive baseline keeps every result: ${(mbPerRun * 1024).toFixed(1)} KB per run (live heap after a full GC, ${naiveRuns / 2} vs ${naiveRuns} results), so about ${naiveMillionGB.toFixed(1)} GB at 1,000,000 runs (linear extrapolation).`,
);

// Over what we don't know: the same batch plain, with points that all hold the scenario's own values
// (what the plan costs), and with the points --uncertain draws (what the drawn parameters do to the runs too).
const plainU: Probe[] = [];
const sameU: Probe[] = [];
const drawnU: Probe[] = [];
for (let p = 0; p < pairs; p++) {
  plainU.push(measure('batch', String(runs), '2'));
  sameU.push(measure('batch', String(runs), '2', 'same-points'));
  drawnU.push(measure('batch', String(runs), '2', 'uncertain'));
}
const [pu, su, du] = [medianBy(plainU), medianBy(sameU), medianBy(drawnU)];
const pct = (a: Probe, b: Probe, f: (p: Probe) => number): string => `${((100 * f(a)) / f(b)).toFixed(0)}%`;
const steadyOf = (p: Probe): number => p.steadyPerS ?? Number.NaN;
console.log(
  `\n   Over what we don't know: batches of ${runs.toLocaleString('en-US')} runs on 2 workers (median of ${pairs} alternating triples)`,
);
console.log(
  `  plain:                                   ${n0(perS(pu)).padStart(7)} runs/s, ${steady(pu)} over the last 80%, peak RSS ${pu.maxRssMB.toFixed(0)} MB`,
);
console.log(
  `  --uncertain's plan, every point the scenario's own values: ${n0(perS(su))} runs/s, ${steady(su)} over the last 80%: ${pct(su, pu, perS)} / ${pct(su, pu, steadyOf)} of plain (target ≥ 90%)`,
);
console.log(
  `  --uncertain (drawn points: the runs themselves change): ${n0(perS(du))} runs/s, ${steady(du)} over the last 80%: ${pct(du, pu, perS)} / ${pct(du, pu, steadyOf)} of plain`,
);

if (process.env.BENCH_MILLION !== '0') {
  const uncertainMillion = measure('batch', '1000000', '2', 'uncertain');
  console.log(
    `\n  1,000,000 runs with --uncertain on 2 workers: ${uncertainMillion.seconds.toFixed(0)} s (target ≤ 60 s), peak RSS ${uncertainMillion.maxRssMB.toFixed(0)} MB (target ≤ 300 MB)`,
  );
  const full = measure('batch', '1000000', '2');
  const single = measure('batch', '1000000', '1');
  console.log('\n3. 1,000,000 runs (each in its own process; includes start-up; BENCH_MILLION=0 skips them)');
  console.log(
    `  2 workers: ${full.seconds.toFixed(0).padStart(3)} s (${n0(perS(full))} runs/s, ${steady(full)} over the last 80%; target ≤ 60 s), peak RSS ${full.maxRssMB.toFixed(0)} MB (target ≤ 300 MB)`,
  );
  console.log(
    `  1 worker:  ${single.seconds.toFixed(0).padStart(3)} s (${n0(perS(single))} runs/s, ${steady(single)} over the last 80%), peak RSS ${single.maxRssMB.toFixed(0)} MB`,
  );
  console.log(
    `  speed-up from 1 to 2 workers: ${(perS(full) / perS(single)).toFixed(2)}x over the whole batch   (target 1.8x; each worker's start-up and JIT warm-up, about half a second, weighs less here than in part 2)`,
  );
  console.log(`  the naive baseline at this size: about ${(1e6 / perS(naive) / 3600).toFixed(1)} h and ${naiveMillionGB.toFixed(1)} GB`);
}
