import { join } from 'node:path';
import { ENGINE_VERSION } from '@parley/engine';
import type { LoadedScenario } from '@parley/scenario';
import { type Accumulator, createAccumulator, mergeInto, type Shape } from './accumulator.js';
import { BatchFiles } from './batch-files.js';
import type { RowFormat } from './chunk.js';
import { BatchInputError, BatchRunError } from './errors.js';
import { OutputError, writeAtomic } from './files.js';
import type { OutputGuard } from './guard.js';
import { shardChunks, writePartial } from './partial.js';
import { checkPlan, type ParameterPlan, planDigest, planNames, planPoints } from './plan.js';
import { type ChunkRunner, createChunkRunner, isFailure, type TaskResult } from './pool.js';
import { renderReport } from './report.js';
import { shareModel } from './shared-model.js';
import { reproduceCommand } from './shell.js';
import { type BatchMeta, buildSummary, formatSummary, maxHalfWidth, type Summary, type UncertainNumber } from './summary.js';

export const CHUNK_SIZE = 1000;

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly startedAt: number;
  readonly resumedFrom: number;
}

export interface BatchOptions {
  readonly sc: LoadedScenario;
  /** The scenario file as the user named it (for reproduce commands). */
  readonly file: string;
  readonly runs: number;
  readonly seed: number;
  readonly workers: number;
  readonly untilCi: number | null;
  /** A directory for summary, rows and report; with a shard, the partial file. */
  readonly out: string | null;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly rows: RowFormat | null;
  readonly resume: boolean;
  readonly chunkSize?: number;
  /** --out as the user typed it, for messages (default: out). */
  readonly outShown?: string;
  /** What the outputs may not replace (default: nothing given, no --force). */
  readonly guard?: OutputGuard;
  /** When to write a checkpoint (with --out): after every `chunks` merged chunks, or (the default) every 2 s. */
  readonly checkpointEvery?: { readonly chunks: number } | { readonly ms: number };
  /** Random-stream key shared by variants of a scenario (common random numbers in sweeps); default: the scenario's hash. */
  readonly streamKey?: string;
  /** A pool to reuse across batches (sweeps); default: one made and closed for this batch. */
  readonly runner?: ChunkRunner;
  readonly onProgress?: (p: Progress) => void;
  /** Called after each chunk is merged, with the counts so far (live views; do not keep or change it). */
  readonly onMerged?: (acc: Accumulator) => void;
  readonly signal?: AbortSignal;
  /** Parameter points for the runs (plan.ts); default: every run runs the scenario as it is. */
  readonly plan?: ParameterPlan | null;
  /** With a plan drawn by `--uncertain` (uncertain.ts): the scenario's numbers it drew, for the summary. */
  readonly uncertain?: readonly UncertainNumber[];
  /** With a plan drawn from a calibration (`--posterior`): which one, as the user named it. */
  readonly posterior?: string;
}

export interface BatchResult {
  readonly summary: Summary;
  readonly text: string;
  /** Stopped by the signal: a checkpoint was left (with --out) and the summary covers the runs so far. */
  readonly interrupted: boolean;
  /** Runs already done by an earlier, interrupted process (0 unless resumed). */
  readonly resumedFrom: number;
  readonly written: readonly string[];
}

export function batchMeta(
  o: Pick<BatchOptions, 'sc' | 'file' | 'runs' | 'seed' | 'untilCi' | 'chunkSize' | 'plan' | 'uncertain' | 'posterior'>,
): BatchMeta {
  const p = o.plan;
  return {
    engineVersion: ENGINE_VERSION,
    scenario: { id: o.sc.data.id, title: o.sc.data.title, hash: o.sc.hash, file: o.file, sets: o.sc.sets },
    seed: o.seed,
    runsRequested: o.runs,
    chunkSize: o.chunkSize ?? CHUNK_SIZE,
    untilCi: o.untilCi,
    ...(p ? { parameters: { names: planNames(o.sc.model, p), points: planPoints(p), block: p.block, digest: planDigest(p) } } : {}),
    ...(p && o.uncertain ? { uncertain: { numbers: o.uncertain, ...(o.posterior ? { posterior: o.posterior } : {}) } } : {}),
  };
}

/** Write a batch's summary (JSON and text) and its HTML report into `dir`, each atomically. */
export async function writeBatchOutputs(dir: string, summary: Summary, text: string): Promise<string[]> {
  const files = [join(dir, 'summary.json'), join(dir, 'summary.txt'), join(dir, 'report.html')];
  writeAtomic(files[0]!, `${JSON.stringify(summary, null, 2)}\n`);
  writeAtomic(files[1]!, text);
  writeAtomic(files[2]!, await renderReport(summary));
  return files;
}

