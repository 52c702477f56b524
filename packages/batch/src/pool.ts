import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type runTask from './worker.js';
import type { ChunkCounts, ChunkTask } from './worker.js';
import { bundleWorker } from './worker-bundle.js';

export type TaskResult = ReturnType<typeof runTask>;

/** Runs chunk tasks: in this thread for one worker (the same module the workers load), on a worker-thread pool for more. */
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

/**
 * The worker module's task, loaded into this thread: from source that is the bundle the workers
 * run, which runs the kernel ~10% faster than the same code as separate modules under tsx.
 */
async function inThisThread(): Promise<typeof runTask> {
  const { filename } = workerFile();
  const mod = (await import(pathToFileURL(filename).href)) as { default: typeof runTask };
  return mod.default;
}

export function createChunkRunner(workers: number): ChunkRunner {
  if (workers <= 1) {
    let task: Promise<typeof runTask> | null = null;
    return {
      run: async (t) => {
        task ??= inThisThread();
        return (await task)(t);
      },
      close: async () => {},
    };
  }
  const { filename, execArgv } = workerFile();
  const pool = new Piscina({ filename, minThreads: workers, maxThreads: workers, execArgv, idleTimeout: 60_000 });
  return {
    run: (task) => pool.run(task) as Promise<TaskResult>,
    close: () => pool.destroy(),
  };
}
