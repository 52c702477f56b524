import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type HindcastResult, hindcast, percent, percentInterval, writeAtomic } from '@parley/batch';
import { type LoadedScenario, pinOverrides, ScenarioError } from '@parley/scenario';
import { UsageError } from '../errors.js';
import { outputDir } from '../outputs.js';
import type { Terminal } from './batch.js';

export interface HindcastCliOptions {
  readonly runs: number;
  readonly seed: number;
  readonly set: readonly string[];
  readonly out?: string;
  readonly force: boolean;
}

/** Load a scenario file with these overrides (the CLI's loader: located errors, the user's folder). */
export type Loader = (file: string, sets: readonly string[]) => LoadedScenario;

/** The other scenarios beside `file` (its pack): the same folder, bases (`_…`) left out. */
function packOf(file: string, cwd: string, load: Loader): LoadedScenario[] {
  const here = resolve(cwd, file);
  const dir = dirname(here);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_') && join(dir, f) !== here)
    .sort()
    .map((f) => load(join(dirname(file), f), []));
}

const p3 = (x: number): string => x.toFixed(3);

export function formatHindcast(r: HindcastResult): string {
  const lines = [
    `Hindcast of ${r.scenario.title}`,
    `${r.runs.toLocaleString('en-US')} runs, seed ${r.seed}${
      r.pins.length > 0 ? `; pinned to their dates: ${r.pins.map((p) => `${p.event} ${p.at}`).join(', ')}` : ''
    }`,
    '',
    'target (what happened)                                        when              model p [95% interval]     Brier   status quo  base rate',
  ];
  for (const t of r.targets) {
    const label = t.label.length > 60 ? `${t.label.slice(0, 59)}…` : t.label;
    lines.push(
      `${label.padEnd(62)}${t.when.padEnd(18)}${percent(t.model.p).padStart(6)} ${percentInterval(t.model.ci95[0], t.model.ci95[1]).padEnd(18)}${p3(t.model.brier).padStart(7)}   ${percent(t.statusQuo.p).padStart(6)}   ${t.baseRate ? percent(t.baseRate.p).padStart(6) : '     –'}`,
    );
  }
  lines.push(
    '',
    `The historical path as a whole (every target in the same run): ${percent(r.path.p)} ${percentInterval(r.path.ci95[0], r.path.ci95[1])}`,
    `Mean Brier score (0 perfect, 1 worst): model ${p3(r.brier.model)}, status quo ${p3(r.brier.statusQuo)}${r.brier.baseRate === null ? '' : `, base rate ${p3(r.brier.baseRate)} (model ${p3(r.brier.modelOnBaseRate!)} on the same targets)`}`,
    `Skill (1 − model / baseline; above 0 beats it): vs status quo ${r.skill.vsStatusQuo.toFixed(2)}${r.skill.vsBaseRate === null ? '' : `, vs base rate ${r.skill.vsBaseRate.toFixed(2)}`}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `parley hindcast`: score a scenario's dated targets, with its pins applied (docs/hindcast.md). */
export function hindcastCommand(file: string, shown: string, o: HindcastCliOptions, cwd: string, load: Loader, t: Terminal): void {
  const plain = load(file, o.set);
  if (plain.hindcastProblems.length > 0) throw new ScenarioError(plain.hindcastProblems);
  if (!plain.hindcast || plain.hindcast.targets.length === 0)
    throw new UsageError(`${shown} has no hindcast targets (a "hindcast:" section; see docs/hindcast.md)`);
  const dir = o.out ? outputDir(o.out, cwd, ['hindcast.json'], { inputs: plain.paths, force: o.force }) : null;
  const sc = load(file, [...o.set, ...pinOverrides(plain.hindcast)]);
  const pack = packOf(file, cwd, load);
  t.err(
    `running ${o.runs.toLocaleString('en-US')} runs of ${basename(shown)} and of ${pack.length} other scenario${pack.length === 1 ? '' : 's'} of its pack…\n`,
  );
  const r = hindcast({ sc, file: shown, runs: o.runs, seed: o.seed, pack });
  t.out(formatHindcast(r));
  if (dir) {
    writeAtomic(join(dir, 'hindcast.json'), `${JSON.stringify(r, null, 2)}\n`);
    t.err(`wrote ${join(dir, 'hindcast.json')}\n`);
  }
}
