import { loadScenarioFile } from '@parley/scenario';
import { Piscina } from 'piscina';

const file = '/work/main/scenarios/kuril/2016-nagato.yaml';
const sc = loadScenarioFile(file);
const threads = Number(process.argv[2]);
const t0 = performance.now();
const pool = new Piscina({
  filename: '/work/main/packages/batch/src/worker.ts',
  minThreads: threads,
  maxThreads: threads,
  execArgv: process.execArgv,
});
const task = (from: number, n: number) => ({
  file,
  sets: [],
  cwd: process.cwd(),
  hash: sc.hash,
  streamKey: sc.hash,
  seed: 1,
  from,
  to: from + n,
  rows: null,
});
await Promise.all(Array.from({ length: threads }, (_, k) => pool.run(task(k, 1))));
console.log('first tiny task', (performance.now() - t0).toFixed(0), 'ms');
const t1 = performance.now();
await Promise.all(Array.from({ length: threads }, (_, k) => pool.run(task(k * 1000 + 100, 1000))));
console.log('first 1000-run chunk', (performance.now() - t1).toFixed(0), 'ms');
const t2 = performance.now();
await Promise.all(Array.from({ length: threads }, (_, k) => pool.run(task(k * 1000 + 5000, 1000))));
console.log('second 1000-run chunk', (performance.now() - t2).toFixed(0), 'ms');
await pool.destroy();
