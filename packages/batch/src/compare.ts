import { OUTCOME_CLASSES } from '@parley/core';
import type { LoadedScenario } from '@parley/scenario';
import { CHUNK_SIZE } from './batch.js';
import { BatchRunError } from './errors.js';
import { type ChunkRunner, createChunkRunner, isFailure, type TaskResult } from './pool.js';
import { shareModel } from './shared-model.js';
import { newcombe, newcombePaired, r6 } from './stats.js';

export interface ComparisonRow {
  readonly class: string;
  readonly label: string;
  readonly a: { count: number; p: number };
  readonly b: { count: number; p: number };
  /** p_b − p_a with its 95% interval: Newcombe's for paired runs (common random numbers), or for independent samples. */
  readonly diff: { value: number; ci95: [number, number] };
}

export interface ComparisonResult {
  readonly schema: 'parley.compare/2';
  readonly a: { id: string; hash: string; label: string };
  readonly b: { id: string; hash: string; label: string };
  readonly seed: number;
  readonly runs: number;
  /** true: run i of A and run i of B draw the same random numbers (the default); false: independent streams. */
  readonly commonRandomNumbers: boolean;
  readonly rows: readonly ComparisonRow[];
}

export interface Side {
  readonly sc: LoadedScenario;
  readonly label: string;
  readonly file: string;
}

const K = OUTCOME_CLASSES.length;
const TREATY = OUTCOME_CLASSES.map((c, k) => (c.startsWith('treaty') ? k : -1)).filter((k) => k >= 0);

/**
 * Run i of A and run i of B, chunk by chunk, counted into the joint table of their outcome
 * classes: joint[a × K + b] runs ended in class a under A and class b under B.
 */
async function jointOutcomes(a: Side, b: Side, seed: number, runs: number, workers: number, common: boolean): Promise<Float64Array> {
  const runner: ChunkRunner = createChunkRunner(workers);
  const joint = new Float64Array(K * K);
  const task = (side: Side, from: number) => ({
    model: shareModel(side.sc.model),
    streamKey: common ? a.sc.hash : side.sc.hash,
    seed,
    from,
    to: Math.min(runs, from + CHUNK_SIZE),
    rows: null,
    outcomes: true,
  });
  const chunks = Math.ceil(runs / CHUNK_SIZE);
  const inFlight = new Map<number, Promise<[TaskResult, TaskResult]>>();
  let dispatched = 0;
  try {
    for (let c = 0; c < chunks; c++) {
      while (dispatched < chunks && inFlight.size < Math.max(2, workers * 2)) {
        const from = dispatched * CHUNK_SIZE;
        inFlight.set(dispatched, Promise.all([runner.run(task(a, from)), runner.run(task(b, from))]));
        dispatched++;
      }
      const results = await inFlight.get(c)!;
      inFlight.delete(c);
      const [ra, rb] = results;
      for (const [side, r] of [
        [a, ra],
        [b, rb],
      ] as const) {
        if (isFailure(r)) {
          const f = r.failure;
          throw new BatchRunError(f.run, f.seed, `pnpm parley run ${side.file} --seed ${f.seed} --run ${f.run}`, f.message);
        }
      }
      const oa = (ra as Exclude<TaskResult, { failure: unknown }>).outcomes!;
      const ob = (rb as Exclude<TaskResult, { failure: unknown }>).outcomes!;
      for (let i = 0; i < oa.length; i++) joint[oa[i]! * K + ob[i]!]!++;
    }
  } finally {
    await Promise.allSettled(inFlight.values());
    await runner.close();
  }
  return joint;
}

/**
 * Each outcome's probability under A and B and the difference B − A with its 95% interval.
 * By default run i of A and run i of B draw the same random numbers (common random numbers), so
 * two ways of writing the same change give the same answer and the difference is measured on
 * paired runs (a narrower interval); `independent` gives each its own streams.
 */
export async function compare(
  a: Side,
  b: Side,
  seed: number,
  runs: number,
  workers: number,
  independent = false,
): Promise<ComparisonResult> {
  const joint = await jointOutcomes(a, b, seed, runs, workers, !independent);
  const rows: ComparisonRow[] = [];
  const add = (cls: string, label: string, inClass: (k: number) => boolean): void => {
    let both = 0;
    let onlyA = 0;
    let onlyB = 0;
    for (let x = 0; x < K; x++)
      for (let y = 0; y < K; y++) {
        const n = joint[x * K + y]!;
        if (inClass(x) && inClass(y)) both += n;
        else if (inClass(x)) onlyA += n;
        else if (inClass(y)) onlyB += n;
      }
    const ka = both + onlyA;
    const kb = both + onlyB;
    if (ka === 0 && kb === 0) return;
    const d = independent ? newcombe(kb, runs, ka, runs) : newcombePaired(both, onlyA, onlyB, runs - both - onlyA - onlyB);
    rows.push({
      class: cls,
      label,
      a: { count: ka, p: r6(ka / runs) },
      b: { count: kb, p: r6(kb / runs) },
      diff: { value: r6(d.diff), ci95: [r6(d.low), r6(d.high)] },
    });
  };
  const labels = a.sc.model.outcomeLabels;
  for (const [k, c] of OUTCOME_CLASSES.entries()) add(c, labels[c] ?? c, (x) => x === k);
  add('treaty', 'any treaty', (x) => TREATY.includes(x));
  return {
    schema: 'parley.compare/2',
    a: { id: a.sc.data.id, hash: a.sc.hash, label: a.label },
    b: { id: b.sc.data.id, hash: b.sc.hash, label: b.label },
    seed,
    runs,
    commonRandomNumbers: !independent,
    rows,
  };
}
