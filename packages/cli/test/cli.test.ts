import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wilson } from '@parley/batch';
import { describe, expect, it } from 'vitest';
import { flagship, runLog } from '../../../tests/helpers/flagship.js';
import { main } from '../src/program.js';

const FLAGSHIP = fileURLToPath(new URL('../../../scenarios/kuril/2016-nagato.yaml', import.meta.url));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

/**
 * A seed whose run opens with the Sochi summit (no random shock first), has an offer and an answer,
 * and goes on for more than a year, found with the engine rather than written down, so the test
 * does not depend on which seed happens to give such a run.
 */
function typicalSeed(): number {
  const sc = flagship();
  for (let seed = 1; seed < 200; seed++) {
    const { log, result } = runLog(sc.model, seed, 0, sc.hash);
    const first = log[0];
    const long = result.treatyT === null || result.treatyT > 4;
    if (first?.type === 'shock' && sc.model.events[first.event]!.id === 'sochi-meeting' && log.some((e) => e.type === 'response') && long)
      return seed;
  }
  throw new Error('no seed below 200 gives a run with an offer and an answer');
}
const SEED = String(typicalSeed());

describe('parley run', () => {
  it('--inspect prints the live run’s actors talking, one JSON line each, and leaves the transcript as it is', async () => {
    const plain = await cli('run', FLAGSHIP, '--seed', SEED);
    const r = await cli('run', FLAGSHIP, '--seed', SEED, '--inspect');
    expect(r.code).toBe(0);
    expect(r.out).toBe(plain.out);
    const lines = r.err
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // Each decision: the protocol asks a country, and that country answers it.
    const asks = lines.filter((l) => l.event === 'DECIDE');
    expect(asks.length).toBeGreaterThan(10);
    expect(asks.every((l) => l.from === 'protocol' && l.to === l.by)).toBe(true);
    expect(lines.filter((l) => l.event === 'DECIDED').every((l) => l.to === 'protocol' && l.answer === 'policy')).toBe(true);
    expect(new Set(asks.map((l) => l.by))).toEqual(new Set(['japan', 'russia', 'us', 'china']));
  });

  it('prints a dated, narrated transcript ending with the outcome, territories and utilities', async () => {
    const r = await cli('run', FLAGSHIP, '--seed', SEED);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2016Q2 {2}SUMMIT/m);
    expect(r.out).toMatch(/^\d{4}Q\d {2}(OFFER|COUNTER) .* offers .*\[.*\]/m);
    expect(r.out).toMatch(/^\d{4}Q\d {2}(ACCEPT|REJECT|VETO) /m);
    expect(r.out).toMatch(/^Outcome: /m);
    expect(r.out).toMatch(/^ {2}Iturup \(Etorofu\) +63% +(held by|transferred to|jointly)/m);
    expect(r.out).toMatch(/^ {2}Russia +-?\d\.\d{3}/m);
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    const a = await cli('run', FLAGSHIP, '--seed', SEED);
    const b = await cli('run', FLAGSHIP, '--seed', SEED);
    const c = await cli('run', FLAGSHIP, '--seed', String(Number(SEED) + 1));
    expect(b.out).toBe(a.out);
    expect(c.out).not.toBe(a.out);
  });

  it('--json prints the event log with ids and the final state', async () => {
    const r = await cli('run', FLAGSHIP, '--seed', SEED, '--json');
    const doc = JSON.parse(r.out);
    expect(doc.seed).toBe(Number(SEED));
    expect(doc.log[0]).toMatchObject({ quarter: '2016Q2', type: 'shock', event: 'sochi-meeting' });
    expect(Object.keys(doc.final.territories)).toEqual(['habomai', 'shikotan', 'kunashir', 'iturup']);
    expect(doc.final.utility.japan.territory.weight).toBe(0.3);
    expect(doc.outcome).toBe(doc.log.at(-1).outcome);
  });
});

