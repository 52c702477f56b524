import { closeSync, existsSync, openSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Model } from '@parley/core';
import type { Accumulator, Shape } from './accumulator.js';
import { CHECKPOINT_SCHEMA, readCheckpoint, writeCheckpoint } from './checkpoint.js';
import { type RowFormat, rowHeader } from './chunk.js';
import { BatchInputError } from './errors.js';
import { makeDirs, OutputError } from './files.js';
import { checkOutputDir, checkOutputFile, lockOutput, type OutputGuard, type OutputLock } from './guard.js';
import { csvRowsToParquet } from './parquet.js';
import type { ParameterPlan } from './plan.js';
import type { BatchMeta } from './summary.js';

/** Names a batch writes into its --out folder (anything else there means the folder is not a batch's). */
export const BATCH_OWN = [
  'summary.json',
  'summary.txt',
  'report.html',
  'runs.*',
  '.checkpoint.json*',
  '.parley.lock',
  'summary.*',
  'report.html.*',
];
export const SUMMARY_FILES = ['summary.json', 'summary.txt', 'report.html'] as const;

export interface BatchFilesOptions {
  /** A folder, or (with a shard) the partial file. */
  readonly out: string;
  /** The --out as the user typed it, for messages. */
  readonly shown: string;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly rows: RowFormat | null;
  /** The runs' parameter points (their columns in the rows). */
  readonly plan?: ParameterPlan | null;
  readonly resume: boolean;
  readonly guard: OutputGuard;
}

/** Where a batch stands when it starts: from the beginning, or from a checkpoint. */
export interface Start {
  readonly acc: Accumulator | null;
  readonly next: number;
}

/**
 * The files of one batch with --out: its folder (or partial file), its lock, its checkpoint and its
 * rows. Opening checks that nothing would be destroyed (checkOutputDir / checkOutputFile), claims
 * the output (lockOutput: a second batch on the same --out is refused; a read-only folder fails
 * here, before any work), and reads a checkpoint to resume from.
 */
export class BatchFiles {
  readonly dir: string | null;
  readonly checkpointPath: string;
  readonly rowsFinal: string | null;
  /** Parquet rows are streamed as CSV (resumable by truncation) and converted when the batch ends. */
  readonly rowsPartial: string | null;
  private rowsFd: number | null = null;
  private rowBytes = 0;
  private readonly lock: OutputLock;

  constructor(private readonly o: BatchFilesOptions) {
    this.dir = o.shard ? null : o.out;
    this.checkpointPath = this.dir ? join(this.dir, '.checkpoint.json') : `${o.out}.checkpoint.json`;
    this.rowsFinal = o.rows ? (this.dir ? join(this.dir, `runs.${o.rows}`) : `${o.out}.runs.${o.rows}`) : null;
    this.rowsPartial = this.rowsFinal ? (o.rows === 'parquet' ? `${this.rowsFinal}.csv.partial` : `${this.rowsFinal}.partial`) : null;
    try {
      makeDirs(this.dir ?? dirname(o.out));
    } catch (e) {
      throw new BatchInputError(`cannot use --out ${o.shown}: ${(e as Error).message}`);
    }
    const finals = [...(this.dir ? SUMMARY_FILES.map((f) => join(this.dir!, f)) : [o.out]), ...(this.rowsFinal ? [this.rowsFinal] : [])];
    if (this.dir) checkOutputDir(this.dir, BATCH_OWN, [], o.guard, o.shown);
    // A batch in progress is continued with --resume, never written over; its lock says whether it still runs.
    this.lock = lockOutput(this.dir ? join(this.dir, '.parley.lock') : `${o.out}.lock`, o.shown);
    try {
      const interrupted = existsSync(this.checkpointPath);
      if (interrupted && !o.resume)
        throw new BatchInputError(`an interrupted batch is in ${o.shown}; add --resume to continue it, or choose another --out`);
      if (!interrupted && o.resume) throw new BatchInputError(`no interrupted batch to resume in ${o.shown}`);
      if (!interrupted) for (const f of finals) checkOutputFile(f, o.guard, f);
    } catch (e) {
      this.lock.release();
      throw e;
    }
  }

  /** The checkpoint to resume from (checked against this batch), or a fresh start; opens the rows file. */
  start(meta: BatchMeta, m: Model, shape: Shape, chunks: readonly [number, number], runsIn: (k: number) => number): Start {
    let start: Start = { acc: null, next: chunks[0] };
    if (this.o.resume) {
      const cp = readCheckpoint(this.checkpointPath, {
        meta,
        rows: this.o.rows,
        shard: this.o.shard,
        shape,
        chunks,
        runsIn,
        rowsFile: this.rowsPartial,
        headerLines: this.o.rows ? (rowHeader(m, this.o.rows, this.o.plan ?? null).match(/\n/g) ?? []).length : 0,
      });
      start = { acc: cp.acc, next: cp.nextChunk };
      this.rowBytes = cp.rowBytes;
      if (this.rowsPartial) truncateSync(this.rowsPartial, this.rowBytes);
    }
    if (this.rowsPartial) {
      this.rowsFd = this.open(this.rowsPartial, this.rowBytes > 0 ? 'a' : 'w');
      if (this.rowBytes === 0) this.writeRows(rowHeader(m, this.o.rows!, this.o.plan ?? null));
    }
    return start;
  }

  get writesRows(): boolean {
    return this.rowsFd !== null;
  }

  writeRows(text: string): void {
    if (this.rowsFd === null || text === '') return;
    try {
      this.rowBytes += writeSync(this.rowsFd, text);
    } catch (e) {
      throw new OutputError(`cannot write ${this.rowsPartial}: ${(e as Error).message}`);
    }
  }

  /** Record where the batch stands (atomically): after this, a kill loses at most the chunks since. */
  checkpoint(meta: BatchMeta, next: number, acc: Accumulator): void {
    writeCheckpoint(this.checkpointPath, {
      schema: CHECKPOINT_SCHEMA,
      meta,
      rows: this.o.rows,
      shard: this.o.shard,
      nextChunk: next,
      rowBytes: this.rowBytes,
      acc,
    });
  }

  /** Close the rows file (before the final outputs are written, or when stopping). */
  closeRows(): void {
    if (this.rowsFd !== null) closeSync(this.rowsFd);
    this.rowsFd = null;
  }

  /** The rows under their final name, and the checkpoint gone: the batch is complete. */
  complete(): string[] {
    const written: string[] = [];
    if (this.rowsPartial && this.rowsFinal) {
      if (this.o.rows === 'parquet') csvRowsToParquet(this.rowsPartial, this.rowsFinal);
      else renameSync(this.rowsPartial, this.rowsFinal);
      written.push(this.rowsFinal);
    }
    rmSync(this.checkpointPath, { force: true });
    return written;
  }

  release(): void {
    this.closeRows();
    this.lock.release();
  }

  private open(path: string, flags: string): number {
    try {
      return openSync(path, flags);
    } catch (e) {
      throw new OutputError(`cannot write ${path}: ${(e as Error).message}`);
    }
  }
}
