import { join, resolve } from 'node:path';
import { bargainSvg, writeAtomic } from '@parley/batch';
import { analyseBargaining, type BargainingAnalysis, initialState, summitSpace } from '@parley/core';
import { geniusOutcomes, type LoadedScenario, loadGeniusFiles } from '@parley/scenario';
import { UsageError } from '../errors.js';
import { outputDir } from '../outputs.js';
import type { Terminal } from './batch.js';

const f3 = (x: number): string => x.toFixed(3);

/** The most frontier packages listed in the terminal; a longer frontier is shown evenly thinned, ends included. */
const LISTED = 30;

function listed<T>(xs: readonly T[]): readonly T[] {
  if (xs.length <= LISTED) return xs;
  return Array.from({ length: LISTED }, (_, k) => xs[Math.round((k * (xs.length - 1)) / (LISTED - 1))]!);
}

function report(a: BargainingAnalysis, names: readonly [string, string], extra: string[], out: string | null): string {
  const inZone = new Set(a.zopa);
  const shown = listed(a.pareto);
  const lines = [
    ...extra,
    `Walk-away values: ${names[0]} ${f3(a.disagreement[0])}, ${names[1]} ${f3(a.disagreement[1])}`,
    a.zopa.length === 0
      ? 'Zone of possible agreement: empty — no package beats both sides’ walk-away values.'
      : `Zone of possible agreement: ${a.zopa.length} of ${a.points.length} packages beat both walk-away values.`,
    a.nash
      ? `Nash bargaining solution: ${a.nash.label} (${f3(a.nash.u[0])}, ${f3(a.nash.u[1])})`
      : 'Nash bargaining solution: none (the zone is empty)',
    ...(a.kalaiSmorodinsky
      ? [`Kalai–Smorodinsky solution: ${a.kalaiSmorodinsky.label} (${f3(a.kalaiSmorodinsky.u[0])}, ${f3(a.kalaiSmorodinsky.u[1])})`]
      : []),
    '',
    `Pareto frontier (${a.pareto.length} packages), ${names[0]} / ${names[1]}; * = in the zone`,
    ...shown.map((p) => `  ${inZone.has(p) ? '*' : ' '} ${f3(p.u[0])} / ${f3(p.u[1])}  ${p.label}`),
    ...(shown.length < a.pareto.length
      ? [
          `  (${shown.length} of ${a.pareto.length} shown, evenly spaced;${out ? ` all are in ${join(out, 'bargain.json')}` : ' --out writes them all'})`,
        ]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** The most packages bargain.json lists one by one. */
const LISTED_IN_FILE = 100_000;

/** Where bargain writes (--out), checked before the analysis runs. */
export interface BargainOut {
  readonly out?: string;
  readonly force: boolean;
}

const plan = (o: BargainOut, cwd: string, inputs: readonly string[]): string | null =>
  o.out ? outputDir(o.out, cwd, ['bargain.json', 'bargain.svg'], { inputs, force: o.force }) : null;

async function write(dir: string | null, a: BargainingAnalysis, names: readonly [string, string], t: Terminal): Promise<void> {
  if (!dir) return;
  // Every package is listed up to LISTED_IN_FILE of them; a larger space (a GENIUS domain may have a
  // million) keeps its counts, frontier and solutions, and says what it left out.
  const whole = a.points.length <= LISTED_IN_FILE;
  const body = {
    schema: 'parley.bargain/1',
    names,
    counts: { points: a.points.length, zopa: a.zopa.length, pareto: a.pareto.length },
    ...(whole ? a : { disagreement: a.disagreement, pareto: a.pareto, nash: a.nash, kalaiSmorodinsky: a.kalaiSmorodinsky }),
    ...(whole ? {} : { omitted: `points and zopa: ${a.points.length} packages are more than the ${LISTED_IN_FILE} listed in full` }),
  };
  writeAtomic(join(dir, 'bargain.json'), `${JSON.stringify(body, null, 2)}\n`);
  writeAtomic(join(dir, 'bargain.svg'), await bargainSvg(a, names));
  t.err(`wrote ${join(dir, 'bargain.json')} and bargain.svg\n`);
}

/** The bargaining space between two actors of a scenario at its start: every package the scenario's terms allow. */
export async function bargainScenario(
  sc: LoadedScenario,
  between: string | undefined,
  o: BargainOut,
  cwd: string,
  t: Terminal,
): Promise<void> {
  const dir = plan(o, cwd, sc.paths);
  const m = sc.model;
  const ids = between ? between.split(',') : [m.actors[m.claimant]!.id, m.actors[m.holder]!.id];
  const idx = ids.map((id) => m.actors.findIndex((a) => a.id === id));
  if (ids.length !== 2 || idx.some((k) => k < 0) || idx[0] === idx[1])
    throw new UsageError(
      `invalid --between "${between}": expected two different actors, e.g. --between ${m.actors
        .map((a) => a.id)
        .slice(0, 2)
        .join(',')}`,
    );
  const [a, b] = idx as [number, number];
  const space = summitSpace(m, initialState(m), a, b);
  const names = [m.actors[a]!.name, m.actors[b]!.name] as const;
  t.out(
    report(
      space,
      names,
      [
        `${sc.data.title}: the bargaining space between ${names[0]} and ${names[1]} at the start (${sc.data.start})`,
        `${space.points.length} packages both leaders could ratify (the scenario's offers and every transfer, assurance and relief combination); ${space.unratifiable.length} more one side could not.`,
      ],
      dir,
    ),
  );
  await write(dir, space, names, t);
}

/** The bargaining space of a GENIUS domain with two utility profiles. */
export async function bargainGenius(
  domainFile: string,
  profiles: readonly string[],
  o: BargainOut,
  cwd: string,
  t: Terminal,
): Promise<void> {
  const dir = plan(
    o,
    cwd,
    [domainFile, ...profiles].map((f) => resolve(cwd, f)),
  );
  if (profiles.length !== 2) throw new UsageError('--genius needs --profiles with two utility profile files');
  const {
    domain,
    profiles: [pa, pb],
  } = loadGeniusFiles(domainFile, profiles, cwd);
  const a = analyseBargaining(geniusOutcomes(domain, pa, pb), [pa.reservation, pb.reservation]);
  const names = profiles.map((f) => f.replace(/^.*\//, '').replace(/\.xml$/, '')) as unknown as readonly [string, string];
  t.out(
    report(
      a,
      names,
      [`GENIUS domain ${domainFile}: ${domain.map((i) => `${i.name} (${i.values.length})`).join(', ')}; ${a.points.length} outcomes`],
      dir,
    ),
  );
  await write(dir, a, names, t);
}
