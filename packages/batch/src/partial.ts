import { readFileSync, statSync } from 'node:fs';
import type { Model } from '@parley/core';
import { type LoadedScenario, MESSAGES, parseScenario, ScenarioError, type ScenarioFile } from '@parley/scenario';
import {
  type Accumulator,
  type AccumulatorJson,
  accumulatorFromJson,
  accumulatorToJson,
  createAccumulator,
  mergeInto,
} from './accumulator.js';
import { BatchInputError } from './errors.js';
import { intact, sealed, writeAtomic } from './files.js';
import { type BatchMeta, metaProblem, sameBatch } from './summary.js';

export const PARTIAL_SCHEMA = 'parley.batch.partial/2';
/** The largest partial `merge` reads (a partial is a few MB at most). */
const MAX_PARTIAL_BYTES = 256 * 1024 * 1024;

/**
 * What one shard computed: its slice of chunks and their counts, and the scenario it ran (its
 * validated content, whose hash is in `meta`), so that `merge` needs no scenario file: shards run
 * from other folders or machines merge wherever their partials are gathered.
 */
export interface Partial {
  readonly meta: BatchMeta;
  readonly shard: { readonly index: number; readonly count: number };
  /** Chunks [from, to) of the batch. */
  readonly chunks: readonly [number, number];
  readonly acc: Accumulator | AccumulatorJson;
  readonly scenario: ScenarioFile;
}

export function writePartial(path: string, p: Partial & { acc: Accumulator }): void {
  writeAtomic(path, `${JSON.stringify(sealed({ schema: PARTIAL_SCHEMA, ...p, acc: accumulatorToJson(p.acc) }))}\n`);
}

/** A partial as read, checked to be a sealed Parley partial (its counts are checked by mergePartials). */
export function readPartial(path: string, shown = path): Partial {
  let x: Partial & { schema?: string };
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new BatchInputError(`${shown}: not a regular file`);
    if (st.size > MAX_PARTIAL_BYTES) throw new BatchInputError(`${shown}: too large to be a partial (${st.size} bytes)`);
    x = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if (e instanceof BatchInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new BatchInputError(`${shown}: ${code ? MESSAGES.fileProblem(e) : 'not a readable partial (not JSON)'}`);
  }
  if (x?.schema !== PARTIAL_SCHEMA)
    throw new BatchInputError(`${shown}: not a Parley batch partial of this version (written by parley batch --shard)`);
  if (!intact(x)) throw new BatchInputError(`${shown}: changed after Parley wrote it (its checksum does not match); run that shard again`);
  const problem = metaProblem(x.meta);
  if (problem) throw new BatchInputError(`${shown}: corrupt partial (${problem})`);
  return x;
}

/** The scenario a partial ran, rebuilt from its content and checked against the hash it recorded. */
export function partialScenario(p: Partial, shown: string): LoadedScenario {
  let sc: LoadedScenario;
  try {
    sc = parseScenario(JSON.stringify(p.scenario), `${shown} (its scenario)`, { readFile: () => '' });
  } catch (e) {
    if (e instanceof ScenarioError) throw new BatchInputError(`${shown}: its scenario is not valid (${e.issues[0]?.message ?? ''})`);
    throw e;
  }
  if (sc.hash !== p.meta?.scenario?.hash) throw new BatchInputError(`${shown}: its scenario does not match the hash it recorded`);
  return sc;
}

/** Chunks [from, to) of shard i of n, of a batch of `chunks` chunks: a contiguous, deterministic slice. */
export function shardChunks(chunks: number, shard: { readonly index: number; readonly count: number } | null): [number, number] {
  if (!shard) return [0, chunks];
  return [Math.floor(((shard.index - 1) * chunks) / shard.count), Math.floor((shard.index * chunks) / shard.count)];
}

/**
 * Merge shard partials into the accumulator of the whole batch. They must come from the
 * same batch (scenario content, seed, runs), each be consistent (its shard's chunks, counts
 * adding up to their runs), and together cover every chunk exactly once.
 */
export function mergePartials(m: Model, parts: readonly { path: string; p: Partial }[]): { meta: BatchMeta; acc: Accumulator } {
  if (parts.length === 0) throw new BatchInputError('merge needs at least one partial');
  const first = parts[0]!.p;
  const shape = { horizon: m.horizon, actors: m.actors.length, points: first.meta.parameters?.points ?? 0 };
  const { runsRequested: runs, chunkSize } = first.meta;
  const total = Math.ceil(runs / chunkSize);
  const accs = new Map<Partial, Accumulator>();
  for (const { path, p } of parts) {
    if (!sameBatch(p.meta, first.meta)) {
      const other = parts[0]!.path;
      const why =
        p.meta?.scenario?.hash !== first.meta.scenario.hash
          ? `${path} was run on a different scenario (or --set overrides) than ${other}`
          : p.meta.seed !== first.meta.seed
            ? `${path} was run with seed ${p.meta.seed} but ${other} with seed ${first.meta.seed}`
            : `${path} was run with --runs ${p.meta.runsRequested} (chunk ${p.meta.chunkSize}) but ${other} with --runs ${first.meta.runsRequested} (chunk ${first.meta.chunkSize})`;
      throw new BatchInputError(`${why}; partials must come from one batch`);
    }
    const s = p.shard;
    const validShard = Number.isSafeInteger(s?.index) && Number.isSafeInteger(s?.count) && s.index >= 1 && s.index <= s.count;
    const expected = validShard ? shardChunks(total, s) : null;
    if (!expected || !Array.isArray(p.chunks) || p.chunks[0] !== expected[0] || p.chunks[1] !== expected[1])
      throw new BatchInputError(`${path}: corrupt partial (its chunks are not those of shard ${s?.index}/${s?.count} of ${total})`);
    const acc = accumulatorFromJson(p.acc, shape);
    if (typeof acc === 'string') throw new BatchInputError(`${path}: corrupt partial (${acc})`);
    const covered = Math.min(runs, expected[1] * chunkSize) - Math.min(runs, expected[0] * chunkSize);
    if (acc.runs !== covered)
      throw new BatchInputError(`${path}: corrupt partial (it counts ${acc.runs} runs where its chunks hold ${covered})`);
    accs.set(p, acc);
  }
  const sorted = [...parts].sort((a, b) => a.p.chunks[0] - b.p.chunks[0]);
  let at = 0;
  for (const { path, p } of sorted) {
    if (p.chunks[0] !== at) {
      throw new BatchInputError(
        p.chunks[0] < at
          ? `${path} overlaps another partial (shard ${p.shard.index}/${p.shard.count} given twice?)`
          : `runs ${at * chunkSize}–${p.chunks[0] * chunkSize - 1} are missing: a shard is absent`,
      );
    }
    at = p.chunks[1];
  }
  if (at !== total) throw new BatchInputError(`runs from ${at * chunkSize} on are missing: a shard is absent`);
  const acc = createAccumulator(shape);
  for (const { p } of sorted) mergeInto(acc, accs.get(p)!);
  return { meta: first.meta, acc };
}