/** Run a batch: chunks in parallel, merged strictly in order, checkpointed, written atomically. */
export async function runBatch(o: BatchOptions): Promise<BatchResult> {
  const m = o.sc.model;
  if (o.plan) checkPlan(m, o.plan, o.runs);
  const meta = batchMeta(o);
  const chunk = meta.chunkSize;
  const shape: Shape = { horizon: m.horizon, actors: m.actors.length, points: o.plan ? planPoints(o.plan) : 0 };
  const chunks = Math.ceil(o.runs / chunk);
  const [c0, c1] = shardChunks(chunks, o.shard);
  if (o.shard && o.untilCi !== null)
    throw new BatchInputError('--until-ci cannot be combined with --shard (each shard must know its runs in advance)');
  if (o.resume && !o.out) throw new BatchInputError('--resume needs the --out of the interrupted batch');
  const runsIn = (k: number): number => Math.min(o.runs, (k + 1) * chunk) - k * chunk;

  const files = o.out
    ? new BatchFiles({
        out: o.out,
        shown: o.outShown ?? o.out,
        shard: o.shard,
        rows: o.rows,
        plan: o.plan ?? null,
        resume: o.resume,
        guard: o.guard ?? { inputs: [], force: false },
      })
    : null;
  try {
    const start = files?.start(meta, m, shape, [c0, c1], runsIn) ?? { acc: null, next: c0 };
    const acc = start.acc ?? createAccumulator(shape);
    const resumedFrom = acc.runs;
    const { next, interrupted } = await runChunks(o, files, meta, acc, start.next, [c0, c1]);
    files?.closeRows();
    const summary = buildSummary(m, acc, meta);
    const text = formatSummary(summary);
    const written: string[] = [];
    if (interrupted) {
      files?.checkpoint(meta, next, acc);
      return { summary, text, interrupted, written, resumedFrom };
    }
    try {
      if (o.out && o.shard) {
        writePartial(o.out, { meta, shard: o.shard, chunks: [c0, next], acc, scenario: o.sc.data });
        written.push(o.out);
      } else if (files?.dir) {
        written.push(...(await writeBatchOutputs(files.dir, summary, text)));
      }
      if (files) written.push(...files.complete());
    } catch (e) {
      // Every run is done: keep them in a checkpoint, so that --resume only writes the outputs.
      if (e instanceof OutputError && files) throw resumable(e, () => files.checkpoint(meta, next, acc), o.outShown ?? o.out!);
      throw e;
    }
    return { summary, text, interrupted, written, resumedFrom };
  } finally {
    files?.release();
  }
}

/** A write that failed mid-batch, said with where to continue from: the checkpoint just written, or the last one. */
function resumable(e: OutputError, save: () => void, out: string): OutputError {
  try {
    save();
    return new OutputError(
      `${e.message}; the runs so far are saved: free the space or fix the folder, then add --resume to continue (--out ${out})`,
    );
  } catch {
    return new OutputError(`${e.message}; continue from the last checkpoint with --resume once it can be written (--out ${out})`);
  }
}

/** The chunk loop: dispatch to the pool, merge in order, write rows, checkpoint; stops at the end, at --until-ci, or on the signal. */
async function runChunks(
  o: BatchOptions,
  files: BatchFiles | null,
  meta: BatchMeta,
  acc: Accumulator,
  first: number,
  [c0, c1]: readonly [number, number],
): Promise<{ next: number; interrupted: boolean }> {
  const m = o.sc.model;
  const chunk = meta.chunkSize;
  const runner = o.runner ?? createChunkRunner(o.workers);
  const model = shareModel(m);
  const plan = o.plan ? sharePlan(o.plan) : null;
  const inFlight = new Map<number, Promise<TaskResult>>();
  let next = first;
  let dispatch = next;
  const resumedFrom = acc.runs;
  const startedAt = Date.now();
  let lastCheckpoint = startedAt;
  let sinceCheckpoint = 0;
  const every = o.checkpointEvery ?? { ms: 2000 };
  const checkpointDue = (): boolean => ('chunks' in every ? ++sinceCheckpoint >= every.chunks : Date.now() - lastCheckpoint > every.ms);
  let reachedCi = o.untilCi !== null && acc.runs > 0 && maxHalfWidth(acc) <= o.untilCi;
  const totalRuns = Math.min(o.runs, c1 * chunk) - c0 * chunk;
  let interrupted = false;
  try {
    while (next < c1 && !reachedCi) {
      if (o.signal?.aborted) {
        interrupted = true;
        break;
      }
      while (dispatch < c1 && inFlight.size < Math.max(2, o.workers * 2)) {
        const from = dispatch * chunk;
        const to = Math.min(o.runs, from + chunk);
        const task = {
          model,
          streamKey: o.streamKey ?? o.sc.hash,
          seed: o.seed,
          from,
          to,
          rows: files?.writesRows ? o.rows : null,
          plan,
        };
        inFlight.set(dispatch, runner.run(task));
        dispatch++;
      }
      const result = await inFlight.get(next)!;
      inFlight.delete(next);
      if (isFailure(result)) {
        const f = result.failure;
        throw new BatchRunError(f.run, f.seed, reproduceCommand(o.file, f.seed, f.run, o.sc.sets), f.message);
      }
      mergeInto(acc, result);
      files?.writeRows(result.rows);
      next++;
      if (o.untilCi !== null && maxHalfWidth(acc) <= o.untilCi) reachedCi = true;
      o.onProgress?.({ done: acc.runs, total: totalRuns, startedAt, resumedFrom });
      o.onMerged?.(acc);
      if (files && next < c1 && !reachedCi && checkpointDue()) {
        try {
          files.checkpoint(meta, next, acc);
        } catch (e) {
          if (e instanceof OutputError)
            throw new OutputError(
              `${e.message}; the batch stopped. Continue from the last checkpoint with --resume once it can be written`,
            );
          throw e;
        }
        lastCheckpoint = Date.now();
        sinceCheckpoint = 0;
      }
    }
  } finally {
    await Promise.allSettled(inFlight.values());
    if (!o.runner) await runner.close();
  }
  return { next, interrupted };
}

/** The plan with its values in shared memory: a task carries a view of them, not a copy. */
function sharePlan(p: ParameterPlan): ParameterPlan {
  const values = new Float64Array(new SharedArrayBuffer(p.values.byteLength));
  values.set(p.values);
  return { indices: [...p.indices], values, block: p.block, ...(p.crn ? { crn: true } : {}) };
}
