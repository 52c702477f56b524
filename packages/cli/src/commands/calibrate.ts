import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calibrate, type Posterior, percent, posteriorProblem, posteriorReport, writeAtomic } from '@parley/batch';
import { type LoadedScenario, pinOverrides, ScenarioError } from '@parley/scenario';
import { onlyFilter, UsageError } from '../errors.js';
import { outputDir } from '../outputs.js';
import type { Terminal } from './batch.js';

export interface CalibrateCliOptions {
  readonly points: number;
  readonly runsPerPoint: number;
  readonly seed: number;
  readonly until?: string;
  readonly only?: string;
  readonly out?: string;
  readonly force: boolean;
  readonly set: string[];
}

type Loader = (file: string, sets: readonly string[]) => LoadedScenario;

const f3 = (x: number): string => x.toFixed(3);

/** The posterior as text: diagnostics, the targets' fit, and the numbers the history moved most. */
export function formatPosterior(p: Posterior, title: string, top = 12): string {
  const d = p.diagnostics;
  const lines = [
    `Calibration of ${title} to its hindcast targets`,
    `${p.points.length.toLocaleString('en-US')} prior points × ${p.runsPerPoint} runs, seed ${p.seed}; ${p.parameters.length} uncertain numbers${p.until ? `; targets up to ${p.until} calibrate, later ones are held out` : ''}`,
    `Prior runs that reproduce every calibration target: ${percent(d.acceptance)}; effective sample size of the posterior: ${d.effectiveSampleSize.toFixed(1)} of ${p.points.length} points`,
    '',
    `${'target'.padEnd(34)}${'when'.padEnd(18)}${'role'.padEnd(13)}prior  posterior   Brier prior → posterior`,
  ];
  for (const t of d.targets)
    lines.push(
      `${t.id.slice(0, 33).padEnd(34)}${t.when.padEnd(18)}${t.role.padEnd(13)}${percent(t.prior).padStart(6)}  ${percent(t.posterior).padStart(8)}   ${f3(t.priorBrier)} → ${f3(t.posteriorBrier)}`,
    );
  // The numbers whose 90% range the history narrowed most.
  const width = (m: { p05: number; p95: number }): number => m.p95 - m.p05;
  const moved = [...d.marginals]
    .map((m) => ({ ...m, ratio: width(m.prior) > 0 ? width(m.posterior) / width(m.prior) : 1 }))
    .sort((a, b) => a.ratio - b.ratio || (a.path < b.path ? -1 : 1));
  lines.push('', `Numbers the history narrowed most (90% range, prior → posterior)`);
  for (const m of moved.slice(0, top))
    lines.push(
      `  ${m.path.slice(0, 48).padEnd(48)} ${`${f3(m.prior.p05)}–${f3(m.prior.p95)}`.padEnd(14)} → ${`${f3(m.posterior.p05)}–${f3(m.posterior.p95)}`.padEnd(14)} (${percent(m.ratio)} of the width)`,
    );
  return `${lines.join('\n')}\n`;
}

/** `parley calibrate`: a posterior over the uncertain numbers from the scenario's hindcast targets. */
export async function calibrateCommand(
  file: string,
  shown: string,
  o: CalibrateCliOptions,
  cwd: string,
  load: Loader,
  t: Terminal,
): Promise<void> {
  const plain = load(file, o.set);
  if (plain.hindcastProblems.length > 0) throw new ScenarioError(plain.hindcastProblems);
  if (!plain.hindcast || plain.hindcast.targets.length === 0)
    throw new UsageError(`${shown} has no hindcast targets to calibrate on (a "hindcast:" section; see docs/hindcast.md)`);
  if (o.until !== undefined && !/^\d{4}Q[1-4]$/.test(o.until))
    throw new UsageError(`--until ${o.until}: expected a quarter such as 2019Q4`);
  const filter = onlyFilter(o.only);
  const dir = o.out
    ? outputDir(o.out, cwd, ['posterior.json', 'posterior.csv', 'posterior.html'], { inputs: plain.paths, force: o.force })
    : null;
  const sc = load(file, [...o.set, ...pinOverrides(plain.hindcast)]);
  let shownStep = -1;
  const p = calibrate(sc, {
    hash: plain.hash,
    file: shown,
    seed: o.seed,
    points: o.points,
    runsPerPoint: o.runsPerPoint,
    until: o.until ?? null,
    ...(filter ? { filter } : {}),
    onProgress: (done, total) => {
      const step = Math.floor((10 * done) / total);
      if (step !== shownStep) {
        shownStep = step;
        t.err(`calibrating: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} points\n`);
      }
    },
  });
  t.out(formatPosterior(p, plain.data.title));
  if (dir) {
    const files: [string, string][] = [
      [join(dir, 'posterior.json'), `${JSON.stringify(p, null, 2)}\n`],
      [
        join(dir, 'posterior.csv'),
        `weight,${p.parameters.map((x) => x.path).join(',')}\n${p.points.map((pt) => [pt.weight, ...pt.values].join(',')).join('\n')}\n`,
      ],
      [join(dir, 'posterior.html'), await posteriorReport(p, plain.data.title)],
    ];
    for (const [f, text] of files) {
      writeAtomic(f, text);
      t.err(`wrote ${f}\n`);
    }
  }
}

/** The largest posterior file read (a million points of 200 numbers is well under it). */
const MAX_POSTERIOR_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/** Read `batch --posterior`'s file (a posterior.json, or the folder holding one) and check it against the scenario. */
export function readPosterior(given: string, cwd: string, sc: LoadedScenario): Posterior {
  let path = resolve(cwd, given);
  let text: string;
  try {
    if (statSync(path).isDirectory()) path = join(path, 'posterior.json');
    const st = statSync(path);
    if (!st.isFile()) throw new UsageError(`--posterior ${given}: not a file`);
    if (st.size > MAX_POSTERIOR_BYTES) throw new UsageError(`--posterior ${given}: larger than 2 GB`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--posterior ${given}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--posterior ${given}: ${path} is not JSON (${(e as Error).message})`);
  }
  const problem = posteriorProblem(x, sc);
  if (problem) throw new UsageError(`--posterior ${given}: ${problem}`);
  return x as Posterior;
}
