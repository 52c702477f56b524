/** A worker thread of the batch pool: loads the scenario once, then simulates chunks of runs. */
import { type LoadedScenario, loadScenarioFile } from '@parley/scenario';
import { type ChunkOutput, type RowFormat, RunFailure, runChunk } from './chunk.js';

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

export default function runTask(task: ChunkTask): ChunkOutput | { failure: { run: number; seed: number; message: string } } {
  const key = JSON.stringify([task.file, task.sets, task.cwd]);
  if (cached?.key !== key) cached = { key, sc: loadScenarioFile(task.file, { sets: task.sets, cwd: task.cwd }) };
  const sc = cached.sc;
  if (sc.hash !== task.hash)
    throw new Error(`the scenario changed on disk while the batch ran (hash ${sc.hash.slice(0, 12)} ≠ ${task.hash.slice(0, 12)})`);
  try {
    return runChunk({ model: sc.model, scenarioKey: task.streamKey, seed: task.seed, from: task.from, to: task.to, rows: task.rows });
  } catch (e) {
    if (e instanceof RunFailure) return { failure: { run: e.run, seed: e.seed, message: (e.cause as Error)?.message ?? String(e.cause) } };
    throw e;
  }
}
