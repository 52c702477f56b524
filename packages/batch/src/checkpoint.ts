import { existsSync, readFileSync } from 'node:fs';
import { type Accumulator, accumulatorFromJson, accumulatorToJson, type Shape } from './accumulator.js';
import { BatchInputError } from './errors.js';
import { writeAtomic } from './files.js';
import type { BatchMeta } from './summary.js';

export const CHECKPOINT_SCHEMA = 'parley.batch.checkpoint/1';

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

export function writeCheckpoint(path: string, c: Checkpoint): void {
  writeAtomic(path, JSON.stringify({ ...c, acc: accumulatorToJson(c.acc) }));
}

/** Read a checkpoint; a corrupt or foreign one is a clear BatchInputError (the file is left alone). */
export function readCheckpoint(
  path: string,
  expect: Omit<Checkpoint, 'nextChunk' | 'rowBytes' | 'acc' | 'schema'>,
  shape: Shape,
): Checkpoint | null {
  if (!existsSync(path)) return null;
  let c: Omit<Checkpoint, 'acc'> & { acc: unknown };
  try {
    c = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BatchInputError(`corrupt checkpoint ${path} (${(e as Error).message.split('\n')[0]}); delete it to start the batch over`);
  }
  if (c?.schema !== CHECKPOINT_SCHEMA)
    throw new BatchInputError(`corrupt checkpoint ${path} (not a Parley checkpoint); delete it to start over`);
  const acc = accumulatorFromJson(c.acc, shape);
  if (typeof acc === 'string' || !Number.isSafeInteger(c.nextChunk) || !Number.isSafeInteger(c.rowBytes))
    throw new BatchInputError(`corrupt checkpoint ${path} (${typeof acc === 'string' ? acc : 'bad position'}); delete it to start over`);
  const same = JSON.stringify([c.meta, c.rows, c.shard]) === JSON.stringify([expect.meta, expect.rows, expect.shard]);
  if (!same) {
    const why =
      c.meta.scenario.hash !== expect.meta.scenario.hash
        ? 'the scenario (or its --set overrides) changed'
        : c.meta.seed !== expect.meta.seed
          ? `it used seed ${c.meta.seed}`
          : 'it used other options (--runs, --until-ci, --rows or --shard)';
    throw new BatchInputError(
      `the checkpoint in ${path} is for a different batch: ${why}; rerun with the same options, or choose another --out`,
    );
  }
  return { ...c, acc };
}
