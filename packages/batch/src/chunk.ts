import { type Emit, type Model, OUTCOME_CLASSES, quarterLabel } from '@parley/core';
import { kernelFor, simulateFast } from '@parley/engine';
import { type Accumulator, createAccumulator, FAN, FINAL, PATH_LENGTH, UTILITY } from './accumulator.js';
import { binOf } from './histogram.js';
import { SERIES } from './series.js';

/** Per-run rows: CSV, JSON lines, or Parquet (streamed as CSV, converted at the end: parquet.ts). */
export type RowFormat = 'csv' | 'jsonl' | 'parquet';

export interface ChunkInput {
  readonly model: Model;
  /** The scenario's hash: part of every run's seed derivation. */
  readonly scenarioKey: string;
  readonly seed: number;
  /** Runs [from, to) of the batch. */
  readonly from: number;
  readonly to: number;
  readonly rows?: RowFormat | null;
}

export interface ChunkOutput {
  readonly acc: Accumulator;
  /** Per-run rows in run order (empty unless asked for). */
  readonly rows: string;
}

/** A run that threw, with what is needed to reproduce it. */
export class RunFailure extends Error {
  constructor(
    readonly run: number,
    readonly seed: number,
    override readonly cause: unknown,
  ) {
    super(`run ${run} (seed ${seed}) failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RunFailure';
  }
}

export function rowHeader(m: Model, format: RowFormat): string {
  if (format === 'jsonl') return '';
  return `${['run', 'outcome', 'treaty_quarter', ...SERIES.map((s) => s.id), ...m.actors.map((a) => `utility_${a.id}`)].join(',')}\n`;
}

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Simulate runs [from, to) and count them into a fresh accumulator. Pure but for the clock-free engine. */
export function runChunk(input: ChunkInput): ChunkOutput {
  const { model: m, scenarioKey, seed } = input;
  const H = m.horizon;
  const S = SERIES.length;
  const acc = createAccumulator({ horizon: H, actors: m.actors.length });
  const rows: string[] = [];
  const path: string[] = [];
  let lastT = -1;
  const emit: Emit = (e) => {
    if (path.length >= PATH_LENGTH) return;
    if (e.type === 'shock' && m.events[e.event]!.at === null) path.push(m.events[e.event]!.id);
    else if (e.type === 'talks') path.push(e.active ? 'talks resumed' : 'talks suspended');
    else if (e.type === 'treaty') path.push(`treaty: ${m.offers[e.offer]!.id}`);
  };
  // The series and utilities are read straight off the kernel's cells (series.ts, kernel/readers.ts).
  const kernel = kernelFor(m);
  const x = kernel.world.x;
  const series = SERIES.map((s) => s.reader(m, kernel));
  const utility = kernel.read.utility;
  const record = (t: number): void => {
    for (let s = 0; s < S; s++) acc.fan[(s * H + t) * FAN.bins + binOf(FAN, series[s]!(x))]!++;
    lastT = t;
  };
  const onQuarter = (t: number): void => record(t);
  for (let run = input.from; run < input.to; run++) {
    path.length = 0;
    lastT = -1;
    let r: ReturnType<typeof simulateFast>;
    try {
      r = simulateFast(m, { scenarioKey, seed, run, emit, onQuarter });
    } catch (e) {
      throw new RunFailure(run, seed, e);
    }
    for (let t = lastT + 1; t < H; t++) record(t);
    acc.runs++;
    acc.outcomes[OUTCOME_CLASSES.indexOf(r.outcome)]!++;
    if (r.treatyT !== null && r.treatyT < H) acc.treatyAt[r.treatyT]!++;
    const finals = series.map((f) => f(x));
    finals.forEach((v, s) => {
      acc.final[s * FINAL.bins + binOf(FINAL, v)]!++;
    });
    const utils = utility.map((f) => f(x));
    utils.forEach((u, i) => {
      acc.utility[i * UTILITY.bins + binOf(UTILITY, u)]!++;
    });
    const key = path.length === 0 ? '(no shocks)' : path.join(' > ');
    acc.paths[key] = (acc.paths[key] ?? 0) + 1;
    if (input.rows === 'csv' || input.rows === 'parquet') {
      rows.push(
        `${[run, r.outcome, r.treatyT === null ? '' : quarterLabel(m, r.treatyT), ...finals.map(r6), ...utils.map(r6)].join(',')}\n`,
      );
    } else if (input.rows === 'jsonl') {
      const row: Record<string, unknown> = {
        run,
        seed,
        outcome: r.outcome,
        treatyQuarter: r.treatyT === null ? null : quarterLabel(m, r.treatyT),
      };
      SERIES.forEach((s, k) => {
        row[s.id] = r6(finals[k]!);
      });
      m.actors.forEach((a, i) => {
        row[`utility_${a.id}`] = r6(utils[i]!);
      });
      rows.push(`${JSON.stringify(row)}\n`);
    }
  }
  return { acc, rows: rows.join('') };
}
