/**
 * A worker thread of the batch pool: simulates chunks of runs of the compiled model it is sent.
 * It reads no files and loads no scenario code, so it starts quickly and every chunk of a batch
 * runs the very model the main thread loaded, even if the file changes on disk meanwhile.
 */
import { getPriority, setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import type { Model } from '@parley/core';
import { type RowFormat, RunFailure, runChunk } from './chunk.js';
import type { ParameterPlan } from './plan.js';
import { type SharedModel, unshareModel } from './shared-model.js';

/**
 * A batch worker thread runs at a lower priority (by default a nice value 10 above its process's;
 * the pool passes the number in PARLEY_WORKER_NICE, pool.ts's workerNice), so that V8's compiler
 * threads, the GC's helpers and the main thread serving it are not kept waiting by the other
 * workers (docs/performance.md). Only on Linux, where setpriority changes the calling thread alone;
 * where it is refused, the thread keeps its priority.
 */
function yieldToHelpers(levels: number): void {
  if (!(levels > 0)) return;
  try {
    setPriority(0, Math.min(19, getPriority(0) + levels));
  } catch {
    // Not permitted or not supported: run at the process's priority.
  }
}
if (!isMainThread && process.platform === 'linux') yieldToHelpers(Number(process.env.PARLEY_WORKER_NICE ?? 0));

export interface ChunkTask {
  /** The compiled scenario, shared with every worker (shared-model.ts): decoded once per worker, kept by its key. */
  readonly model: SharedModel;
  /** Key of the random streams: the scenario hash, or a shared key for common random numbers across variants. */
  readonly streamKey: string;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  readonly rows: RowFormat | null;
  /** Also return each run's outcome class (paired comparisons). */
  readonly outcomes?: boolean;
  /** Parameter points (plan.ts), their values in shared memory. */
  readonly plan?: ParameterPlan | null;
}

/** A chunk's counts, ready to cross threads. `counts` is the worker's buffer until its next task: post or copy it. */
export interface ChunkCounts {
  readonly runs: number;
  readonly paths: Record<string, number>;
  readonly counts: Float64Array;
  readonly rows: string;
  readonly outcomes: Uint8Array | null;
}

/**
 * The models this worker has run, by content hash, decoded from the shared bytes the first time a
 * task names them; running every chunk on that one copy lets the batch kernel compiled for it (its
 * generated what-ifs, warmed up by the JIT) serve the whole batch instead of being rebuilt per chunk.
 * Each model also has one buffer its chunks count into: a chunk's counts are copied out when its
 * result is posted, before the next task starts, so one buffer serves them all (docs/performance.md).
 */
interface Held {
  readonly model: Model;
  counts: Float64Array | null;
}
const models = new Map<string, Held>();
const KEEP_MODELS = 32;

function modelOf(task: ChunkTask): Held {
  let m = models.get(task.model.key);
  if (!m) {
    if (models.size >= KEEP_MODELS) models.delete(models.keys().next().value!);
    m = { model: unshareModel(task.model), counts: null };
    models.set(task.model.key, m);
  }
  return m;
}

export default function runTask(task: ChunkTask): ChunkCounts | { failure: { run: number; seed: number; message: string } } {
  try {
    const m = modelOf(task);
    const { acc, rows, outcomes } = runChunk({
      model: m.model,
      ...(m.counts ? { counts: m.counts } : {}),
      scenarioKey: task.streamKey,
      seed: task.seed,
      from: task.from,
      to: task.to,
      rows: task.rows,
      outcomes: task.outcomes === true,
      plan: task.plan ?? null,
    });
    // Copied back, not transferred: a detached buffer costs the worker its optimized code (docs/performance.md).
    m.counts = acc.counts;
    return { runs: acc.runs, paths: acc.paths, counts: acc.counts, rows, outcomes };
  } catch (e) {
    if (e instanceof RunFailure) return { failure: { run: e.run, seed: e.seed, message: (e.cause as Error)?.message ?? String(e.cause) } };
    throw e;
  }
}
