import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { MESSAGES } from '@parley/scenario';
import { type Accumulator, accumulatorFromJson, accumulatorToJson, type Shape } from './accumulator.js';
import { BatchInputError } from './errors.js';
import { intact, sealed, writeAtomic } from './files.js';
import { type BatchMeta, metaProblem, sameBatch } from './summary.js';

export const CHECKPOINT_SCHEMA = 'parley.batch.checkpoint/2';

/** Where an interrupted batch stands: the runs merged so far (whole chunks, in order) and the bytes of rows written for them. */
export interface Checkpoint {
  readonly schema: typeof CHECKPOINT_SCHEMA;
  readonly meta: BatchMeta;
  readonly rows: string | null;
  readonly shard: { index: number; count: number } | null;
  readonly nextChunk: number;
  readonly rowBytes: number;
  readonly acc: Accumulator;
}

/** The line breaks in the first `bytes` bytes of a file, and whether those bytes end with one (or are none). */
function linesIn(file: string, bytes: number): { count: number; endsAtLine: boolean } {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let count = 0;
  let last = 0x0a;
  try {
    for (let at = 0; at < bytes; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, bytes - at), at);
      if (n === 0) break;
      for (let k = 0; k < n; k++) if (buf[k] === 0x0a) count++;
      last = buf[n - 1]!;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return { count, endsAtLine: last === 0x0a };
}

export function writeCheckpoint(path: string, c: Checkpoint): void {
  writeAtomic(path, JSON.stringify(sealed({ ...c, acc: accumulatorToJson(c.acc) })));
}

/** What a checkpoint must agree with: the batch being resumed, its chunks, and its rows file. */
export interface CheckpointExpectation {
  readonly meta: BatchMeta;
  readonly rows: string | null;
  readonly shard: { index: number; count: number } | null;
  readonly shape: Shape;
  /** The batch's chunks [c0, c1) and the runs in each (the last may be short). */
  readonly chunks: readonly [number, number];
  readonly runsIn: (chunk: number) => number;
  /** The rows file a checkpoint's rowBytes counts into, if the batch writes rows. */
  readonly rowsFile: string | null;
  /** Lines the rows file starts with before any run's row (a CSV header). */
  readonly headerLines: number;
}

/**
 * Read a checkpoint and check it against the batch it would resume: written by Parley and not
 * changed since (checksum), for this batch (scenario content, seed, runs, options: not its file
 * name, so a moved folder resumes), and consistent (its counts add up to the runs of the chunks it
 * covers; its rows are within the rows file). Anything else is a clear BatchInputError; the file is
 * left alone.
 */
export function readCheckpoint(path: string, e: CheckpointExpectation): Checkpoint {
  const bad = (why: string): never => {
    throw new BatchInputError(`the checkpoint ${path} cannot be used: ${why}; delete it to start the batch over`);
  };
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return bad((err as NodeJS.ErrnoException).code ? MESSAGES.fileProblem(err) : 'it is not JSON (cut short or edited)');
  }
  if (c?.schema !== CHECKPOINT_SCHEMA) return bad('it is not a Parley checkpoint of this version');
  if (!intact(c)) return bad('it was changed after Parley wrote it (its checksum does not match)');
  const problem = metaProblem(c.meta);
  if (problem) return bad(problem);
  const meta = c.meta as BatchMeta;
  const same = sameBatch(meta, e.meta) && JSON.stringify([c.rows, c.shard]) === JSON.stringify([e.rows, e.shard]);
  if (!same) {
    const why =
      meta?.scenario?.hash !== e.meta.scenario.hash
        ? 'the scenario (or its --set overrides) changed'
        : meta.seed !== e.meta.seed
          ? `it used seed ${meta.seed}`
          : meta.parameters?.digest !== e.meta.parameters?.digest
            ? 'it ran other parameter points'
            : 'it used other options (--runs, --until-ci, --rows or --shard)';
    throw new BatchInputError(
      `the checkpoint in ${path} is for a different batch: ${why}; rerun with the same options, or choose another --out`,
    );
  }
  const acc = accumulatorFromJson(c.acc, e.shape);
  if (typeof acc === 'string') return bad(acc);
  const next = c.nextChunk;
  if (!Number.isSafeInteger(next) || (next as number) < e.chunks[0] || (next as number) > e.chunks[1])
    return bad(`its position (chunk ${String(next)}) is outside the batch's chunks ${e.chunks[0]}–${e.chunks[1]}`);
  let covered = 0;
  for (let k = e.chunks[0]; k < (next as number); k++) covered += e.runsIn(k);
  if (acc.runs !== covered) return bad(`it counts ${acc.runs} runs where its chunks hold ${covered}`);
  const rowBytes = c.rowBytes;
  if (!Number.isSafeInteger(rowBytes) || (rowBytes as number) < 0) return bad('its rows position is not a byte count');
  if (e.rowsFile === null && rowBytes !== 0) return bad('it counts rows for a batch that writes none');
  if (e.rowsFile !== null) {
    let size = -1;
    try {
      size = statSync(e.rowsFile).size;
    } catch {
      // missing: size -1
    }
    if (size < (rowBytes as number))
      return bad(`the rows file ${e.rowsFile} is shorter than it says (${size < 0 ? 'missing' : `${size} bytes`}, not ${rowBytes})`);
    const lines = linesIn(e.rowsFile, rowBytes as number);
    const expected = covered + e.headerLines;
    if (lines.count !== expected || !lines.endsAtLine)
      return bad(`its rows position (${rowBytes} bytes) does not end the ${expected} lines of rows its runs wrote`);
  }
  return {
    schema: CHECKPOINT_SCHEMA,
    meta: e.meta,
    rows: e.rows,
    shard: e.shard,
    nextChunk: next as number,
    rowBytes: rowBytes as number,
    acc,
  };
}
