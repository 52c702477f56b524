// pnpm bench: throughput of the flagship scenario on one core, the compiled runner and the
// live-actor reference side by side in one process, alternating rounds to share the noise.
import { simulate, simulateReference } from '@parley/engine';
import { flagship } from '../helpers/flagship.js';

const sc = flagship();
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const perRound = { fast: 2000, reference: 200 };
const rate = (f: typeof simulate, runs: number, offset: number): number => {
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) f(sc.model, { scenarioKey: sc.hash, seed: 1, run: offset + i });
  return (runs / (performance.now() - t0)) * 1000;
};
rate(simulate, 500, 0); // warm-up
rate(simulateReference, 50, 0);
const fast: number[] = [];
const ref: number[] = [];
for (let r = 0; r < rounds; r++) {
  fast.push(rate(simulate, perRound.fast, r * perRound.fast));
  ref.push(rate(simulateReference, perRound.reference, r * perRound.reference));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f = median(fast);
const g = median(ref);
console.log(`flagship ${sc.model.id}, one core, median of ${rounds} alternating rounds`);
console.log(`  compiled statechart, phases mutate a run-owned context: ${f.toFixed(0).padStart(7)} runs/s`);
console.log(`  xstate actor + immer produce per phase (reference):    ${g.toFixed(0).padStart(7)} runs/s`);
console.log(`  ratio: ${(f / g).toFixed(1)}x   (batch target: 10000 runs/s per core)`);
