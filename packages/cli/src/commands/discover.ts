import { join } from 'node:path';
import { type DiscoveryResult, type DiscoveryStep, discover, discoveryReport, percent, writeAtomic } from '@parley/batch';
import type { LoadedScenario } from '@parley/scenario';
import { onlyFilter, UsageError } from '../errors.js';
import { outputDir } from '../outputs.js';
import type { Terminal } from './batch.js';

export interface DiscoverCliOptions {
  readonly outcome: string;
  readonly points: number;
  readonly runsPerPoint: number;
  readonly seed: number;
  readonly workers?: number;
  readonly minCoverage: number;
  readonly only?: string;
  readonly out?: string;
  readonly force: boolean;
}

const f3 = (x: number): string => String(Number(x.toPrecision(3)));

const describeStep = (s: DiscoveryStep): string[] =>
  s.restricted.map(
    (l) =>
      `    ${l.path.padEnd(52)} ${`${f3(l.box[0])} to ${f3(l.box[1])}`.padEnd(20)} (range ${f3(l.range[0])} to ${f3(l.range[1])}; value ${f3(l.value)})`,
  );

/** The discovery as text: the outcome's share, the chosen box with its limits, and the trajectory. */
export function formatDiscovery(r: DiscoveryResult, title: string): string {
  const c = r.chosen;
  const lines = [
    `Where "${r.outcome}" happens in ${title}`,
    `${r.points.toLocaleString('en-US')} points of the uncertain numbers × ${r.runsPerPoint} runs, seed ${r.seed}; PRIM (peeling 5% at a time)`,
    `Overall: ${percent(r.mean)} of runs.`,
    '',
    `The densest box that still holds ${percent(c.minCoverage)} of the outcome: ${percent(c.density)} of its runs end so (density), it holds ${percent(c.coverage)} of all such runs (coverage) and ${percent(c.support)} of the points (support), where`,
    ...(c.restricted.length > 0 ? describeStep(c) : ['    (no number narrows it: the outcome does not concentrate in a box)']),
    '',
    'The peeling trajectory (coverage falls as density rises):',
    `  ${'step'.padStart(4)}  coverage  density  support  numbers restricted`,
  ];
  const every = Math.max(1, Math.ceil(r.trajectory.length / 12));
  r.trajectory.forEach((s, k) => {
    if (k % every === 0 || k === r.trajectory.length - 1)
      lines.push(
        `  ${String(k).padStart(4)}  ${percent(s.coverage).padStart(8)}  ${percent(s.density).padStart(7)}  ${percent(s.support).padStart(7)}  ${s.restricted.length}`,
      );
  });
  return `${lines.join('\n')}\n`;
}

/** `parley discover`: which regions of the uncertain numbers lead to an outcome (PRIM). */
export async function discoverCommand(
  sc: LoadedScenario,
  file: string,
  cwd: string,
  o: DiscoverCliOptions,
  workers: number,
  t: Terminal,
): Promise<void> {
  const filter = onlyFilter(o.only);
  if (!(o.minCoverage > 0 && o.minCoverage <= 1)) throw new UsageError(`--min-coverage ${o.minCoverage}: expected a share in (0, 1]`);
  const dir = o.out ? outputDir(o.out, cwd, ['discovery.json', 'discovery.html'], { inputs: sc.paths, force: o.force }) : null;
  t.err(`running ${(o.points * o.runsPerPoint).toLocaleString('en-US')} runs at ${o.points.toLocaleString('en-US')} points…\n`);
  const r = await discover(sc, file, {
    outcome: o.outcome,
    points: o.points,
    runsPerPoint: o.runsPerPoint,
    seed: o.seed,
    workers,
    minCoverage: o.minCoverage,
    ...(filter ? { filter } : {}),
  });
  t.out(formatDiscovery(r, sc.data.title));
  if (dir) {
    const files: [string, string][] = [
      [join(dir, 'discovery.json'), `${JSON.stringify(r, null, 2)}\n`],
      [join(dir, 'discovery.html'), await discoveryReport(r, sc.data.title)],
    ];
    for (const [f, text] of files) {
      writeAtomic(f, text);
      t.err(`wrote ${f}\n`);
    }
  }
}
