import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '@parley/scenario';
import { describe, expect, it } from 'vitest';
import { createChunkRunner, withoutTsx, workerFlags, workerNice } from '../src/pool.js';
import { shareModel, unshareModel } from '../src/shared-model.js';
import { bundleWorker, pruneOlderBundles } from '../src/worker-bundle.js';

const WORKER = fileURLToPath(new URL('../src/worker.ts', import.meta.url));

describe('worker options', () => {
  it('drop tsx and the source condition, in every spelling, and keep the rest', () => {
    expect(withoutTsx(['--conditions=source', '--import', 'tsx', '--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096']);
    expect(withoutTsx(['--conditions', 'source', '--require', '/x/node_modules/tsx/dist/cjs/index.cjs', '--enable-source-maps'])).toEqual([
      '--enable-source-maps',
    ]);
    expect(withoutTsx(['--import=tsx', '-C', 'source', '--trace-warnings'])).toEqual(['--trace-warnings']);
  });

  it('keep only what a worker thread accepts: V8 and per-process options apply to the whole process', () => {
    expect(
      workerFlags(['--max-old-space-size=4096', '--trace-warnings', '--expose-gc', '--stack-trace-limit=50', '--no-warnings']),
    ).toEqual(['--trace-warnings', '--no-warnings']);
  });

  it('let a batch on two workers run in a process started with V8 options', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const r = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=2048',
        '--expose-gc',
        '--conditions=source',
        '--import',
        'tsx',
        'packages/cli/src/bin.ts',
        'batch',
        'scenarios/kuril/2013-thaw.yaml',
        '--runs',
        '300',
        '--workers',
        '2',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/ERR_WORKER_INVALID_EXEC_ARGV/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/300 runs/);
  });
});

/** The nice value of each thread of this process (Linux: /proc/self/task/<id>/stat, field 19). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((t) => {
    const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/** The nice values of this process's threads while a pool of two runs a chunk each. */
async function nicesWhileTwoWorkersRun(): Promise<number[]> {
  const sc = loadScenarioFile(fileURLToPath(new URL('../../../scenarios/tutorial/lighthouse-island.yaml', import.meta.url)));
  const runner = createChunkRunner(2);
  try {
    const task = { model: shareModel(sc.model), streamKey: sc.hash, seed: 1, from: 0, to: 20, rows: null };
    const results = await Promise.all([runner.run(task), runner.run({ ...task, from: 20, to: 40 })]);
    expect(results.map((r) => ('runs' in r ? r.runs : -1))).toEqual([20, 20]);
    return threadNices();
  } finally {
    await runner.close();
  }
}

describe('the model a batch sends its workers', () => {
  it('is shared, not copied: a task passed to a thread carries the same memory, and decodes to the very model, -0 and all', () => {
    const sc = loadScenarioFile(fileURLToPath(new URL('../../../scenarios/kuril/2016-nagato.yaml', import.meta.url)));
    const model = { ...sc.model, params: { ...sc.model.params, drift: -0 } };
    const shared = shareModel(model);
    expect(shareModel(model)).toBe(shared);
    const received = structuredClone({ model: shared });
    expect(received.model.bytes).toBeInstanceOf(SharedArrayBuffer);
    // Shared memory: a byte written on one side is seen on the other (a clone would not see it).
    const mine = new Uint8Array(shared.bytes);
    const last = mine[mine.length - 1]!;
    mine[mine.length - 1] = last ^ 1;
    expect(new Uint8Array(received.model.bytes)[mine.length - 1]).toBe(last ^ 1);
    mine[mine.length - 1] = last;
    const back = unshareModel(received.model);
    expect(back).toEqual(model);
    expect(Object.is(back.params.drift, -0)).toBe(true);
  });
});

describe('worker threads', () => {
  it.runIf(process.platform === 'linux')('run 10 nice levels below their process, and this thread keeps its priority', async () => {
    const mine = getPriority(0);
    const nices = await nicesWhileTwoWorkersRun();
    expect(getPriority(0)).toBe(mine);
    expect(nices.filter((n) => n === Math.min(19, mine + 10))).toHaveLength(2);
  });

  it.runIf(process.platform === 'linux')('run as many levels below it as PARLEY_WORKER_NICE says', async () => {
    const mine = getPriority(0);
    process.env.PARLEY_WORKER_NICE = '3';
    try {
      expect((await nicesWhileTwoWorkersRun()).filter((n) => n === Math.min(19, mine + 3))).toHaveLength(2);
    } finally {
      delete process.env.PARLEY_WORKER_NICE;
    }
  });

  it('take PARLEY_WORKER_NICE as a whole number from 0 to 19, 10 when it is unset, and refuse anything else in one line', () => {
    expect(workerNice({})).toBe(10);
    expect(workerNice({ PARLEY_WORKER_NICE: '' })).toBe(10);
    expect(workerNice({ PARLEY_WORKER_NICE: '0' })).toBe(0);
    expect(workerNice({ PARLEY_WORKER_NICE: '19' })).toBe(19);
    for (const bad of ['20', '-1', '1.5', 'high', ' 3']) {
      expect(() => workerNice({ PARLEY_WORKER_NICE: bad })).toThrow(
        `invalid PARLEY_WORKER_NICE "${bad}": expected a whole number from 0 to 19`,
      );
    }
  });
});

describe('worker bundles', () => {
  it('are made again when a file they were made from changes, and not before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-entry-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, "import { word } from './dep.ts';\nexport default (): string => word;\n");
    writeFileSync(join(dir, 'dep.ts'), "export const word = 'first';\n");
    const first = bundleWorker(entry, 'test-entry');
    expect(readFileSync(first, 'utf8')).toContain('"first"');
    expect(bundleWorker(entry, 'test-entry')).toBe(first);
    // A changed import, even with the entry itself untouched, makes a new bundle with the change.
    writeFileSync(join(dir, 'dep.ts'), "export const word = 'second one';\n");
    const second = bundleWorker(entry, 'test-entry');
    expect(second).not.toBe(first);
    expect(readFileSync(second, 'utf8')).toContain('"second one"');
  });

  it('are reused while the sources are unchanged, and bundles of older sources a day old are removed', () => {
    const a = bundleWorker(WORKER);
    expect(bundleWorker(WORKER)).toBe(a);
    // One module: the engine's packages are inside it, not imported as TypeScript sources.
    expect(readFileSync(a, 'utf8')).toMatch(/function runChunk\(/);
    expect(readFileSync(a, 'utf8')).not.toMatch(/from "@parley\//);
    const dir = mkdtempSync(join(tmpdir(), 'parley-bundles-'));
    const file = (h: string): string => join(dir, `batch-worker-${h}.mjs`);
    for (const h of ['0000000000000000', '1111111111111111', '2222222222222222']) writeFileSync(file(h), '');
    const inputs = join(dir, 'batch-worker-abcdef01.inputs.json');
    writeFileSync(inputs, '{}');
    const twoDays = (Date.now() - 2 * 86_400_000) / 1000;
    utimesSync(file('0000000000000000'), twoDays, twoDays);
    utimesSync(file('2222222222222222'), twoDays, twoDays);
    utimesSync(inputs, twoDays, twoDays);
    pruneOlderBundles(`${dir}/`, file('2222222222222222'));
    expect(readdirSync(dir).sort()).toEqual(['batch-worker-1111111111111111.mjs', 'batch-worker-2222222222222222.mjs']);
  });
});
