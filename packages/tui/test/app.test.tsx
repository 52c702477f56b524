import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '@parley/engine';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { App } from '../src/App.js';
import { loadCatalog } from '../src/catalog.js';
import { whyLines } from '../src/panels.js';
import { initialUi, reduce } from '../src/state.js';
import { frameWhere, frameWith, frameWithout } from './frames.js';

const ROOT = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const entries = loadCatalog(ROOT);

describe('the scenario browser', () => {
  it('lists every scenario and shows the selected one’s title, actors, sources and briefing', () => {
    const { lastFrame } = render(<App entries={entries} />);
    const frame = lastFrame()!;
    for (const e of entries) expect(frame).toContain(e.name.slice(0, 20));
    expect(frame).toContain('Kuril Islands: the thaw after Fukushima');
    expect(frame).toContain('Japan, Russia, United States, China');
    expect(frame).toContain('Sources: Analysis: the run-up to the Yamaguchi summit');
    expect(frame).toContain('April 2013. Shinzo Abe flies to Moscow');
  });

  it('shows a broken file with its located error instead of failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-tui-'));
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\ntitle: Broken\nhorizon: -3\n');
    const { lastFrame } = render(<App entries={loadCatalog(dir)} />);
    expect(lastFrame()).toContain('broken.yaml cannot be loaded');
    expect(lastFrame()).toMatch(/3:10 {2}horizon {2}expected a whole number from 1 to 400/);
  });
});