describe('bad input: one clear line on stderr, exit code 2', () => {
  it.each([
    [['run', 'no/such/file.yaml', '--seed', '1'], /no\/such\/file\.yaml {2}no such file/],
    [['run', FLAGSHIP, '--seed', 'abc'], /invalid seed "abc"/],
    [['run', FLAGSHIP, '--seed', '-3'], /invalid seed "-3"/],
    [['run', 'no/such/flie.yaml'], /no\/such\/flie\.yaml {2}no such file/],
    [['run', FLAGSHIP, '--seed', '1', '--colour'], /unknown option '--colour'/],
    [['distribution', FLAGSHIP, '--runs', '0'], /invalid --runs "0"/],
    [['fly'], /unknown command 'fly'/],
  ])('%j', async (args, message) => {
    const r = await cli(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a broken scenario gets file:line:col, the field path and what was expected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'id: x\ntitle: t\nstart: 2016Q7\n');
    const r = await cli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:3:8 {2}start {2}expected a quarter such as 2016Q2/);
    expect(r.err).toMatch(/bad\.yaml:\d+:\d+ {2}horizon {2}missing required field/);
  });

  it('the installed bin exits 2 without a stack trace', () => {
    const bin = fileURLToPath(new URL('../bin/parley.js', import.meta.url));
    const p = spawnSync(process.execPath, ['--conditions=source', bin, 'run', 'missing.yaml', '--seed', '1'], { encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stderr.trim()).toMatch(/^\S*missing\.yaml {2}no such file$/);
  });

  it('stops quietly when its reader has closed the pipe (parley … | head)', () => {
    const bin = fileURLToPath(new URL('../bin/parley.js', import.meta.url));
    // `true` exits without reading, so every write parley makes meets a closed pipe.
    const p = spawnSync('sh', ['-c', `"${process.execPath}" --conditions=source "${bin}" --help | true; echo "parley exited"`], {
      encoding: 'utf8',
    });
    expect(p.stdout).toMatch(/parley exited/);
    expect(p.stderr).toBe('');
  });
});

describe('distribution', () => {
  it('prints outcome shares with 95% Wilson intervals that contain them', async () => {
    const r = await cli('distribution', FLAGSHIP, '--runs', '200', '--seed', '3');
    const rows = [...r.out.matchAll(/^ +([\d.]+)% +\[([\d.]+)%, ([\d.]+)%\]/gm)].map((m) => m.slice(1).map(Number));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.reduce((s, [p]) => s + p!, 0)).toBeCloseTo(100, 0);
    for (const [p, lo, hi] of rows) expect(lo! <= p! && p! <= hi!).toBe(true);
  });

  it('wilson() matches a textbook value', () => {
    // 20 successes in 100 trials: 95% Wilson interval [0.1334, 0.2888].
    const { low, high } = wilson(20, 100);
    expect(low).toBeCloseTo(0.1334, 4);
    expect(high).toBeCloseTo(0.2888, 4);
  });
});

describe('parley explain', () => {
  it('shows each actor’s weights with their sources, its moves and offers, and the scheduled and random events', async () => {
    const r = await cli('explain', FLAGSHIP);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Japan \(japan\) — party to the dispute$/m);
    expect(r.out).toMatch(/^ {4}territory +0\.30 +direction 0\.15 to 0\.6 +\[003: “achieve a favorable resolution/m);
    expect(r.out).toMatch(
      /^What the numbers rest on: \d+ numbers, 4 stated by a source, \d+ whose direction a source gives, \d+ assumptions;$/m,
    );
    expect(r.out).toMatch(/^ {4}axis +-0\.05/m);
    expect(r.out).toMatch(/^ {2}Can propose:\n {4}two-islands-1956: the 1956 formula/m);
    expect(r.out).toMatch(/^ {2}2016Q4 {2}nagato-summit: Putin visits Abe at Nagato.*\[summit\]/m);
    expect(r.out).toMatch(
      /^ +3\.0% {2}war-in-europe: Russia goes to war in Europe.*\n +when no treaty yet\n +→ Japan's sanctions on Russia \+0\.50; United States' sanctions/m,
    );
    expect(r.out).toContain('Files: ');
    expect(r.out).toContain('_base.yaml');
  });

  it('names every move, offer, event and reaction by the id that --set, compare and moves files use', async () => {
    const r = await cli('explain', FLAGSHIP);
    const m = flagship().model;
    for (const x of [...m.moves, ...m.offers, ...m.events, ...m.reactions]) expect(r.out).toContain(`${x.id}: `);
  });
});

