/** A worker thread of the batch pool: loads the scenario once, then simulates chunks of runs. */
import { isMainThread } from 'node:worker_threads';
import { type LoadedScenario, loadScenarioFile } from '@parley/scenario';
import { Piscina } from 'piscina';
import { type RowFormat, RunFailure, runChunk } from './chunk.js';

export interface ChunkTask {
  readonly file: string;
  readonly sets: readonly string[];
  readonly cwd: string;
  readonly hash: string;
  /** Key of the random streams: the scenario hash, or a shared key for common random numbers across variants. */
  readonly streamKey: string;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  readonly rows: RowFormat | null;
}

let cached: { key: string; sc: LoadedScenario } | null = null;

/** A chunk's counts, ready to cross threads: one buffer, moved rather than copied. */
export interface ChunkCounts {
  readonly runs: number;
  readonly paths: Record<string, number>;
  readonly counts: Float64Array;
  readonly rows: string;
}

export default function runTask(task: ChunkTask): ChunkCounts | { failure: { run: number; seed: number; message: string } } {
  const key = JSON.stringify([task.file, task.sets, task.cwd]);
  if (cached?.key !== key) cached = { key, sc: loadScenarioFile(task.file, { sets: task.sets, cwd: task.cwd }) };
  const sc = cached.sc;
  if (sc.hash !== task.hash)
    throw new Error(`the scenario changed on disk while the batch ran (hash ${sc.hash.slice(0, 12)} ≠ ${task.hash.slice(0, 12)})`);
  try {
    const { acc, rows } = runChunk({
      model: sc.model,
      scenarioKey: task.streamKey,
      seed: task.seed,
      from: task.from,
      to: task.to,
      rows: task.rows,
    });
    const out = { runs: acc.runs, paths: acc.paths, counts: acc.counts, rows };
    if (isMainThread) return out;
    // In a worker thread, hand the counts' buffer over instead of cloning it (piscina's Transferable protocol).
    const movable = {
      get [Piscina.transferableSymbol]() {
        return [out.counts.buffer];
      },
      get [Piscina.valueSymbol]() {
        return out;
      },
    };
    return Piscina.move(movable as never) as unknown as ChunkCounts;
  } catch (e) {
    if (e instanceof RunFailure) return { failure: { run: e.run, seed: e.seed, message: (e.cause as Error)?.message ?? String(e.cause) } };
    throw e;
  }
}
