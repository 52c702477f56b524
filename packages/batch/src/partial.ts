import { readFileSync } from 'node:fs';
import type { Model } from '@parley/core';
import {
  type Accumulator,
  type AccumulatorJson,
  accumulatorFromJson,
  accumulatorToJson,
  createAccumulator,
  mergeInto,
} from './accumulator.js';
import { BatchInputError } from './errors.js';
import { writeAtomic } from './files.js';
import type { BatchMeta } from './summary.js';

export const PARTIAL_SCHEMA = 'parley.batch.partial/1';

/** What one shard computed: its slice of chunks and their counts. Merged partials give exactly the unsharded batch. */
export interface Partial {
  readonly meta: BatchMeta;
  readonly shard: { readonly index: number; readonly count: number };
  /** Chunks [from, to) of the batch. */
  readonly chunks: readonly [number, number];
  readonly acc: Accumulator | AccumulatorJson;
}

export function writePartial(path: string, p: Partial & { acc: Accumulator }): void {
  writeAtomic(path, `${JSON.stringify({ schema: PARTIAL_SCHEMA, ...p, acc: accumulatorToJson(p.acc) })}\n`);
}

export function readPartial(path: string): Partial {
  let x: Partial & { schema?: string };
  try {
    x = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BatchInputError(
      `${path}: ${code === 'ENOENT' ? 'no such file' : `not a readable partial (${(e as Error).message.split('\n')[0]})`}`,
    );
  }
  if (x?.schema !== PARTIAL_SCHEMA) throw new BatchInputError(`${path}: not a Parley batch partial (written by parley batch --shard)`);
  return x;
}

/**
 * Merge shard partials into the accumulator of the whole batch. They must come from the
 * same scenario, seed and run count, and together cover every chunk exactly once.
 */
export function mergePartials(m: Model, parts: readonly { path: string; p: Partial }[]): { meta: BatchMeta; acc: Accumulator } {
  if (parts.length === 0) throw new BatchInputError('merge needs at least one partial');
  const first = parts[0]!.p;
  const key = (p: Partial): string => JSON.stringify(p.meta);
  const shape = { horizon: m.horizon, actors: m.actors.length };
  const accs = new Map<Partial, Accumulator>();
  for (const { path, p } of parts) {
    if (key(p) !== key(first)) {
      const other = parts[0]!.path;
      const why =
        p.meta.scenario.hash !== first.meta.scenario.hash
          ? `${path} was run on a different scenario (or --set overrides) than ${other}`
          : p.meta.seed !== first.meta.seed
            ? `${path} was run with seed ${p.meta.seed} but ${other} with seed ${first.meta.seed}`
            : `${path} was run with --runs ${p.meta.runsRequested} (chunk ${p.meta.chunkSize}) but ${other} with --runs ${first.meta.runsRequested} (chunk ${first.meta.chunkSize})`;
      throw new BatchInputError(`${why}; partials must come from one batch`);
    }
    const acc = accumulatorFromJson(p.acc, shape);
    if (typeof acc === 'string') throw new BatchInputError(`${path}: corrupt partial (${acc})`);
    accs.set(p, acc);
  }
  const sorted = [...parts].sort((a, b) => a.p.chunks[0] - b.p.chunks[0]);
  const total = Math.ceil(first.meta.runsRequested / first.meta.chunkSize);
  let at = 0;
  for (const { path, p } of sorted) {
    if (p.chunks[0] !== at) {
      throw new BatchInputError(
        p.chunks[0] < at
          ? `${path} overlaps another partial (shard ${p.shard.index}/${p.shard.count} given twice?)`
          : `runs ${at * first.meta.chunkSize}–${p.chunks[0] * first.meta.chunkSize - 1} are missing: a shard is absent`,
      );
    }
    at = p.chunks[1];
  }
  if (at !== total) throw new BatchInputError(`runs from ${at * first.meta.chunkSize} on are missing: a shard is absent`);
  const acc = createAccumulator(shape);
  for (const { p } of sorted) mergeInto(acc, accs.get(p)!);
  return { meta: first.meta, acc };
}