describe('--set', () => {
  it('null removes a move, so "what if the US stopped pressing Japan" is one option', async () => {
    const r = await cli('explain', FLAGSHIP, '--set', 'moves.us-pressure-japan=null');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Overrides: --set moves.us-pressure-japan=null');
    expect(r.out).not.toContain('us-pressure-japan: ');
  });

  it('null on a move something else needs names what still refers to it and how to remove that too', async () => {
    const r = await cli('run', FLAGSHIP, '--set', 'moves.japan-tighten-sanctions=null');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(
      /_base\.yaml:\d+:\d+ {2}reactions\.russia-retaliates-for-sanctions\.trigger {2}refers to "japan-tighten-sanctions", which --set moves\.japan-tighten-sanctions=null removed: remove this too \(--set reactions\.russia-retaliates-for-sanctions=null\)/,
    );
  });

  it('an index far beyond the end of a list is refused at once', async () => {
    const r = await cli('run', FLAGSHIP, '--set', 'economy[99999999].value=0.5');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      '--set economy[99999999].value=0.5  economy[99999999] is beyond the end of the list (it has 6 items; the next new one is [6])',
    );
  });

  it('overrides a value for a what-if, and the explanation shows the override as an assumption', async () => {
    const r = await cli('explain', FLAGSHIP, '--set', 'actors.russia.walkAwayMargin=0.2');
    expect(r.out).toMatch(
      /beats the status quo by 0\.2 \[assumption: set on the command line: --set actors\.russia\.walkAwayMargin=0\.2\]/,
    );
    const strict = await cli('distribution', FLAGSHIP, '--runs', '200', '--set', 'actors.russia.walkAwayMargin=0.2');
    expect(strict.out).not.toMatch(/Peace treaty/);
  });

  it('a bad override gets one located line and exit code 2', async () => {
    const r = await cli('run', FLAGSHIP, '--seed', '1', '--set', 'actors.russia.walkAwayMargn=0.2');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      '--set actors.russia.walkAwayMargn=0.2  actors.russia.walkAwayMargn  unknown field "walkAwayMargn" (did you mean "walkAwayMargin"?)',
    );
  });
});

