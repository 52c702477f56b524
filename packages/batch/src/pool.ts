import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import runTask, { type ChunkCounts, type ChunkTask } from './worker.js';
import { bundleWorker } from './worker-bundle.js';

export type TaskResult = ReturnType<typeof runTask>;

/** Runs chunk tasks: in this thread for one worker, on a worker-thread pool for more. */
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
  if (!here.endsWith('.ts')) return { filename: here.replace(/pool\.js$/, 'worker.js'), execArgv: process.execArgv };
  // The bundle is plain JavaScript: the worker needs neither tsx nor the source condition.
  const execArgv = process.execArgv.filter(
    (a, k, all) => !a.includes('tsx') && all[k + 1]?.includes('tsx') !== true && !a.startsWith('--conditions'),
  );
  return { filename: bundleWorker(here.replace(/pool\.ts$/, 'worker.ts')), execArgv };
}

export function createChunkRunner(workers: number): ChunkRunner {
  if (workers <= 1) {
    return { run: async (task) => runTask(task), close: async () => {} };
  }
  const { filename, execArgv } = workerFile();
  const pool = new Piscina({ filename, minThreads: workers, maxThreads: workers, execArgv, idleTimeout: 60_000 });
  return {
    run: (task) => pool.run(task) as Promise<TaskResult>,
    close: () => pool.destroy(),
  };
}
