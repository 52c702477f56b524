import { availableParallelism, constants as osConstants } from 'node:os';
import { resolve } from 'node:path';
import { type BatchOptions, defaultPoints, type Progress, posteriorPlan, runBatch, uncertainPlan } from '@parley/batch';
import type { LoadedScenario } from '@parley/scenario';
import { UsageError } from '../errors.js';
import { readPosterior } from './calibrate.js';

/** The signals that stop a batch with a final checkpoint (exit code 128 + the signal's number: 130, 143, 129). */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface BatchCliOptions {
  readonly runs: number;
  readonly seed: number;
  readonly workers?: number;
  readonly out?: string;
  readonly rows?: 'csv' | 'jsonl' | 'parquet';
  readonly untilCi?: number;
  readonly shard?: { index: number; count: number };
  readonly resume: boolean;
  readonly force: boolean;
  readonly chunkSize?: number;
  readonly checkpointChunks?: number;
  /** Draw the scenario's uncertain numbers: `points` parameter points (default about √runs), runs/points runs each. */
  readonly uncertain?: boolean;
  /** Draw the points from a calibration's posterior (a posterior.json or its folder) instead of the prior. */
  readonly posterior?: string;
  readonly points?: number;
}

export interface Terminal {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** Whether stderr is a terminal (a redrawn progress bar) or a log (a line every few seconds). */
  readonly tty: boolean;
}

const clock = (s: number): string => {
  if (!Number.isFinite(s)) return '–';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
};

/** Progress on stderr: a bar with rate and ETA on a terminal; a plain line every 5 s otherwise. Timings never reach the summary. */
export function progressReporter(t: Terminal): { update: (p: Progress) => void; finish: () => void } {
  let last = 0;
  let drawn = false;
  let width = 0;
  return {
    update(p) {
      const now = Date.now();
      const elapsed = (now - p.startedAt) / 1000;
      const rate = (p.done - p.resumedFrom) / Math.max(elapsed, 1e-3);
      const eta = (p.total - p.done) / Math.max(rate, 1e-9);
      const frac = p.total === 0 ? 1 : p.done / p.total;
      const counts = `${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} runs  ${Math.round(rate).toLocaleString('en-US')} runs/s  ETA ${clock(eta)}`;
      if (t.tty) {
        if (now - last < 100 && p.done < p.total) return;
        const bar = 30;
        const full = Math.round(frac * bar);
        const line = `[${'#'.repeat(full)}${'-'.repeat(bar - full)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${counts}`;
        // Overwritten in place: a carriage return, and spaces over what a longer previous line left.
        t.err(`\r${line.padEnd(width)}`);
        width = line.length;
        drawn = true;
      } else {
        if (now - last < 5000 && p.done < p.total) return;
        t.err(`progress: ${(frac * 100).toFixed(1)}%  ${counts}\n`);
      }
      last = now;
    },
    finish() {
      if (drawn) t.err('\n');
    },
  };
}

/** The parameter points of `batch --uncertain`: about √runs points (or --points), drawn before any run. */
function uncertainty(sc: LoadedScenario, o: BatchCliOptions) {
  if (o.untilCi !== undefined)
    throw new UsageError('--uncertain cannot be combined with --until-ci (the points are drawn for a fixed number of runs)');
  const points = Math.min(o.points ?? defaultPoints(o.runs), o.runs);
  const block = Math.ceil(o.runs / points);
  const u = uncertainPlan(sc, { points, block, seed: o.seed });
  const numbers = u.parameters.map(({ path, value, lo, hi, distribution, grade }) => ({ path, value, lo, hi, distribution, grade }));
  return { plan: u.plan, numbers };
}

/** The parameter points of `batch --posterior`: the calibration's points, drawn by weight. */
function fromPosterior(sc: LoadedScenario, o: BatchCliOptions, cwd: string) {
  if (o.untilCi !== undefined)
    throw new UsageError('--posterior cannot be combined with --until-ci (the points are drawn for a fixed number of runs)');
  const post = readPosterior(o.posterior!, cwd, sc);
  const points = Math.min(o.points ?? defaultPoints(o.runs), o.runs);
  const plan = posteriorPlan(sc, post, { points, block: Math.ceil(o.runs / points), seed: o.seed });
  return {
    plan,
    numbers: post.parameters.map(({ path, value, lo, hi, distribution, grade }) => ({ path, value, lo, hi, distribution, grade })),
    posterior: o.posterior!,
  };
}

/** `parley batch`: the outcome distribution of many runs, in parallel, with a summary, rows and a report. */
export async function batchCommand(sc: LoadedScenario, file: string, cwd: string, o: BatchCliOptions, t: Terminal): Promise<number> {
  // Ctrl-C, a job scheduler's SIGTERM, a closed terminal's SIGHUP: stop after the chunks in flight,
  // write a final checkpoint and exit with the signal's conventional code. A second signal while
  // stopping changes nothing: the checkpoint is still written.
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    stoppedBy ??= signal;
    controller.abort();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  const progress = progressReporter(t);
  const uncertain = o.uncertain ? uncertainty(sc, o) : o.posterior ? fromPosterior(sc, o, cwd) : null;
  const opts: BatchOptions = {
    sc,
    file,
    runs: o.runs,
    seed: o.seed,
    workers: o.workers ?? Math.max(1, Math.min(availableParallelism(), 8)),
    untilCi: o.untilCi ?? null,
    out: o.out ? resolve(cwd, o.out) : null,
    ...(o.out ? { outShown: o.out } : {}),
    guard: { inputs: sc.paths, force: o.force },
    shard: o.shard ?? null,
    rows: o.rows ?? null,
    resume: o.resume,
    ...(o.chunkSize ? { chunkSize: o.chunkSize } : {}),
    ...(o.checkpointChunks ? { checkpointEvery: { chunks: o.checkpointChunks } } : {}),
    onProgress: progress.update,
    signal: controller.signal,
    ...(uncertain ? { plan: uncertain.plan, uncertain: uncertain.numbers } : {}),
    ...(uncertain && 'posterior' in uncertain ? { posterior: uncertain.posterior as string } : {}),
  };
  const started = Date.now();
  try {
    const r = await runBatch(opts);
    progress.finish();
    const seconds = (Date.now() - started) / 1000;
    if (r.interrupted) {
      t.err(`interrupted (${stoppedBy}) after ${r.summary.runs.toLocaleString('en-US')} runs.\n`);
      if (o.out) t.err(`a checkpoint is in ${o.out}; continue with the same command and --resume\n`);
      return 128 + osConstants.signals[stoppedBy ?? 'SIGINT'];
    }
    if (!o.shard) t.out(r.text);
    for (const w of r.written) t.err(`wrote ${w}\n`);
    const now = r.summary.runs - r.resumedFrom;
    const resumed = r.resumedFrom > 0 ? ` (after the ${r.resumedFrom.toLocaleString('en-US')} done before the interruption)` : '';
    t.err(
      `${now.toLocaleString('en-US')} runs in ${seconds.toFixed(1)} s${resumed} (${Math.round(now / seconds).toLocaleString('en-US')} runs/s, ${opts.workers} worker${opts.workers > 1 ? 's' : ''})\n`,
    );
    return 0;
  } finally {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  }
}
