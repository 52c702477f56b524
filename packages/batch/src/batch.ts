import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ENGINE_VERSION } from '@parley/engine';
import type { LoadedScenario } from '@parley/scenario';
import { type Accumulator, createAccumulator, mergeInto, type Shape } from './accumulator.js';
import { readCheckpoint, writeCheckpoint } from './checkpoint.js';
import { type RowFormat, rowHeader } from './chunk.js';
import { BatchInputError, BatchRunError } from './errors.js';
import { makeDirs, writeAtomic } from './files.js';
import { csvRowsToParquet } from './parquet.js';
import { writePartial } from './partial.js';
import { type ChunkRunner, createChunkRunner, isFailure, type TaskResult } from './pool.js';
import { renderReport } from './report.js';
import { type BatchMeta, buildSummary, formatSummary, maxHalfWidth, type Summary } from './summary.js';

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
  /** Where relative file names are resolved (workers load the scenario themselves). */
  readonly cwd: string;
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

export function batchMeta(o: Pick<BatchOptions, 'sc' | 'file' | 'runs' | 'seed' | 'untilCi' | 'chunkSize'>): BatchMeta {
  return {
    engineVersion: ENGINE_VERSION,
    scenario: { id: o.sc.data.id, title: o.sc.data.title, hash: o.sc.hash, file: o.file, sets: o.sc.sets },
    seed: o.seed,
    runsRequested: o.runs,
    chunkSize: o.chunkSize ?? CHUNK_SIZE,
    untilCi: o.untilCi,
  };
}

/** The chunks a shard computes: a contiguous, deterministic slice of [0, chunks). */
export function shardChunks(chunks: number, shard: BatchOptions['shard']): [number, number] {
  if (!shard) return [0, chunks];
  return [Math.floor(((shard.index - 1) * chunks) / shard.count), Math.floor((shard.index * chunks) / shard.count)];
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
  const meta = batchMeta(o);
  const chunk = meta.chunkSize;
  const shape: Shape = { horizon: m.horizon, actors: m.actors.length };
  const chunks = Math.ceil(o.runs / chunk);
  const [c0, c1] = shardChunks(chunks, o.shard);
  if (o.shard && o.untilCi !== null)
    throw new BatchInputError('--until-ci cannot be combined with --shard (each shard must know its runs in advance)');
  if (o.resume && !o.out) throw new BatchInputError('--resume needs the --out of the interrupted batch');

  const dir = o.out && !o.shard ? o.out : null;
  const checkpointPath = o.out ? (dir ? join(dir, '.checkpoint.json') : `${o.out}.checkpoint.json`) : null;
  const rowsFinal = o.out && o.rows ? (dir ? join(dir, `runs.${o.rows}`) : `${o.out}.runs.${o.rows}`) : null;
  // Parquet rows are streamed as CSV (resumable by truncation) and converted when the batch ends.
  const rowsPartial = rowsFinal ? (o.rows === 'parquet' ? `${rowsFinal}.csv.partial` : `${rowsFinal}.partial`) : null;

  if (o.out) {
    const where = dir ?? dirname(o.out);
    try {
      makeDirs(where);
    } catch (e) {
      throw new BatchInputError(`cannot use --out ${o.out}: ${(e as Error).message}`);
    }
    if (dir && !statSync(dir).isDirectory())
      throw new BatchInputError(`--out ${o.out} is a file; a batch writes a directory (a file only with --shard)`);
  }

  let acc: Accumulator = createAccumulator(shape);
  let next = c0;
  let rowBytes = 0;
  if (checkpointPath) {
    const expect = { meta, rows: o.rows, shard: o.shard };
    const cp = existsSync(checkpointPath) ? readCheckpoint(checkpointPath, expect, shape) : null;
    if (cp && !o.resume)
      throw new BatchInputError(
        `an interrupted batch is in ${o.out} (${cp.acc.runs} runs done); add --resume to continue it, or choose another --out`,
      );
    if (!cp && o.resume) throw new BatchInputError(`no interrupted batch to resume in ${o.out}`);
    if (cp) {
      acc = cp.acc;
      next = cp.nextChunk;
      rowBytes = cp.rowBytes;
      if (rowsPartial) {
        if (!existsSync(rowsPartial) || statSync(rowsPartial).size < rowBytes)
          throw new BatchInputError(
            `the rows file ${rowsPartial} is shorter than its checkpoint says; delete ${checkpointPath} to start over`,
          );
        truncateSync(rowsPartial, rowBytes);
      }
    }
  }
  const resumedFrom = acc.runs;
  let rowsFd: number | null = null;
  if (rowsPartial) {
    rowsFd = openSync(rowsPartial, rowBytes > 0 ? 'a' : 'w');
    if (rowBytes === 0) rowBytes += writeSync(rowsFd, rowHeader(m, o.rows!));
  }
  const checkpoint = (): void => {
    if (checkpointPath)
      writeCheckpoint(checkpointPath, {
        schema: 'parley.batch.checkpoint/1',
        meta,
        rows: o.rows,
        shard: o.shard,
        nextChunk: next,
        rowBytes,
        acc,
      });
  };

  const runner = o.runner ?? createChunkRunner(o.workers);
  const modelKey = createHash('sha256').update(JSON.stringify(m)).digest('hex');
  const inFlight = new Map<number, Promise<TaskResult>>();
  let dispatch = next;
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
          model: m,
          modelKey,
          streamKey: o.streamKey ?? o.sc.hash,
          seed: o.seed,
          from,
          to,
          rows: rowsFd === null ? null : o.rows,
        };
        inFlight.set(dispatch, runner.run(task));
        dispatch++;
      }
      const result = await inFlight.get(next)!;
      inFlight.delete(next);
      if (isFailure(result)) {
        const f = result.failure;
        const sets = o.sc.sets.map((s) => ` --set '${s}'`).join('');
        throw new BatchRunError(f.run, f.seed, `pnpm parley run ${o.file} --seed ${f.seed} --run ${f.run}${sets}`, f.message);
      }
      mergeInto(acc, result);
      if (rowsFd !== null && result.rows) rowBytes += writeSync(rowsFd, result.rows);
      next++;
      if (o.untilCi !== null && maxHalfWidth(acc) <= o.untilCi) reachedCi = true;
      o.onProgress?.({ done: acc.runs, total: totalRuns, startedAt, resumedFrom });
      o.onMerged?.(acc);
      if (next < c1 && !reachedCi && checkpointDue()) {
        checkpoint();
        lastCheckpoint = Date.now();
        sinceCheckpoint = 0;
      }
    }
  } finally {
    await Promise.allSettled(inFlight.values());
    if (!o.runner) await runner.close();
    if (rowsFd !== null) closeSync(rowsFd);
  }

  const summary = buildSummary(m, acc, meta);
  const text = formatSummary(summary);
  const written: string[] = [];
  if (interrupted) {
    checkpoint();
    return { summary, text, interrupted, written, resumedFrom };
  }
  if (o.out && o.shard) {
    writePartial(o.out, { meta, shard: o.shard, chunks: [c0, next], acc });
    written.push(o.out);
  } else if (dir) {
    written.push(...(await writeBatchOutputs(dir, summary, text)));
  }
  if (rowsPartial && rowsFinal) {
    if (o.rows === 'parquet') csvRowsToParquet(rowsPartial, rowsFinal);
    else renameSync(rowsPartial, rowsFinal);
    written.push(rowsFinal);
  }
  if (checkpointPath) rmSync(checkpointPath, { force: true });
  return { summary, text, interrupted, written, resumedFrom };
}
