import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sealed } from '@parley/batch';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';

/** End to end: the real CLI in separate processes, as analysts and CI run it. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = ['--conditions=source', '--import', 'tsx', join(ROOT, 'packages/cli/src/bin.ts')];
const SCENARIO = 'scenarios/tutorial/lighthouse-island.yaml';
const COMMON = ['--runs', '1800', '--seed', '4', '--chunk-size', '150'];

function parley(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [...BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, INIT_CWD: ROOT } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
const tmp = (): string => mkdtempSync(join(tmpdir(), 'parley-batch-'));

/**
 * Start a batch, send it `signals` (SIGKILL by default) as soon as its first checkpoint appears in
 * `dir`, and say what happened: stopped mid-batch (a checkpoint and no summary), or finished first;
 * with the exit code. Nothing here waits for a time: the exit is listened for from the start, and
 * the directory is watched, not polled.
 */
async function signalAfterFirstCheckpoint(
  args: string[],
  dir: string,
  signals: NodeJS.Signals[] = ['SIGKILL'],
): Promise<{ outcome: 'stopped mid-batch' | 'finished first'; code: number | null }> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const checkpoint = join(dir, '.checkpoint.json');
  const watcher = watch(dir);
  const appeared = new Promise<void>((resolve) => {
    const look = (): void => {
      if (existsSync(checkpoint)) resolve();
    };
    watcher.on('change', look);
    look();
  });
  const first = await Promise.race([appeared.then(() => 'checkpoint' as const), exited.then(() => 'exit' as const)]);
  watcher.close();
  if (first === 'checkpoint') for (const s of signals) child.kill(s);
  const code = await exited;
  if (existsSync(join(dir, 'summary.json'))) return { outcome: 'finished first', code };
  if (first === 'exit') throw new Error(`the batch exited with code ${code} before writing a checkpoint or a summary`);
  return { outcome: 'stopped mid-batch', code };
}

/** A batch of `runs` (and four times more each time it finished before the signals) stopped mid-way by `signals`. */
async function stopMidBatch(
  signals: NodeJS.Signals[],
  runs = 20_000,
  options: readonly string[] = [],
): Promise<{ dir: string; runs: number; code: number | null; job: (out: string, workers: string, ...extra: string[]) => string[] }> {
  for (let size = runs; ; size *= 4) {
    const dir = tmp();
    const job = (out: string, workers: string, ...extra: string[]) => batchOf(size, out, workers, '--rows', 'csv', ...options, ...extra);
    const { outcome, code } = await signalAfterFirstCheckpoint([...BIN, ...job(dir, '1'), '--checkpoint-chunks', '1'], dir, signals);
    if (outcome === 'stopped mid-batch') return { dir, runs: size, code, job };
    expect(size, 'even a batch of 1,280,000 runs finished before the signal').toBeLessThan(1_280_000);
  }
}
const summaryOf = (dir: string): string => readFileSync(join(dir, 'summary.json'), 'utf8');
/** A batch of `runs` runs (100,000 by default) in chunks of 150: long enough for --until-ci to stop early. */
const longBatch = (out: string, workers: string, ...extra: string[]): string[] => batchOf(100_000, out, workers, ...extra);
const batchOf = (runs: number, out: string, workers: string, ...extra: string[]): string[] => [
  'batch',
  SCENARIO,
  ...['--runs', String(runs), '--seed', '4', '--chunk-size', '150'],
  ...['--workers', workers, '--out', out],
  ...extra,
];