describe('experiments', () => {
  const TUTORIAL = fileURLToPath(new URL('../../../scenarios/tutorial/lighthouse-island.yaml', import.meta.url));

  it('sweep prints one row per grid value, with the treaty share falling as East asks more of a deal', async () => {
    const r = await cli('sweep', TUTORIAL, '--param', 'actors.east.walkAwayMargin=0:0.1:0.05', '--runs', '300', '--workers', '1');
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').filter((l) => /^0(\.\d+)? /.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(['0', '0.05', '0.1']);
    const shares = rows.map((l) => Number(/(\d+\.\d)%/.exec(l)![1]));
    expect(shares[0]!).toBeGreaterThan(shares[2]!);
  });

  it('sweep refuses a malformed range with one line and exit code 2', async () => {
    const r = await cli('sweep', TUTORIAL, '--param', 'actors.east.walkAwayMargin=0:1', '--runs', '10');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      'parley: invalid --param "actors.east.walkAwayMargin=0:1": the range must be three numbers separated by ":"; expected path=low:high:step, e.g. actors.russia.walkAwayMargin=0:0.1:0.01',
    );
  });

  it('compare gives each outcome under A and B and flags differences whose interval excludes 0', async () => {
    const r = await cli('compare', TUTORIAL, '--set-b', 'actors.east.walkAwayMargin=0.3', '--runs', '400', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^any treaty +\d+\.\d% +0\.0% +-\d+\.\d+ pp \[-\d+\.\d+, -\d+\.\d+\] \*$/m);
    expect(r.out).toContain('common random numbers');
  });

  it('compare gives the same answer for two ways of writing the same change (common random numbers), and says so', async () => {
    const rows = async (...setB: string[]) => {
      const r = await cli('compare', FLAGSHIP, ...setB.flatMap((s) => ['--set-b', s]), '--runs', '2000', '--workers', '1');
      expect(r.code).toBe(0);
      return r.out.split('\n').slice(3);
    };
    const removed = await rows('moves.japan-invest=null');
    const priced = await rows('moves.japan-invest.cost=1');
    expect(priced).toEqual(removed);
    // Japan's investment matters to some outcome: the paired interval flags it.
    expect(removed.join('\n')).toMatch(/^(No treaty|Peace treaty)[^\n]* \*$/m);
  });

  it('compare --independent gives B its own random streams and the unpaired interval', async () => {
    const r = await cli(
      'compare',
      TUTORIAL,
      '--set-b',
      'actors.east.walkAwayMargin=0.3',
      '--runs',
      '400',
      '--workers',
      '1',
      '--independent',
    );
    expect(r.out).toContain('independent random streams');
  });

  it('an error in --set-b is reported as --set-b', async () => {
    const r = await cli('compare', TUTORIAL, '--set-b', 'actors.east.walkAwayMargn=0.3', '--runs', '10');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^--set-b actors\.east\.walkAwayMargn=0\.3 {2}actors\.east\.walkAwayMargn {2}unknown field/);
  });

  it('sensitivity moves every parameter, pair values (trust[0]) and small numbers on their own scale included', async () => {
    const r = await cli(
      'sensitivity',
      FLAGSHIP,
      '--runs',
      '20',
      '--workers',
      '1',
      '--top',
      '1000',
      '--only',
      '^(trust|economy|actors\\.russia\\.temperature)',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^trust\[0\] +0\.28 → 0\.42 /m);
    expect(r.out).toMatch(/^economy\[5\] +0\.08 → 0\.12 /m);
    expect(r.out).toMatch(/^actors\.russia\.temperature +0\.0032 → 0\.0048 /m);
    expect(r.out).not.toMatch(/Not varied/);
  });

  it('sensitivity --sobol ranks uncertain numbers by their Sobol indices, gives a number that cannot matter exactly 0, and is the same on 1 and 2 workers', async () => {
    const { readFileSync } = await import('node:fs');
    const run = async (workers: string) => {
      const out = mkdtempSync(join(tmpdir(), 'parley-sobol-'));
      const r = await cli(
        'sensitivity',
        TUTORIAL,
        '--sobol',
        '--only',
        '^(params\\.jointShare|actors\\.east\\.weights\\.territory|actors\\.west\\.weights\\.energy)$',
        '--base-rows',
        '16',
        '--runs-per-point',
        '20',
        // A weight on a dimension nothing in the tutorial moves: it cannot change any choice.
        '--set',
        'actors.west.weights.energy={value: 0.1, assumption: "A weight on energy, which nothing in the tutorial moves."}',
        '--workers',
        workers,
        '--out',
        out,
      );
      expect(r.code).toBe(0);
      // The report: the indices' chart, the knife-edge chart and table, each labelled.
      const page = readFileSync(join(out, 'sobol.html'), 'utf8');
      expect(page.match(/<svg/g)).toHaveLength(2);
      expect(page).toContain('<table id="edge-table">');
      expect(page).toContain('share of the variance of the treaty share');
      return { r, json: readFileSync(join(out, 'sobol.json'), 'utf8') };
    };
    const one = await run('1');
    const s = JSON.parse(one.json);
    expect(s.points).toBe(16 * 5);
    expect(s.rows.map((x: { path: string }) => x.path).at(-1)).toBe('actors.west.weights.energy');
    expect(s.rows.at(-1)).toMatchObject({ first: 0, total: 0, totalCi95: [0, 0] });
    expect(s.rows[0].total).toBeGreaterThan(0.2);
    // Each number swept alone across its range for knife edges: 11 values; the inert one moves nothing.
    expect(s.edges).toHaveLength(3);
    for (const e of s.edges) expect(e.values).toHaveLength(11);
    expect(s.edges.find((e: { path: string }) => e.path === 'actors.west.weights.energy')).toMatchObject({ jump: 0, knifeEdge: false });
    expect(one.r.out).toMatch(/^Knife edges: the top 3 swept alone across their ranges/m);
    expect(one.r.out).toMatch(/^Sobol indices of the treaty share in Tutorial/m);
    expect(one.r.out).toMatch(/^actors\.west\.weights\.energy +0\.05 to 0\.2 +0\.00 \[0\.00, 0\.00\] +0\.00 \[0\.00, 0\.00\]$/m);
    expect((await run('2')).json).toBe(one.json);
  });

  it('discover finds where an outcome concentrates: a box of the uncertain numbers, denser than overall, with its coverage', async () => {
    const { readFileSync } = await import('node:fs');
    const out = mkdtempSync(join(tmpdir(), 'parley-discover-'));
    const r = await cli(
      'discover',
      TUTORIAL,
      '--outcome',
      'treaty',
      '--points',
      '300',
      '--runs-per-point',
      '10',
      '--workers',
      '1',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const d = JSON.parse(readFileSync(join(out, 'discovery.json'), 'utf8'));
    expect(d.chosen.coverage).toBeGreaterThanOrEqual(0.5);
    expect(d.chosen.density).toBeGreaterThan(d.mean);
    expect(d.chosen.restricted.length).toBeGreaterThan(0);
    for (const l of d.chosen.restricted) expect(l.box[0] >= l.range[0] - 1e-9 && l.box[1] <= l.range[1] + 1e-9).toBe(true);
    expect(r.out).toMatch(/^Where "treaty" happens in Tutorial/m);
    const page = readFileSync(join(out, 'discovery.html'), 'utf8');
    expect(page.match(/<svg/g)).toHaveLength(2);
    for (const l of d.chosen.restricted) expect(page).toContain(`<code>${l.path}</code>`);
    const bad = await cli('discover', TUTORIAL, '--outcome', 'peace', '--points', '20', '--runs-per-point', '1');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--outcome peace: expected treaty or one of treaty-full/);
  });

  it('sensitivity lists every parameter it cannot move alone, and why', async () => {
    const r = await cli('sensitivity', FLAGSHIP, '--runs', '10', '--workers', '1', '--only', '^territories');
    expect(r.out).toMatch(/^Not varied: these 4 parameters, which cannot move alone/m);
    expect(r.out).toMatch(/^ {2}territories\.iturup\.area: territory areas must sum to 1/m);
  });

  it('sensitivity ranks parameters by their effect, the largest first', async () => {
    const r = await cli(
      'sensitivity',
      TUTORIAL,
      '--runs',
      '150',
      '--workers',
      '1',
      '--only',
      '^actors\\.east\\.(weights\\.territory|mass)$',
    );
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').filter((l) => l.startsWith('actors.east.'));
    expect(rows[0]).toMatch(/^actors\.east\.weights\.territory /);
    expect(rows[1]).toMatch(/^actors\.east\.mass .* \+0\.0 pp$/);
  });
});

