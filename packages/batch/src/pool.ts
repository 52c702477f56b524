import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { BatchInputError } from './errors.js';
import type runTask from './worker.js';
import type { ChunkCounts, ChunkTask } from './worker.js';
import { bundleWorker } from './worker-bundle.js';

export type TaskResult = ReturnType<typeof runTask>;

/** Runs chunk tasks on a pool of worker threads. */
export interface ChunkRunner {
  run(task: ChunkTask): Promise<TaskResult>;
  close(): Promise<void>;
}

export function isFailure(r: TaskResult): r is Exclude<TaskResult, ChunkCounts> {
  return 'failure' in r;
}

/** The worker module: worker.js next to this file when built; from source, worker.ts bundled into one ES module (worker-bundle.ts). */
function workerFile(): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return { filename: here.replace(/pool\.js$/, 'worker.js'), execArgv: workerFlags(process.execArgv) };
  return { filename: bundleWorker(here.replace(/pool\.ts$/, 'worker.ts')), execArgv: workerFlags(withoutTsx(process.execArgv)) };
}

/** Whether a worker thread accepts each option (or option and value), found by asking Node once. */
const accepted = new Map<string, boolean>();

function accepts(option: readonly string[]): boolean {
  const key = option.join(' ');
  let ok = accepted.get(key);
  if (ok === undefined) {
    try {
      void new Worker('', { eval: true, execArgv: [...option] }).terminate();
      ok = true;
    } catch (e) {
      if ((e as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
      ok = false;
    }
    accepted.set(key, ok);
  }
  return ok;
}

/**
 * The options of `argv` a worker thread can be given. Node refuses V8 and per-process options
 * there (`node --max-old-space-size=4096 …` made every worker pool throw), and they apply to the
 * whole process, workers included, anyway.
 */
export function workerFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const option = [argv[k]!];
    // An option followed by its value (`--require x`) is asked about together.
    if (k + 1 < argv.length && !argv[k + 1]!.startsWith('-')) option.push(argv[++k]!);
    if (accepts(option)) out.push(...option);
  }
  return out;
}

/** Node options without tsx's hooks and the `source` condition: the bundle is plain JavaScript and needs neither. */
export function withoutTsx(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const next = argv[k + 1] ?? '';
    if ((a === '--import' || a === '--require' || a === '--loader' || a === '-r') && next.includes('tsx')) k++;
    else if (a === '--conditions' || a === '-C') k++;
    else if (!a.includes('tsx') && !a.startsWith('--conditions=') && !a.startsWith('-C=')) out.push(a);
  }
  return out;
}

/** How many nice levels below their process batch worker threads run unless PARLEY_WORKER_NICE says otherwise (worker.ts). */
const DEFAULT_WORKER_NICE = 10;

/**
 * The nice levels worker threads run below their process: PARLEY_WORKER_NICE, a whole number
 * from 0 (the process's own priority) to 19, or DEFAULT_WORKER_NICE when it is unset.
 */
export function workerNice(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const v = env.PARLEY_WORKER_NICE;
  if (v === undefined || v === '') return DEFAULT_WORKER_NICE;
  if (!/^\d{1,2}$/.test(v) || Number(v) > 19) {
    throw new BatchInputError(
      `invalid PARLEY_WORKER_NICE "${v}": expected a whole number from 0 to 19 (how many nice levels worker threads run below this process; 0 keeps its priority)`,
    );
  }
  return Number(v);
}

/**
 * A pool of worker threads, also for one worker: one worker thread then runs the same bundle in
 * the same conditions as each of several, and it is faster than this thread was (100,000 flagship
 * runs from source: 11.3 s against 11.8-12.3 s with the bundle imported into this thread).
 */
export function createChunkRunner(workers: number): ChunkRunner {
  const threads = Math.max(1, workers);
  const nice = workerNice();
  const { filename, execArgv } = workerFile();
  const env = { ...process.env, PARLEY_WORKER_NICE: String(nice) };
  const pool = new Piscina({ filename, minThreads: threads, maxThreads: threads, execArgv, env, idleTimeout: 60_000 });
  return {
    run: (task) => pool.run(task) as Promise<TaskResult>,
    close: () => pool.destroy(),
  };
}