describe('keys', () => {
  it('↓ and enter open the second scenario; space steps a quarter into the narrated log; s changes the seed', async () => {
    const { lastFrame, stdin } = render(<App entries={entries} />);
    stdin.write('j');
    stdin.write('\r');
    const opened = await frameWith(lastFrame, 'Nothing has happened yet');
    expect(opened).toContain('Kuril Islands: from Sochi to Nagato and after');
    expect(opened).toContain('seed 1');
    stdin.write(' ');
    // The log shows its end, each line whole (wrapped), and says what is above; page up scrolls back to its start.
    let stepped = await frameWith(lastFrame, /more above \(pgup pgdn\)|2016Q2 {2}SUMMIT/);
    for (let k = 0; k < 20 && !/2016Q2 {2}SUMMIT {4}Abe and Putin meet in Sochi/.test(stepped); k++) {
      const before = stepped;
      stdin.write('\x1b[5~');
      stepped = await frameWhere(lastFrame, (f) => f !== before, 'the log scrolled back');
    }
    expect(stepped).toMatch(/2016Q2 {2}SUMMIT {4}Abe and Putin meet in Sochi/);
    expect(stepped).not.toMatch(/…/);
    for (const line of stepped.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    // The islands panel: Habomai still Russia's and contested, or Japan's after a treaty at Sochi.
    expect(stepped).toMatch(/Habomai islets +2% (Russia \(contested\)|→ Japan)/);
    stdin.write('s');
    const reseeded = await frameWith(lastFrame, 'seed 2');
    expect(reseeded).toContain('Nothing has happened yet');
  });

  it('? shows the help and hides it again; esc goes back to the list', async () => {
    const { lastFrame, stdin } = render(<App entries={entries} />);
    stdin.write('?');
    await frameWith(lastFrame, 'restart with a new seed');
    stdin.write('?');
    await frameWithout(lastFrame, 'restart with a new seed');
    stdin.write('\r');
    await frameWith(lastFrame, 'Nothing has happened yet');
    stdin.write('\x1b');
    expect(await frameWithout(lastFrame, 'Nothing has happened yet')).toContain('Scenarios');
  });

  it('e runs to the end and names the outcome; the result is the same as the batch runner’s for that seed', () => {
    let s = reduce(entries, 7, initialUi, { input: 'j' });
    s = reduce(entries, 7, s, { input: '', return: true });
    s = reduce(entries, 7, s, { input: 'e' });
    expect(s.run!.session.done).toBe(true);
    const sc = entries[1]!.sc!;
    expect(s.run!.session.ctx.outcome).toBe(simulate(sc.model, { scenarioKey: sc.hash, seed: 7 }).outcome);
    expect(s.version).toBe(1);
  });
});

describe('explaining a run', () => {
  it('w shows why the last decision went as it did: each option, its value and its probability, the chosen one marked', async () => {
    const { lastFrame, stdin } = render(<App entries={entries} />);
    stdin.write('j');
    stdin.write('\r');
    stdin.write(' ');
    await frameWith(lastFrame, /2016Q2 {2}[A-Z]+ /);
    stdin.write('w');
    const frame = await frameWith(lastFrame, /Why \(↑↓ other decisions, w back to the log\)/);
    expect(frame).toMatch(/options in 2016Q2/);
    expect(frame).toMatch(/▶ [+-]\d\.\d{4} {2}P +\d+% {2}\S/);
    expect(frame).toMatch(/\+0\.0000 {2}P +\d+% {2}hold still/);
  });

  it('w lines up the options’ figures in columns and gives each label in full, however long', () => {
    const m = entries.find((e) => e.name === 'kuril/2022-after-invasion.yaml')!.sc!.model;
    const long = m.moves.findIndex((mv) => mv.label.length > 46);
    expect(long).toBeGreaterThanOrEqual(0);
    const option = (move: number | null, value: number) => ({ move, direct: value, strategic: 0, value, probability: 0.5 });
    const e = {
      type: 'move',
      t: 0,
      actor: m.moves[long]!.actor,
      move: long,
      thirdParty: false,
      options: [option(null, 0), option(long, 0.01)],
    } as const;
    const [, hold, chosen] = whyLines(m, e);
    // The figures in columns, then the label in full (the panel wraps it under itself).
    expect(chosen!.text).toBe(`▶ +0.0100  P  50%  ${m.moves[long]!.label}`);
    expect(hold!.text).toBe('  +0.0000  P  50%  hold still');
    expect(chosen!.indent).toBe(' '.repeat(19));
  });

  it('u breaks each actor’s utility into its dimensions', async () => {
    const { lastFrame, stdin } = render(<App entries={entries} />);
    stdin.write('\r');
    stdin.write('u');
    await frameWith(lastFrame, /Japan +0\.\d{3} = territory 0\.\d{3} \+ treaty 0\.000/);
  });

  /** Open a scenario, press the keys `before`, then d, and wait for its distribution of `runs` runs on one worker. */
  async function distributionOf(name: (n: string) => boolean, runs: number, before = ''): Promise<string> {
    const { lastFrame, stdin } = render(<App entries={entries} distributionRuns={runs} distributionWorkers={1} />);
    for (let k = 0; k < entries.findIndex((e) => name(e.name)); k++) stdin.write('j');
    stdin.write('\r');
    await frameWith(lastFrame, 'Nothing has happened yet');
    for (const key of before) stdin.write(key);
    stdin.write('d');
    return frameWith(lastFrame, `${runs}/${runs} done`);
  }

  it('d runs the distribution in the background, draws each outcome with its interval, and marks the run being watched', async () => {
    const frame = await distributionOf((n) => n.startsWith('tutorial/'), 400, 'e');
    expect(frame).toMatch(/Treaty; the island is shared +[█░]+ +\d+\.\d% \[\d+\.\d%, \d+\.\d%\]/);
    expect(frame).toContain('← this run');
  });

  it('u in the distribution also draws what we don’t know: each outcome’s share at the 5% and 95% parameter points, within the width', async () => {
    const { lastFrame, stdin } = render(<App entries={entries} distributionRuns={400} distributionWorkers={1} />);
    for (let k = 0; k < entries.findIndex((e) => e.name.startsWith('tutorial/')); k++) stdin.write('j');
    stdin.write('d');
    await frameWith(lastFrame, '400/400 done');
    stdin.write('u');
    // The spread columns come only from the batch over the points, so the frame is the new batch's.
    const frame = await frameWith(lastFrame, /400\/400 done[\s\S]*points \d+\.\d%–\d+\.\d%/);
    expect(frame).toContain("over what we don't know");
    expect(frame).toMatch(/Treaty; the island is shared +[█░]+ +\d+\.\d% \[\d+\.\d%, \d+\.\d%\] points \d+\.\d%–\d+\.\d%/);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('d shows each outcome label whole when the width allows it, and keeps every line within the width', async () => {
    const frame = await distributionOf((n) => n === 'kuril/2016-nagato.yaml', 300);
    // 43 characters: it used to be cut at 40, mid-word ("… two-island form").
    expect(frame).toMatch(/Peace treaty on the 1956 two-island formula +[█░]+ +\d+\.\d%/);
    for (const line of frame.split('\n').filter((l) => /\d%, \d/.test(l))) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('playing a country', () => {
  it('c plays Japan: stepping stops at each of Japan’s decisions with a menu, and the choice is what happens', () => {
    let s = reduce(entries, 1, initialUi, { input: 'j' });
    s = reduce(entries, 1, s, { input: '', return: true });
    s = reduce(entries, 1, s, { input: 'c' });
    expect(s.run!.player).toBe(0);
    let moves = 0;
    for (let guard = 0; guard < 400 && !s.run!.session.done; guard++) {
      if (s.awaiting) {
        const p = s.awaiting.point;
        if (p.kind === 'move') {
          moves++;
          expect(p.options[0]!.move).toBeNull();
          s = reduce(entries, 1, s, { input: '1' }); // always hold still
        } else if (p.kind === 'response') s = reduce(entries, 1, s, { input: 'n' });
        else s = reduce(entries, 1, s, { input: '1' });
        if (s.awaiting?.stage === 'counter') s = reduce(entries, 1, s, { input: '1' });
      } else s = reduce(entries, 1, s, { input: ' ' });
    }
    expect(s.run!.session.done).toBe(true);
    expect(moves).toBeGreaterThan(10);
    const log = s.run!.session.log;
    expect(log.some((e) => e.type === 'move' && e.actor === 0)).toBe(false);
    expect(log.some((e) => e.type === 'move' && e.actor === 1)).toBe(true);
  });

  it('the menu lists the legal moves with hints, and h hides them', async () => {
    const { lastFrame, stdin } = render(<App entries={entries} />);
    stdin.write('j');
    stdin.write('\r');
    stdin.write('c');
    await frameWith(lastFrame, 'you play Japan');
    stdin.write(' ');
    // Japan may first have the floor at a meeting (it only talks) or an offer to answer (it accepts),
    // and play goes on to its move.
    const asked = /Your move, Japan: press a number|You have the floor, Japan|An offer to you, Japan/;
    let frame = await frameWith(lastFrame, asked);
    for (let k = 0; k < 5 && !/Your move, Japan/.test(frame); k++) {
      if (/You have the floor, Japan/.test(frame)) {
        expect(frame).toMatch(/1 {2}only talk[^\n]*\n[^\n]*accept +\d+%/);
        stdin.write('1');
      } else stdin.write('y');
      stdin.write(' ');
      const before = frame;
      frame = await frameWhere(lastFrame, (f) => f !== before && asked.test(f), 'the next decision');
    }
    expect(frame).toMatch(/Your move, Japan: press a number/);
    expect(frame).toMatch(/1 {2}hold still[^\n]*\n[^\n]*value \+0\.0000 {2}AI +\d+%/);
    stdin.write('h');
    await frameWithout(lastFrame, /AI +\d+%/);
  });
});
