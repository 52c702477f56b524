import type { LoadedScenario } from '@parley/scenario';
import type { Accumulator } from './accumulator.js';
import { runBatch } from './batch.js';
import { BatchInputError } from './errors.js';
import type { ParameterPlan } from './plan.js';

/**
 * Run a plan's points in memory (no files, no checkpoints) and return the merged counts, outcomes by
 * point among them: what Sobol, knife edges and discovery read their points' shares from.
 */
export async function runPlan(
  sc: LoadedScenario,
  file: string,
  plan: ParameterPlan,
  o: { runs: number; seed: number; workers: number; onProgress?: (done: number, total: number) => void },
): Promise<Accumulator> {
  let last: Accumulator | null = null;
  await runBatch({
    sc,
    file,
    runs: o.runs,
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
  if (!last) throw new BatchInputError('the batch merged no runs');
  return last;
}
