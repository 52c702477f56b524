import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '@parley/scenario';
import { Piscina } from 'piscina';

const file = '/work/main/scenarios/kuril/2016-nagato.yaml';
const sc = loadScenarioFile(file);
const threads = Number(process.argv[2]);
const pool = new Piscina({
  filename: '/work/main/packages/batch/src/worker.ts',
  minThreads: threads,
  maxThreads: threads,
  execArgv: process.execArgv,
  resourceLimits: process.env.YG ? { maxYoungGenerationSizeMb: Number(process.env.YG) } : undefined,
});
const task = (from: number) => ({
  file,
  sets: [],
  cwd: process.cwd(),
  hash: sc.hash,
  streamKey: sc.hash,
  seed: 1,
  from,
  to: from + 1000,
  rows: null,
});
await Promise.all(Array.from({ length: threads }, (_, k) => pool.run(task(k * 1000))));
for (let rep = 0; rep < 3; rep++) {
  const t0 = performance.now();
  const jobs = [];
  for (let c = 0; c < 8 * threads; c++) jobs.push(pool.run(task((c + 10) * 1000)));
  await Promise.all(jobs);
  console.log(`threads ${threads}: ${((8 * threads * 1000) / ((performance.now() - t0) / 1000)).toFixed(0)} runs/s`);
}
await pool.destroy();
