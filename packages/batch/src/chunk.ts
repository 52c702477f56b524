import { type Emit, kernelEvents, type Model, OUTCOME_CLASSES, quarterLabel } from '@parley/core';
import { kernelFor, simulateFast } from '@parley/engine';
import { type Accumulator, accumulatorOver, createAccumulator, FAN, FINAL, PATH_LENGTH, UTILITY } from './accumulator.js';
import { binOf } from './histogram.js';
import { type ParameterPlan, planModels, planNames, planPoints } from './plan.js';
import { SERIES } from './series.js';
import { r6 } from './stats.js';

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
  /** Also return each run's outcome class (its index in OUTCOME_CLASSES), for paired comparisons. */
  readonly outcomes?: boolean;
  /** A buffer to count into, zeroed first (default: a new one); the output's accumulator is over it. */
  readonly counts?: Float64Array;
  /** Parameter points for the runs (plan.ts); default: every run runs `model` as it is. */
  readonly plan?: ParameterPlan | null;
}

export interface ChunkOutput {
  readonly acc: Accumulator;
  /** Per-run rows in run order (empty unless asked for). */
  readonly rows: string;
  /** Per run, in run order, its outcome class's index in OUTCOME_CLASSES (when asked for). */
  readonly outcomes: Uint8Array | null;
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

export function rowHeader(m: Model, format: RowFormat, plan: ParameterPlan | null = null): string {
  if (format === 'jsonl') return '';
  const params = plan ? planNames(m, plan).map((n) => `param.${n}`) : [];
  return `${['run', 'outcome', 'treaty_quarter', 'shocks', ...SERIES.map((s) => s.id), ...m.actors.map((a) => `utility_${a.id}`), ...params].join(',')}\n`;
}

/** What a chunk follows of a run: its milestones. */
const MILESTONES = kernelEvents(['shock', 'talks', 'treaty']);

/**
 * What runChunk keeps of a model from chunk to chunk: its readers, scratch arrays and the hooks
 * every run calls, made once per model so the runs' optimized code stays valid from chunk to chunk
 * (docs/performance.md). Only the counting state changes per chunk.
 */
class RunCounter {
  acc!: Accumulator;
  path = '';
  lastT = -1;
  /** The random events that fired in this run, in order (for its row). */
  readonly shocks: number[] = [];
  readonly pathCounts = new Map<string, number>();
  readonly sampleEnd: (into: Float64Array) => void;
  readonly end: Float64Array;
  readonly finals: Float64Array;
  readonly utils: Float64Array;
  readonly bins: Int32Array;
  readonly emit: Emit;
  readonly onQuarter: (t: number) => void;
  /** A milestone's name, from its code (see emit). */
  readonly milestone: (code: number) => string;