describe('parley bargain', () => {
  it('finds no zone of agreement between Japan and Russia when Russia asks more of a deal, and lists the frontier', async () => {
    const r = await cli('bargain', FLAGSHIP, '--set', 'actors.russia.walkAwayMargin=0.1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Walk-away values: Japan 0\.\d{3}, Russia 0\.\d{3}$/m);
    expect(r.out).toContain('Zone of possible agreement: empty');
    expect(r.out).toMatch(/^Pareto frontier \(\d+ packages\), Japan \/ Russia/m);
  });

  it('a looser Russia opens a zone, with a Nash package inside it', async () => {
    const r = await cli('bargain', FLAGSHIP, '--set', 'actors.russia.walkAwayMargin=0.0');
    expect(r.out).toMatch(/^Zone of possible agreement: \d+ of \d+ packages/m);
    expect(r.out).toMatch(/^Nash bargaining solution: .*treaty/m);
  });

  it('analyses a GENIUS domain with two profiles', async () => {
    const g = (f: string) => fileURLToPath(new URL(`../../../scenarios/genius/${f}`, import.meta.url));
    const r = await cli('bargain', '--genius', g('fishing-domain.xml'), '--profiles', g('fishing-visitor.xml'), g('fishing-coastal.xml'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('18 outcomes');
    expect(r.out).toMatch(/^Nash bargaining solution: quota=medium, patrols=coastal state only, duration=10 years \(0\.660, 0\.740\)$/m);
  });
});

describe('parley negotiate', () => {
  const g = (f: string) => fileURLToPath(new URL(`../../../scenarios/genius/${f}`, import.meta.url));
  const args = ['negotiate', '--genius', g('fishing-domain.xml'), '--profiles', g('fishing-visitor.xml'), g('fishing-coastal.xml')];

  it('the computer against itself concedes to an agreement on the Pareto frontier, here the Nash point', async () => {
    const r = await cli(...args);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Agreement in round \d+: quota=medium, patrols=coastal state only, duration=10 years — fishing-visitor 0\.660, fishing-coastal 0\.740\.$/m,
    );
    expect(r.out).toContain('It is Pareto optimal.');
  });

  it('a bad tactic is refused with one line and exit code 2', async () => {
    const r = await cli(...args, '--tactic', '0');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('parley: invalid --tactic "0": expected a positive number such as 0.5 (Boulware) or 2 (conceder)');
  });
});

describe('parley hindcast', () => {
  it('scores the flagship’s dated facts against the model and both baselines, with the war pinned to 2022Q1', async () => {
    const r = await cli('hindcast', FLAGSHIP, '--runs', '200');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^200 runs, seed 1; pinned to their dates: war-in-europe 2022Q1$/m);
    expect(r.out).toMatch(/^The Nagato summit ends without a peace treaty +at 2016Q4 +\d+\.\d% \[/m);
    expect(r.out).toMatch(/^The historical path as a whole \(every target in the same run\): \d/m);
    expect(r.out).toMatch(/^Mean Brier score \(0 perfect, 1 worst\): model \d\.\d{3}, status quo \d\.\d{3}, base rate \d\.\d{3}/m);
    expect(r.err).toMatch(/and of 4 other scenarios of its pack/);
  });

  it('a scenario without targets is one line and exit code 2', async () => {
    const r = await cli('hindcast', fileURLToPath(new URL('../../../scenarios/tutorial/lighthouse-island.yaml', import.meta.url)));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(
      /^parley: .*lighthouse-island\.yaml has no hindcast targets \(a "hindcast:" section; see docs\/hindcast\.md\)$/,
    );
  });
});