describe('parley batch', () => {
  const one = tmp();
  const two = tmp();
  const first = parley('batch', SCENARIO, ...COMMON, '--workers', '1', '--out', one, '--rows', 'csv');

  it('prints outcome shares with intervals and writes summary, rows and report', () => {
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^ {2}Treaty; the island is shared +\d+\.\d% +\[\d+\.\d%, \d+\.\d%\]/m);
    expect(first.out).toMatch(/^Reproduce any run: pnpm parley run scenarios\/tutorial\/lighthouse-island\.yaml --seed 4 --run <I>/m);
    const s = JSON.parse(summaryOf(one));
    expect(s.schema).toBe('parley.batch.summary/1');
    expect(s.runs).toBe(1800);
    expect(s.scenario.hash).toMatch(/^[0-9a-f]{64}$/);
    const rows = readFileSync(join(one, 'runs.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(1801);
    // Each row says which random shocks fired in its run, by id.
    const header = rows[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['run', 'outcome', 'treaty_quarter', 'shocks']);
    const shocks = rows.slice(1).map((r) => r.split(',')[3]!);
    expect(shocks.some((x) => x !== '')).toBe(true);
    for (const x of shocks) expect(x).toMatch(/^([a-z][a-z0-9-]*(;[a-z][a-z0-9-]*)*)?$/);
    expect(existsSync(join(one, '.checkpoint.json'))).toBe(false);
    expect(first.err).toMatch(/1,800 runs in \d+\.\d s/);
    expect(summaryOf(one)).not.toMatch(/runs\/s|elapsed|seconds/);
  });

  it('gives byte-identical summaries and rows for 1 and 2 workers', () => {
    expect(parley('batch', SCENARIO, ...COMMON, '--workers', '2', '--out', two, '--rows', 'csv').code).toBe(0);
    expect(summaryOf(two)).toBe(summaryOf(one));
    expect(readFileSync(join(two, 'runs.csv'), 'utf8')).toBe(readFileSync(join(one, 'runs.csv'), 'utf8'));
  });

  it('shards run as separate processes merge into exactly the unsharded summary', async () => {
    const dir = tmp();
    const run = (i: number): Promise<number> =>
      new Promise((resolve) => {
        const p = spawn(
          process.execPath,
          [...BIN, 'batch', SCENARIO, ...COMMON, '--workers', '1', '--shard', `${i}/3`, '--out', join(dir, `part-${i}.json`)],
          {
            cwd: ROOT,
            stdio: 'ignore',
          },
        );
        p.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([1, 2, 3].map(run))).toEqual([0, 0, 0]);
    const merged = parley('merge', join(dir, 'part-3.json'), join(dir, 'part-1.json'), join(dir, 'part-2.json'), '--out', join(dir, 'all'));
    expect(merged.code).toBe(0);
    expect(summaryOf(join(dir, 'all'))).toBe(summaryOf(one));
    const missing = parley('merge', join(dir, 'part-1.json'), join(dir, 'part-3.json'));
    expect(missing.code).toBe(2);
    expect(missing.err.trim()).toMatch(/^parley: runs 600–1199 are missing: a shard is absent$/);
  }, 60_000);

  it('writes the same rows as Parquet, readable by a Parquet reader, from 2 workers', async () => {
    const pq = tmp();
    expect(parley('batch', SCENARIO, ...COMMON, '--workers', '2', '--out', pq, '--rows', 'parquet').code).toBe(0);
    expect(summaryOf(pq)).toBe(summaryOf(one));
    const [header, ...lines] = readFileSync(join(one, 'runs.csv'), 'utf8').trim().split('\n');
    const columns = header!.split(',');
    const buf = readFileSync(join(pq, 'runs.parquet'));
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(rows).toHaveLength(1800);
    expect(Object.keys(rows[0]!)).toEqual(columns);
    const asCsv = rows.map((r) => columns.map((c) => (r[c] === null ? '' : String(r[c]))).join(','));
    expect(asCsv).toEqual(lines);
    expect(existsSync(join(pq, 'runs.parquet.csv.partial'))).toBe(false);
  }, 60_000);

  it('resumes after kill -9 to the same summary and rows', async () => {
    // The kill must land mid-batch on a machine of any speed: the batch writes a checkpoint after every
    // chunk, the kill follows the first one, and a batch that finished first is run again four times longer.
    const { dir, runs, job } = await stopMidBatch(['SIGKILL']);
    expect(existsSync(join(dir, '.checkpoint.json'))).toBe(true);
    expect(existsSync(join(dir, 'summary.json'))).toBe(false);
    const again = parley(...job(dir, '1'));
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/an interrupted batch is in .*add --resume/);
    const done = JSON.parse(readFileSync(join(dir, '.checkpoint.json'), 'utf8')).acc.runs as number;
    const resumed = parley(...job(dir, '2', '--resume'));
    expect(resumed.code).toBe(0);
    // The rate counts only the runs of this process, and says how many came before.
    expect(resumed.err).toContain(`${(runs - done).toLocaleString('en-US')} runs in `);
    expect(resumed.err).toContain(`(after the ${done.toLocaleString('en-US')} done before the interruption)`);
    const clean = tmp();
    expect(parley(...job(clean, '2')).code).toBe(0);
    expect(summaryOf(dir)).toBe(summaryOf(clean));
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8')).toBe(readFileSync(join(clean, 'runs.csv'), 'utf8'));
  }, 600_000);

  it('a checkpoint edited by hand, or forged and sealed again, is refused and left as it was', async () => {
    const { dir, job } = await stopMidBatch(['SIGINT']);
    const original = JSON.parse(readFileSync(join(dir, '.checkpoint.json'), 'utf8'));
    const { checksum: _, ...doc } = original;
    const rowsFile = readdirSync(dir).find((f) => f.startsWith('runs.csv'))!;
    const cases: [string, string, RegExp][] = [
      ['edited by hand', JSON.stringify({ ...original, nextChunk: original.nextChunk + 5 }), /changed after Parley wrote it/],
      ['a position past the batch', JSON.stringify(sealed({ ...doc, nextChunk: 1000000 })), /position \(chunk 1000000\) is outside/],
      ['a negative position', JSON.stringify(sealed({ ...doc, nextChunk: -5 })), /outside the batch's chunks/],
      ['doubled counts', JSON.stringify(sealed({ ...doc, acc: { ...doc.acc, runs: doc.acc.runs * 2 } })), /counts|runs/],
      ['a rows position mid-line', JSON.stringify(sealed({ ...doc, rowBytes: 10 })), /rows position \(10 bytes\) does not end/],
      ['a rows position past the file', JSON.stringify(sealed({ ...doc, rowBytes: 10 ** 12 })), /shorter than it says/],
      ['no meta', JSON.stringify(sealed({ ...doc, meta: undefined })), /no batch metadata/],
      ['not JSON', '{"schema": "parley.batch.checkpoint/2", "acc": {', /not JSON/],
    ];
    const rows = readFileSync(join(dir, rowsFile));
    for (const [what, text, says] of cases) {
      const copy = tmp();
      cpSync(dir, copy, { recursive: true });
      writeFileSync(join(copy, '.checkpoint.json'), text);
      const r = parley(...job(copy, '1', '--resume'));
      expect(r.code, what).toBe(2);
      expect(r.err.trim().split('\n'), what).toHaveLength(1);
      expect(r.err, what).toMatch(says);
      expect(r.err, what).toMatch(/delete it to start the batch over|different batch/);
      expect(readFileSync(join(copy, '.checkpoint.json'), 'utf8'), what).toBe(text);
      expect(readFileSync(join(copy, rowsFile)).equals(rows), what).toBe(true);
    }
  }, 600_000);

  it('a second batch on the same --out is refused while the first runs; a lock left by a dead process is taken over', () => {
    const dir = tmp();
    const lock = join(dir, '.parley.lock');
    // This test's own process is alive: its lock holds the folder.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname() }));
    const second = parley('batch', SCENARIO, ...COMMON, '--workers', '1', '--out', dir);
    expect(second.code).toBe(2);
    expect(second.err.trim()).toBe(
      `parley: another batch (process ${process.pid}) is writing to ${dir}; wait for it to finish, or choose another --out (if no batch is running, delete ${lock})`,
    );
    expect(readdirSync(dir)).toEqual(['.parley.lock']);
    // A process that has exited (kill -9, a power cut) holds nothing.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lock, JSON.stringify({ pid: Number(dead.stdout), host: hostname() }));
    expect(parley('batch', SCENARIO, ...COMMON, '--workers', '1', '--out', dir).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(summaryOf(dir)).toBe(summaryOf(one));
  }, 120_000);

  it.each([
    [['SIGINT'], [130]],
    [['SIGTERM'], [143]],
    [['SIGHUP'], [129]],
    [['SIGINT', 'SIGINT'], [130]],
    // Two signals sent back to back may be delivered in either order: the first one names the exit code.
    [
      ['SIGTERM', 'SIGINT'],
      [143, 130],
    ],
  ] as [NodeJS.Signals[], number[]][])(
    '%j stops with a final checkpoint and exit code %j, and the resumed batch is byte-identical',
    async (signals, exitCodes) => {
      const { dir, code, job } = await stopMidBatch(signals);
      expect(exitCodes).toContain(code);
      const cp = JSON.parse(readFileSync(join(dir, '.checkpoint.json'), 'utf8'));
      expect(cp.acc.runs).toBeGreaterThan(0);
      expect(parley(...job(dir, '2', '--resume')).code).toBe(0);
      const clean = tmp();
      expect(parley(...job(clean, '2')).code).toBe(0);
      expect(summaryOf(dir)).toBe(summaryOf(clean));
      expect(readFileSync(join(dir, 'runs.csv'), 'utf8')).toBe(readFileSync(join(clean, 'runs.csv'), 'utf8'));
    },
    600_000,
  );

  it('--until-ci stops at the first chunk where every interval is narrow enough, the same for any worker count', () => {
    const a = tmp();
    const b = tmp();
    const untilCi = (workers: string, out: string) => parley(...longBatch(out, workers, '--until-ci', '0.03'));
    expect(untilCi('1', a).code).toBe(0);
    expect(untilCi('2', b).code).toBe(0);
    const s = JSON.parse(summaryOf(a));
    expect(summaryOf(b)).toBe(summaryOf(a));
    for (const o of s.outcomes) expect((o.ci95[1] - o.ci95[0]) / 2).toBeLessThanOrEqual(0.03);
    expect(s.runs % 150).toBe(0);
    expect(s.runs).toBeLessThan(2000);
  }, 60_000);

  it('the report is self-contained HTML whose SVG charts hold the summary’s numbers', () => {
    const html = readFileSync(join(one, 'report.html'), 'utf8');
    const s = JSON.parse(summaryOf(one));
    expect(html).not.toMatch(/<script|<link|src="http/);
    const figure = (id: string): string =>
      html.slice(html.indexOf(`<figure id="${id}">`), html.indexOf('</figure>', html.indexOf(`<figure id="${id}">`)));
    const outcomes = figure('outcomes');
    expect(outcomes).toContain('<svg');
    for (const o of s.outcomes) expect(outcomes).toContain(`${(o.p * 100).toFixed(1)}%`);
    expect(figure('treaty')).toContain('<svg');
    for (const f of s.fan) {
      expect(figure(`fan-${f.id}`)).toContain('<svg');
      // The y axis says what the 0-to-1 scale measures.
      expect(figure(`fan-${f.id}`)).toContain(f.unit.replace(/</g, '&lt;'));
    }
    // The outcome table lists outcomes in the chart's order: the most frequent first.
    const table = html.slice(
      html.indexOf('<table id="outcome-table">'),
      html.indexOf('</table>', html.indexOf('<table id="outcome-table">')),
    );
    const counts = [...table.matchAll(/<td class="n">(\d+)<\/td><\/tr>/g)].map((m) => Number(m[1]));
    expect(counts).toHaveLength(s.outcomes.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(html).toContain(s.reproduce.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('a batch where no run signs a treaty says so with a real interval and draws its curve on a 0–100% axis', () => {
    const dir = tmp();
    expect(
      parley('batch', 'scenarios/kuril/2022-after-invasion.yaml', '--runs', '300', '--seed', '2', '--workers', '1', '--out', dir).code,
    ).toBe(0);
    const s = JSON.parse(summaryOf(dir));
    expect(s.treaty.count).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    // 0 of 300: the Wilson interval reaches 1.3%, not "0.0%".
    expect(html).toContain('A treaty in 0.0% of runs (95% interval [0.0%, 1.3%]).');
    const treaty = html.slice(html.indexOf('<figure id="treaty">'), html.indexOf('</figure>', html.indexOf('<figure id="treaty">')));
    expect(treaty).toContain('>100%<');
    expect(treaty).not.toContain('>0.000000%<');
  }, 60_000);

  it.each([
    [['--runs', '0'], /invalid --runs "0": expected a whole number from 1/],
    [['--runs', '-5'], /--runs/],
    [['--workers', '0'], /invalid --workers "0"/],
    [['--shard', '5/3', '--out', 'x.json'], /invalid --shard "5\/3": expected i\/n with 1 ≤ i ≤ n/],
    [['--until-ci', '0:1'], /invalid --until-ci "0:1"/],
    [['--rows', 'xlsx', '--out', 'x'], /invalid --rows "xlsx": expected csv, jsonl or parquet/],
  ])('refuses %j with one line and exit code 2', (extra, message) => {
    const r = parley('batch', SCENARIO, ...extra);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });

  it('refuses a bad PARLEY_WORKER_NICE with one line and exit code 2', () => {
    const r = spawnSync(process.execPath, [...BIN, 'batch', SCENARIO, '--runs', '300'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: ROOT, PARLEY_WORKER_NICE: 'high' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^parley: invalid PARLEY_WORKER_NICE "high": expected a whole number from 0 to 19/);
  });

  it('refuses partials from different seeds and a corrupt checkpoint, losing nothing', () => {
    const dir = tmp();
    expect(parley('batch', SCENARIO, ...COMMON, '--shard', '1/2', '--out', join(dir, 'a.json')).code).toBe(0);
    expect(
      parley('batch', SCENARIO, '--runs', '1800', '--seed', '5', '--chunk-size', '150', '--shard', '2/2', '--out', join(dir, 'b.json'))
        .code,
    ).toBe(0);
    const r = parley('merge', join(dir, 'a.json'), join(dir, 'b.json'));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/b\.json was run with seed 5 but .*a\.json with seed 4; partials must come from one batch$/);
    const out = tmp();
    writeFileSync(join(out, '.checkpoint.json'), '{"schema": "parley.batch.checkpoint/1", "acc": ');
    const c = parley('batch', SCENARIO, ...COMMON, '--out', out, '--resume');
    expect(c.code).toBe(2);
    expect(c.err.trim()).toMatch(
      /^parley: the checkpoint .*cannot be used: it is not JSON \(cut short or edited\); delete it to start the batch over$/,
    );
    expect(readFileSync(join(out, '.checkpoint.json'), 'utf8')).toContain('"acc": ');
  });
});

describe('parley batch --uncertain', () => {
  const one = tmp();
  const first = parley('batch', SCENARIO, ...COMMON, '--uncertain', '--workers', '1', '--out', one, '--rows', 'csv');

  it('draws the scenario’s uncertain numbers, one point per block of runs, and reports the dice and the parameters apart', () => {
    expect(first.code).toBe(0);
    const s = JSON.parse(summaryOf(one));
    // About √1800 = 42 points of 43 runs; every number with a range, none of the reservation margins.
    expect(s.parameters).toMatchObject({ points: 42, block: 43 });
    const numbers = s.uncertainty.numbers as { path: string; lo: number; hi: number; value: number }[];
    expect(numbers.length).toBeGreaterThan(30);
    expect(numbers.some((n) => /walkAwayMargin|economicMargin/.test(n.path))).toBe(false);
    for (const n of numbers) expect(n.lo <= n.value && n.value <= n.hi && n.lo < n.hi).toBe(true);
    const spreads = s.uncertainty.outcomes as { class: string; p: number; dice95: number[]; points: { p05: number; p95: number } }[];
    for (const o of spreads) expect(o.points.p05 <= o.p && o.p <= o.points.p95).toBe(true);
    expect(first.out).toMatch(/^Over what we don't know: 42 parameter points × 43 runs; \d+ uncertain numbers/m);
    expect(first.out).toMatch(/^Two sources of spread/m);
    // Each row carries its point's values beside its outcome.
    const header = readFileSync(join(one, 'runs.csv'), 'utf8').split('\n')[0]!.split(',');
    expect(header.filter((c) => c.startsWith('param.')).length).toBeGreaterThan(30);
  });

  it('gives byte-identical summaries and rows for 1 and 2 workers and for 3 merged shards', async () => {
    const two = tmp();
    expect(parley('batch', SCENARIO, ...COMMON, '--uncertain', '--workers', '2', '--out', two, '--rows', 'csv').code).toBe(0);
    expect(summaryOf(two)).toBe(summaryOf(one));
    expect(readFileSync(join(two, 'runs.csv'), 'utf8')).toBe(readFileSync(join(one, 'runs.csv'), 'utf8'));
    const dir = tmp();
    for (const i of [1, 2, 3])
      expect(
        parley('batch', SCENARIO, ...COMMON, '--uncertain', '--workers', '1', '--shard', `${i}/3`, '--out', join(dir, `part-${i}.json`))
          .code,
      ).toBe(0);
    expect(
      parley('merge', join(dir, 'part-2.json'), join(dir, 'part-3.json'), join(dir, 'part-1.json'), '--out', join(dir, 'all')).code,
    ).toBe(0);
    expect(summaryOf(join(dir, 'all'))).toBe(summaryOf(one));
  }, 120_000);

  it('resumes after kill -9 to the same summary and rows', async () => {
    const { dir, job } = await stopMidBatch(['SIGKILL'], 20_000, ['--uncertain']);
    expect(existsSync(join(dir, 'summary.json'))).toBe(false);
    expect(parley(...job(dir, '2', '--resume')).code).toBe(0);
    const clean = tmp();
    expect(parley(...job(clean, '2')).code).toBe(0);
    expect(summaryOf(dir)).toBe(summaryOf(clean));
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8')).toBe(readFileSync(join(clean, 'runs.csv'), 'utf8'));
  }, 600_000);

  it('refuses --points without --uncertain, and --uncertain with --until-ci, in one line with exit code 2', () => {
    for (const args of [
      ['--points', '10'],
      ['--uncertain', '--until-ci', '0.01'],
    ]) {
      const r = parley('batch', SCENARIO, ...COMMON, ...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
