import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sealed } from '@parley/batch';
import { loadExercise, normaliseText } from '@parley/scenario';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = ['--conditions=source', '--import', 'tsx', join(ROOT, 'packages/cli/src/bin.ts')];
const EXERCISES = join(ROOT, 'scenarios/exercises');
const NAGATO = 'scenarios/exercises/nagato-2016.yaml';
const MOVES = 'scenarios/exercises/nagato-2016.moves.yaml';
const parley = (...args: string[]) => {
  const r = spawnSync(process.execPath, [...BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, INIT_CWD: ROOT } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const tmp = (): string => mkdtempSync(join(tmpdir(), 'parley-ex-'));

describe('the exercises', () => {
  const files = readdirSync(EXERCISES).filter((f) => f.endsWith('.yaml') && !f.includes('.moves.'));

  it('there are at least three, and each loads with its scenario, roles and injects', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const ex = loadExercise(join(EXERCISES, f));
      expect(Object.keys(ex.roles).length).toBeGreaterThan(0);
      expect(ex.data.questions.length).toBeGreaterThan(0);
      for (const k of Object.values(ex.injects)) expect(k).toBeGreaterThanOrEqual(0);
    }
  });

  it('every confidential briefing point quotes its article word for word', () => {
    const sources = join(ROOT, 'scenarios/kuril/sources');
    for (const f of files) {
      for (const [role, r] of Object.entries(loadExercise(join(EXERCISES, f)).data.roles)) {
        for (const c of r.confidential) {
          if (!c.source) continue;
          const article = normaliseText(readFileSync(join(sources, c.source.doc), 'utf8'));
          expect(article.includes(normaliseText(c.source.quote)), `${f} ${role}: "${c.source.quote}"`).toBe(true);
        }
      }
    }
  });
});

