import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import runTask, { type ChunkCounts, type ChunkTask } from './worker.js';

export type TaskResult = ReturnType<typeof runTask>;

/** Runs chunk tasks: in this thread for one worker, on a worker-thread pool for more. */
export interface ChunkRunner {
  run(task: ChunkTask): Promise<TaskResult>;
  close(): Promise<void>;
}

export function isFailure(r: TaskResult): r is Exclude<TaskResult, ChunkCounts> {
  return 'failure' in r;
}

/** The worker file next to this one: worker.ts when running from source (under tsx), worker.js when built. */
function workerFile(): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const filename = here.replace(/pool\.(ts|js)$/, fromSource ? 'worker.ts' : 'worker.js');
  const hasTsx = process.execArgv.some((a) => a.includes('tsx'));
  const execArgv = fromSource && !hasTsx ? [...process.execArgv, '--conditions=source', '--import', 'tsx'] : process.execArgv;
  return { filename, execArgv };
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
