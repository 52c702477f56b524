/**
 * A worker thread of the batch pool: simulates chunks of runs of the compiled model it is sent.
 * It reads no files and loads no scenario code, so it starts quickly and every chunk of a batch
 * runs the very model the main thread loaded, even if the file changes on disk meanwhile.
 */
import { getPriority, setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import type { Model } from '@parley/core';
import { type RowFormat, RunFailure, runChunk } from './chunk.js';
import { type SharedModel, unshareModel } from './shared-model.js';

/**
 * A batch worker thread runs at a lower priority (by default a nice value 10 above its process's;
 * the pool passes the number in PARLEY_WORKER_NICE, pool.ts's workerNice), so that
 * the threads that serve it are not kept waiting by the batch's other workers: V8's compiler
 * threads, which turn each worker's warm-up code into optimized code, the garbage collector's
 * helpers, and the main thread merging results. Every core is busy with a worker when there are
 * as many workers as cores; at equal priority a worker's optimized code came later, and it ran
 * its first chunks that much longer in slow code. The work is the same; only who waits changes.
 * Measured: 100,000 flagship runs on 2 workers (docs/batch.md, Speed). Only on Linux, where
 * setpriority changes the calling thread alone (elsewhere it would lower the whole process);
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
 * result is posted, before the next task starts, so a new buffer per chunk only left ~180 KB of
 * garbage a chunk for the worker's GC (peak RSS at 300,000 runs on 2 workers: 264 MB with a new
 * buffer per chunk, 246 MB reusing one).
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
    });
    // The counts are copied back to the main thread (~180 KB a chunk, microseconds), not moved:
    // moving an ArrayBuffer detaches it, and the first buffer an isolate detaches invalidates V8's
    // "no ArrayBuffer was ever detached" protector. That threw away all of the worker's optimized
    // code after its first chunk and left every typed-array access in the kernel guarded by a
    // detach check: measured, the pool's second chunk took ~500 ms instead of ~170 ms and the
    // steady rate was ~9% lower (docs/batch.md, Speed).
    m.counts = acc.counts;
    return { runs: acc.runs, paths: acc.paths, counts: acc.counts, rows, outcomes };
  } catch (e) {
    if (e instanceof RunFailure) return { failure: { run: e.run, seed: e.seed, message: (e.cause as Error)?.message ?? String(e.cause) } };
    throw e;
  }
}
