import { join } from 'node:path';
import {
  type Axis,
  type ComparisonResult,
  compare,
  compareSvg,
  KNIFE_EDGE,
  percent,
  percentInterval,
  pointsInterval,
  type SensitivityResult,
  type Side,
  type SweepResult,
  sensitivity,
  sobolReport,
  sobolSensitivity,
  sobolSvg,
  sweep,
  sweepSvg,
  tornadoSvg,
  type Variants,
  writeAtomic,
} from '@parley/batch';
import { OUTCOME_CLASSES } from '@parley/core';
import { outputDir } from '../outputs.js';
import type { Terminal } from './batch.js';

const ci = (c: readonly [number, number]): string => percentInterval(c[0], c[1]);
const csvCell = (x: unknown): string => (typeof x === 'string' && /[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : String(x ?? ''));
const csv = (rows: readonly Record<string, unknown>[]): string => {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `${cols.join(',')}\n${rows.map((r) => cols.map((c) => csvCell(r[c])).join(',')).join('\n')}\n`;
};

/** The --out folder of an experiment named `name`, checked before it runs (null without --out). */
const plan = (o: { out?: string; force: boolean }, cwd: string, name: string, inputs: readonly string[]): string | null =>
  o.out ? outputDir(o.out, cwd, [`${name}.json`, `${name}.csv`, `${name}.svg`], { inputs, force: o.force }) : null;

async function writeOutputs(
  dir: string | null,
  name: string,
  json: unknown,
  rows: Record<string, unknown>[],
  svg: Promise<string>,
  t: Terminal,
): Promise<void> {
  if (!dir) return;
  const files: [string, string][] = [
    [join(dir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`],
    [join(dir, `${name}.csv`), csv(rows)],
    [join(dir, `${name}.svg`), await svg],
  ];
  for (const [f, text] of files) {
    writeAtomic(f, text);
    t.err(`wrote ${f}\n`);
  }
}

const ticker = (t: Terminal, what: string) => (k: number, n: number) => {
  if (t.tty) t.err(`\r${what} ${k}/${n}${k === n ? '\n' : ''}`);
  else if (k === n || k % Math.max(1, Math.floor(n / 10)) === 0) t.err(`${what} ${k}/${n}\n`);
};

export async function sweepCommand(
  v: Variants,
  axes: Axis[],
  o: { seed: number; runs: number; workers: number; out?: string; force: boolean },
  t: Terminal,
): Promise<void> {
  const dir = plan(o, v.cwd, 'sweep', v.base.paths);
  const r: SweepResult = await sweep(v, axes, o.seed, o.runs, o.workers, ticker(t, 'grid point'));
  const m = v.base.model;
  const labels = Object.fromEntries(OUTCOME_CLASSES.map((c) => [c, m.outcomeLabels[c] ?? c]));
  const lines = [`Sweep of ${v.base.data.title}: ${o.runs} runs per point, seed ${o.seed}, common random numbers`, ''];
  const head = axes.map((a) => a.path.padEnd(Math.max(12, a.path.length))).join('  ');
  lines.push(`${head}  treaty   95% interval      most common outcome`);
  for (const p of r.points) {
    const top = Object.entries(p.outcomes).sort((a, b) => b[1].p - a[1].p)[0];
    const vals = axes.map((a) => String(p.values[a.path]).padEnd(Math.max(12, a.path.length))).join('  ');
    lines.push(
      `${vals}  ${percent(p.treaty.p).padStart(6)}  ${ci(p.treaty.ci95).padEnd(16)}  ${top ? `${labels[top[0]]} (${percent(top[1].p)})` : ''}`,
    );
  }
  t.out(`${lines.join('\n')}\n`);
  const rows = r.points.map((p) => ({
    ...p.values,
    runs: p.runs,
    treaty_p: p.treaty.p,
    treaty_low: p.treaty.ci95[0],
    treaty_high: p.treaty.ci95[1],
    ...Object.fromEntries(OUTCOME_CLASSES.map((c) => [`p_${c}`, p.outcomes[c]?.p ?? 0])),
  }));
  await writeOutputs(dir, 'sweep', r, rows, sweepSvg(r, labels), t);
}

export async function compareCommand(
  a: Side,
  b: Side,
  cwd: string,
  o: { seed: number; runs: number; workers: number; out?: string; independent: boolean; force: boolean },
  t: Terminal,
): Promise<void> {
  const dir = plan(o, cwd, 'compare', [...a.sc.paths, ...b.sc.paths]);
  const r: ComparisonResult = await compare(a, b, o.seed, o.runs, o.workers, o.independent);
  const how = r.commonRandomNumbers
    ? "common random numbers (run i of A and of B draw the same numbers: the runs are paired); difference B − A with Newcombe's paired 95% interval"
    : "independent random streams (--independent); difference B − A with Newcombe's 95% interval for independent samples";
  const lines = [`A: ${r.a.label}`, `B: ${r.b.label}`, `${o.runs} runs each, seed ${o.seed}, ${how}`, ''];
  const w = Math.min(64, Math.max(7, ...r.rows.map((row) => row.label.length)));
  const cut = (s: string): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  lines.push(`${'outcome'.padEnd(w)}        A        B  B − A and its 95% interval`);
  for (const row of r.rows) {
    const d = row.diff;
    const sig = d.ci95[0] > 0 || d.ci95[1] < 0 ? ' *' : '';
    lines.push(
      `${cut(row.label)} ${percent(row.a.p).padStart(7)}  ${percent(row.b.p).padStart(7)}  ${pointsInterval(d.value, d.ci95[0], d.ci95[1])}${sig}`,
    );
  }
  lines.push('', '* the interval excludes 0');
  t.out(`${lines.join('\n')}\n`);
  const rows = r.rows.map((row) => ({
    outcome: row.class,
    p_a: row.a.p,
    p_b: row.b.p,
    diff: row.diff.value,
    diff_low: row.diff.ci95[0],
    diff_high: row.diff.ci95[1],
  }));
  await writeOutputs(dir, 'compare', r, rows, compareSvg(r), t);
}

export async function sensitivityCommand(
  v: Variants,
  o: { seed: number; runs: number; workers: number; out?: string; only?: string; morris?: number; top: number; force: boolean },
  t: Terminal,
): Promise<void> {
  const dir = plan(o, v.cwd, 'sensitivity', v.base.paths);
  const r: SensitivityResult = await sensitivity(v, o.seed, o.runs, o.workers, {
    ...(o.only ? { filter: new RegExp(o.only) } : {}),
    ...(o.morris ? { morris: o.morris } : {}),
    onStep: ticker(t, 'variant'),
  });
  const lines = [
    `Sensitivity of the treaty share in ${v.base.data.title}`,
    `${o.runs} runs per variant, seed ${o.seed}, common random numbers; each parameter moved alone by ±20% of its value (±0.02 when it is 0). Base: ${percent(r.baseTreaty)}`,
    '',
    `${'parameter'.padEnd(52)}  ${'low → high'.padEnd(17)}  treaty at low / high   effect${o.morris ? '   Morris μ*  σ' : ''}`,
  ];
  for (const row of r.rows.slice(0, o.top)) {
    lines.push(
      `${row.path.slice(0, 52).padEnd(52)}  ${`${row.low} → ${row.high}`.padEnd(17)}  ${percent(row.treatyLow).padStart(6)} / ${percent(row.treatyHigh).padStart(6)}      ${`${row.effect >= 0 ? '+' : ''}${(row.effect * 100).toFixed(1)}`.padStart(6)} pp${
        row.morrisMuStar !== null ? `   ${row.morrisMuStar.toFixed(3).padStart(8)}  ${row.morrisSigma!.toFixed(3)}` : ''
      }`,
    );
  }
  if (r.rows.length > o.top) lines.push(`  … and ${r.rows.length - o.top} more (all in the JSON and CSV)`);
  if (r.skipped.length > 0) {
    lines.push(
      '',
      `Not varied: ${r.skipped.length === 1 ? 'this parameter, which cannot' : `these ${r.skipped.length} parameters, which cannot`} move alone (the scenario would be invalid):`,
    );
    for (const s of r.skipped) lines.push(`  ${s.path}: ${s.why}`);
  }
  t.out(`${lines.join('\n')}\n`);
  await writeOutputs(dir, 'sensitivity', r, r.rows as unknown as Record<string, unknown>[], tornadoSvg(r, o.top), t);
}

/** `parley sensitivity --sobol`: Sobol indices of the treaty share over the scenario's uncertain numbers. */
export async function sobolCommand(
  v: Variants,
  o: { seed: number; baseRows: number; runsPerPoint: number; workers: number; out?: string; only?: string; top: number; force: boolean },
  t: Terminal,
): Promise<void> {
  const dir = o.out
    ? outputDir(o.out, v.cwd, ['sobol.json', 'sobol.csv', 'sobol.svg', 'sobol.html'], { inputs: v.base.paths, force: o.force })
    : null;
  const tick = ticker(t, 'runs');
  let shown = 0;
  const r = await sobolSensitivity(v.base, v.file, {
    seed: o.seed,
    baseRows: o.baseRows,
    runsPerPoint: o.runsPerPoint,
    workers: o.workers,
    ...(o.only ? { filter: new RegExp(o.only) } : {}),
    onProgress: (done, total) => {
      // Ten steps at most, whatever the terminal.
      const step = Math.floor((10 * done) / total);
      if (step > shown || done === total) {
        shown = step;
        tick(done, total);
      }
    },
  });
  const two = (x: number): string => x.toFixed(2);
  const lines = [
    `Sobol indices of the treaty share in ${v.base.data.title}`,
    `${r.rows.length} uncertain numbers; Saltelli's design of ${r.baseRows} base rows: ${r.points.toLocaleString('en-US')} points × ${r.runsPerPoint} runs (the same dice at every point), seed ${r.seed}`,
    `Variance of the treaty share over the points: ${r.variance.toFixed(4)}, of which the dice ${r.diceVariance.toFixed(4)} (${percent(r.variance > 0 ? r.diceVariance / r.variance : 0)})`,
    'first order: the share of that variance the number explains alone; total: the share it has a hand in. 95% bootstrap intervals.',
    '',
    `${'number'.padEnd(48)}  ${'range'.padEnd(17)}  ${'first order'.padEnd(19)}  total`,
  ];
  for (const row of r.rows.slice(0, o.top))
    lines.push(
      `${row.path.slice(0, 48).padEnd(48)}  ${`${row.lo} to ${row.hi}`.slice(0, 17).padEnd(17)}  ${`${two(row.first)} [${two(row.firstCi95[0])}, ${two(row.firstCi95[1])}]`.padEnd(19)}  ${two(row.total)} [${two(row.totalCi95[0])}, ${two(row.totalCi95[1])}]`,
    );
  if (r.rows.length > o.top) lines.push(`  … and ${r.rows.length - o.top} more (all in the JSON and CSV)`);
  if (r.edges.length > 0) {
    lines.push(
      '',
      `Knife edges: the top ${r.edges.length} swept alone across their ranges (11 values, ${r.runsPerPoint} runs each, the same dice); a knife edge is a tenth of the range that moves the treaty share by ${Math.round(KNIFE_EDGE * 100)} points or more`,
    );
    for (const e of r.edges) {
      const lo = Math.min(...e.shares);
      const hi = Math.max(...e.shares);
      lines.push(
        `  ${e.path.slice(0, 48).padEnd(48)}  share ${percent(lo)} to ${percent(hi)}; largest step ${Math.round(e.jump * 100)} points, between ${e.between[0]} and ${e.between[1]}${e.knifeEdge ? '   ← knife edge' : ''}`,
      );
    }
  }
  t.out(`${lines.join('\n')}\n`);
  const rows = r.rows.map((x) => ({
    path: x.path,
    value: x.value,
    lo: x.lo,
    hi: x.hi,
    grade: x.grade,
    first: x.first,
    first_low: x.firstCi95[0],
    first_high: x.firstCi95[1],
    total: x.total,
    total_low: x.totalCi95[0],
    total_high: x.totalCi95[1],
  }));
  await writeOutputs(dir, 'sobol', r, rows, sobolSvg(r, o.top), t);
  if (dir) {
    const f = join(dir, 'sobol.html');
    writeAtomic(f, await sobolReport(r, v.base.data.title));
    t.err(`wrote ${f}\n`);
  }
}