  constructor(m: Model) {
    const H = m.horizon;
    const S = SERIES.length;
    const A = m.actors.length;
    // A run's milestones (random shocks, talks suspended or resumed, a treaty) as one character each,
    // counted per chunk and named at its end: building and looking up the named path of every run
    // cost more than the rest of its bookkeeping.
    const E = m.events.length;
    const TALKS_RESUMED = E;
    const TALKS_SUSPENDED = E + 1;
    const TREATY = E + 2;
    if (TREATY + m.offers.length > 0xffff)
      throw new Error(`runChunk: ${E} events and ${m.offers.length} offers are more milestones than a path can name`);
    this.milestone = (code) =>
      code < E
        ? m.events[code]!.id
        : code === TALKS_RESUMED
          ? 'talks resumed'
          : code === TALKS_SUSPENDED
            ? 'talks suspended'
            : `treaty: ${m.offers[code - TREATY]!.id}`;
    const note = (code: number): void => {
      if (this.path.length < PATH_LENGTH) this.path += String.fromCharCode(code);
    };
    this.emit = (e) => {
      if (e.type === 'shock' && m.events[e.event]!.at === null) {
        note(e.event);
        this.shocks.push(e.event);
      } else if (e.type === 'talks') note(e.active ? TALKS_RESUMED : TALKS_SUSPENDED);
      else if (e.type === 'treaty') note(TREATY + e.offer);
    };
    // The series and utilities are sampled straight off the kernel's cells, all in one generated
    // function (series.ts, kernel/readers.ts): the series every quarter, with the utilities at the end.
    const kernel = kernelFor(m);
    const series = SERIES.map((s) => s.measure(m));
    const sampleQuarter = kernel.reader(series);
    this.sampleEnd = kernel.reader([...series, ...m.actors.map((_, i) => ({ utility: i }))]);
    const quarter = new Float64Array(S);
    this.end = new Float64Array(S + A);
    this.finals = this.end.subarray(0, S);
    this.utils = this.end.subarray(S);
    this.bins = new Int32Array(S);
    this.onQuarter = (t) => {
      sampleQuarter(quarter);
      const fan = this.acc.fan;
      for (let s = 0; s < S; s++) fan[(s * H + t) * FAN.slots + binOf(FAN, quarter[s]!)]!++;
      this.lastT = t;
    };
  }
}

/**
 * The runs of a chunk, counted into c.acc and c.pathCounts, in a function of their own that takes
 * the chunk's numbers, not its input object, so V8 compiles the loop once (docs/performance.md).
 */
function countRuns(
  c: RunCounter,
  m: Model,
  scenarioKey: string,
  seed: number,
  from: number,
  to: number,
  format: RowFormat | null,
  rows: string[],
  outcomes: Uint8Array | null,
  plan: ParameterPlan | null,
): void {
  const points = plan ? planModels(m, plan) : null;
  const names = plan ? planNames(m, plan) : [];
  const H = m.horizon;
  const S = SERIES.length;
  const A = m.actors.length;
  const { end, finals, utils, bins, emit, onQuarter, pathCounts, acc } = c;
  for (let run = from; run < to; run++) {
    c.path = '';
    c.lastT = -1;
    c.shocks.length = 0;
    let r: ReturnType<typeof simulateFast>;
    try {
      // With common random numbers, each point's runs draw the dice of runs 0 … block − 1 (plan.ts).
      const dice = plan?.crn ? run % plan.block : run;
      r = simulateFast(points === null ? m : points.model(run), { scenarioKey, seed, run: dice, emit, wants: MILESTONES, onQuarter });
    } catch (e) {
      throw new RunFailure(run, seed, e);
    }
    c.sampleEnd(end);
    for (let s = 0; s < S; s++) {
      bins[s] = binOf(FAN, finals[s]!);
      acc.final[s * FINAL.slots + binOf(FINAL, finals[s]!)]!++;
    }
    // The world no longer changes after the run: its remaining quarters count the final values.
    for (let t = c.lastT + 1; t < H; t++) for (let s = 0; s < S; s++) acc.fan[(s * H + t) * FAN.slots + bins[s]!]!++;
    acc.runs++;
    const outcome = OUTCOME_CLASSES.indexOf(r.outcome);
    acc.outcomes[outcome]!++;
    if (plan) acc.byPoint[Math.floor(run / plan.block) * OUTCOME_CLASSES.length + outcome]!++;
    if (outcomes) outcomes[run - from] = outcome;
    if (r.treatyT !== null && r.treatyT < H) acc.treatyAt[r.treatyT]!++;
    for (let i = 0; i < A; i++) {
      acc.utility[i * UTILITY.slots + binOf(UTILITY, utils[i]!)]!++;
    }
    pathCounts.set(c.path, (pathCounts.get(c.path) ?? 0) + 1);
    if (format === 'csv' || format === 'parquet') {
      const shocks = c.shocks.map((k) => m.events[k]!.id).join(';');
      rows.push(
        `${[run, r.outcome, r.treatyT === null ? '' : quarterLabel(m, r.treatyT), shocks, ...Array.from(finals, r6), ...Array.from(utils, r6), ...(points ? Array.from(points.point(run)) : [])].join(',')}\n`,
      );
    } else if (format === 'jsonl') {
      const row: Record<string, unknown> = {
        run,
        seed,
        outcome: r.outcome,
        treatyQuarter: r.treatyT === null ? null : quarterLabel(m, r.treatyT),
        shocks: c.shocks.map((k) => m.events[k]!.id),
      };
      SERIES.forEach((s, k) => {
        row[s.id] = r6(finals[k]!);
      });
      m.actors.forEach((a, i) => {
        row[`utility_${a.id}`] = r6(utils[i]!);
      });
      if (points) {
        const values = points.point(run);
        row.params = Object.fromEntries(names.map((n, j) => [n, values[j]]));
      }
      rows.push(`${JSON.stringify(row)}\n`);
    }
  }
}

const counters = new WeakMap<Model, RunCounter>();

/** Simulate runs [from, to) and count them into a fresh accumulator (over `counts` if given). Pure but for the clock-free engine. */
export function runChunk(input: ChunkInput): ChunkOutput {
  const m = input.model;
  let c = counters.get(m);
  if (!c) {
    c = new RunCounter(m);
    counters.set(m, c);
  }
  const shape = { horizon: m.horizon, actors: m.actors.length, points: input.plan ? planPoints(input.plan) : 0 };
  const acc = input.counts ? accumulatorOver(shape, 0, {}, input.counts.fill(0)) : createAccumulator(shape);
  c.acc = acc;
  c.pathCounts.clear();
  const rows: string[] = [];
  const outcomes = input.outcomes ? new Uint8Array(input.to - input.from) : null;
  countRuns(c, m, input.scenarioKey, input.seed, input.from, input.to, input.rows ?? null, rows, outcomes, input.plan ?? null);
  for (const [codes, count] of c.pathCounts) {
    const key = codes === '' ? '(no shocks)' : Array.from(codes, (ch) => c.milestone(ch.charCodeAt(0))).join(' > ');
    acc.paths[key] = (acc.paths[key] ?? 0) + count;
  }
  return { acc, rows: rows.join(''), outcomes };
}