describe('playing, replaying and debriefing', () => {
  const dir = tmp();
  const transcript = join(dir, 'nagato.json');
  const played = parley('exercise', NAGATO, '--moves', MOVES, '--inject', 'us-pressure-call@2', '--out', transcript);

  it('a scripted exercise writes a transcript of every decision, with its options and who decided', () => {
    expect(played.code).toBe(0);
    const t = JSON.parse(readFileSync(transcript, 'utf8'));
    expect(t.schema).toBe('parley.transcript/1');
    expect(t.players).toEqual(['japan', 'russia']);
    const first = t.decisions[0];
    expect(first).toMatchObject({ turn: 1, role: 'japan', kind: 'offer', by: 'player', choice: 'two-islands-assured-relief' });
    expect(first.options.length).toBeGreaterThan(3);
    expect(first.utility.map((d: { dimension: string }) => d.dimension)).toContain('territory');
    expect(first.state.talksActive).toBe(true);
    expect(Object.keys(first.state.measures)).toEqual(['trust', 'sanctions', 'militarisation', 'energy', 'jointActivity']);
    expect(t.decisions.some((d: { by: string }) => d.by === 'ai')).toBe(true);
    expect(t.injects).toEqual([{ id: 'us-pressure-call', turn: 2 }]);
    expect(readFileSync(join(dir, 'nagato.md'), 'utf8')).toMatch(/^- 2016Q2 japan offer: \*\*two-islands-assured-relief\*\* \(player/m);
  });

  it('replays exactly, and a tampered transcript is caught: an edit by its checksum, a forgery by the replay', () => {
    expect(parley('replay', transcript).out).toMatch(/replayed exactly \(\d+ events, \d+ decisions/);
    const t = JSON.parse(readFileSync(transcript, 'utf8'));
    const write = (name: string, doc: unknown): string => {
      writeFileSync(join(dir, name), JSON.stringify(doc));
      return join(dir, name);
    };
    // Edited by hand: the checksum no longer matches.
    const edited = parley('replay', write('edited.json', { ...t, outcome: 'treaty-full' }));
    expect(edited.code).toBe(2);
    expect(edited.err.trim()).toMatch(/edited\.json {2}checksum {2}changed after Parley wrote it/);
    // Forged, with the checksum recomputed: the game itself says otherwise.
    const reseal = (doc: Record<string, unknown>) => {
      const { checksum: _, ...rest } = doc;
      return sealed(rest);
    };
    const forged = parley('replay', write('forged.json', reseal({ ...t, outcome: 'treaty-full', treatyQuarter: '2016Q4' })));
    expect(forged.code).toBe(2);
    expect(forged.err.trim()).toMatch(/forged\.json does not replay: it records the outcome treaty-full, but the game ends in /);
    const scores = parley('replay', write('scores.json', reseal({ ...t, results: t.results.map((r: object) => ({ ...r, score: 0.99 })) })));
    expect(scores.err).toMatch(/does not replay: it records the result/);
    const log = structuredClone(t);
    log.log[3] = { ...log.log[3], t: 99 };
    expect(parley('replay', write('log.json', reseal(log))).err).toMatch(/the replay differs at event 4/);
    // A debrief reports only what the game replays: a forged transcript gets no debrief.
    expect(parley('debrief', join(dir, 'forged.json')).code).toBe(2);
  });

  it('the debrief shows the results against AI play, turning points, the bargaining space and the questions; Chromium renders it with its chart', () => {
    const html = join(dir, 'debrief.html');
    expect(parley('debrief', transcript, '--out', html, '--runs', '60').code).toBe(0);
    const md = readFileSync(join(dir, 'debrief.md'), 'utf8');
    expect(md).toMatch(/^\| Japan \(played\) \| 0\.\d{3} \(utility\) \| 0\.\d{3} \| 0\.\d{3} \| \d+% \|$/m);
    // Every role's scoring rule is evaluated; roles no one decided for are the AI's.
    expect(md).toMatch(/^\| Russia \(played\) \| [01] \(kept every territory: (yes|no)\) \|/m);
    expect(md).toMatch(/^\| United States \(AI\) \|/m);
    expect(md).toMatch(/; 8 turns played\.$|; over after \d of 8 turns\.$/m);
    // Russia's answer is a turning point either way: it moved the chance, or (its drawn reservation value
    // rejecting the deal too) left it where the AI's answer would have.
    expect(md).toMatch(
      /^- Russia rejecting the offer in 2016Q2 (moved the chance of a treaty from \d+% \(had the AI decided\) to \d+%|left the chance of a treaty where the AI's choice would have: \d+%)/m,
    );
    // A turning point that moved nothing says so, and moves and offers are named by their labels, not their ids.
    for (const [, from, to] of md.matchAll(/moved the chance of a treaty from (\d+)% \(had the AI decided\) to (\d+)%/g))
      expect(from).not.toBe(to);
    expect(md).toMatch(/^- Japan's move in 2016Q\d \(Japan [a-z]/m);
    expect(md).not.toMatch(/"japan-|"russia-|"two-islands/);
    expect(md).toContain('Was there ever a package both sides preferred to no deal?');
    const page = readFileSync(html, 'utf8');
    // Every summit has its chart.
    const summits = (md.match(/^- \*\*20\d\dQ\d — /gm) ?? []).length;
    expect(summits).toBeGreaterThan(1);
    expect((page.match(/<figure class="bargaining" id="bargaining-\d+"><figcaption>[^<]+<\/figcaption><svg/g) ?? []).length).toBe(summits);
    expect(page).not.toMatch(/<script/);
    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
    if (!chromium) {
      console.warn('chromium is not installed (apt-get install chromium): the debrief was not rendered');
      return;
    }
    const png = join(dir, 'debrief.png');
    const r = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${tmp()}`,
        '--window-size=1000,1400',
        `--screenshot=${png}`,
        `file://${html}`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    expect(statSync(png).size).toBeGreaterThan(20_000);
  }, 120_000);

  it('an illegal scripted move names the turn and the legal moves; a malformed moves file is located; exit code 2', () => {
    const d = tmp();
    // Japan only talks at the first summit, so no Japanese offer can end the game before turn 2.
    writeFileSync(join(d, 'bad.yaml'), 'japan:\n  - { turn: 1, offer: only talk }\n  - { turn: 2, move: russia-militarise }\n');
    const r = parley('exercise', NAGATO, '--moves', join(d, 'bad.yaml'));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^parley: turn 2: japan cannot play "russia-militarise" now; legal moves: hold still, .*japan-invest/);
    writeFileSync(join(d, 'broken.yaml'), 'japan:\n  - { turn: zero, move: japan-invest }\n');
    const b = parley('exercise', NAGATO, '--moves', join(d, 'broken.yaml'));
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/broken\.yaml:2:\d+ {2}japan\[0\]\.turn {2}/);
  });
});

describe('a saved game', () => {
  it('from another exercise, other roles, or not a saved game at all, is refused in one line with exit code 2', () => {
    const d = tmp();
    const game = (g: object) => {
      const f = join(d, `g${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(
        f,
        JSON.stringify({
          schema: 'parley.exercise-game/1',
          exercise: 'nagato-2016',
          players: ['japan', 'russia'],
          seed: 1,
          choices: [],
          injects: [],
          ...g,
        }),
      );
      return f;
    };
    const cases: [string, RegExp][] = [
      [game({ exercise: 'sanctions-2022' }), /it is a game of "sanctions-2022", not of "nagato-2016"/],
      [game({ players: ['japan'] }), /it was played by japan, not japan, russia/],
      [game({ schema: 'something' }), /not a saved game/],
    ];
    for (const [file, why] of cases) {
      const r = parley('exercise', NAGATO, '--resume', file);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(why);
    }
  });
});

describe('negotiating a GENIUS domain in class', () => {
  const G = 'scenarios/genius';
  const play = (input: string) =>
    spawnSync(
      process.execPath,
      [
        ...BIN,
        'negotiate',
        '--genius',
        `${G}/fishing-domain.xml`,
        '--profiles',
        `${G}/fishing-visitor.xml`,
        `${G}/fishing-coastal.xml`,
        '--play',
        'a',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        input,
        env: { ...process.env, INIT_CWD: ROOT },
      },
    );

  it('a student plays one side against the computer, offer by offer, and is told when a deal was worse than no deal', () => {
    const r = play('3 1 3\n2 1 3\n2 2 3\na\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('You are fishing-visitor.');
    expect(r.stdout).toMatch(/fishing-coastal offers: quota=low/);
    expect(r.stdout).toMatch(/^Agreement in round 4: quota=low, patrols=coastal state only, duration=1 year/m);
    expect(r.stdout).toContain('You accepted less than your reservation value (0.3)');
  });

  it('an unreadable move names the round and what was expected, with exit code 2', () => {
    const r = play('3 1 9\n');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('parley: round 1: "3 1 9": expected "a" (accept — there is no offer yet) or 3 value numbers');
  });
});
