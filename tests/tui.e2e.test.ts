import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

/** The real program in a real terminal (tmux): what a person sees after pressing keys. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SESSION = `parley-e2e-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = (): string => tmux('capture-pane', '-t', SESSION, '-p');

/**
 * The screen once it shows `text`: a person waits for what they expect to see, however long this
 * machine takes; the test's own timeout bounds the wait, and a failure shows the last screen.
 */
async function waitFor(text: string | RegExp, pane: () => string = screen): Promise<string> {
  return vi.waitFor(
    () => {
      const s = pane();
      if (!(typeof text === 'string' ? s.includes(text) : text.test(s))) throw new Error(`"${text}" did not appear; the screen was:\n${s}`);
      return s;
    },
    { timeout: 240_000, interval: 50 },
  );
}

describe('the terminal UI in tmux', () => {
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', SESSION]);
  });

  it('opens on `parley` with no arguments, lists the scenarios, steps a run, draws the distribution, and quits cleanly', async () => {
    // CI=true would make ink print nothing until exit; a person's terminal has no CI variable.
    const cmd = `cd ${ROOT} && env -u CI node --conditions=source --import tsx packages/cli/src/bin.ts; echo "exited $?"; sleep 3600`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', cmd);
    const list = await waitFor('tutorial/lighthouse');
    expect(list).toContain('kuril/2016-nagato.yaml');
    expect(list).toContain('Kuril Islands: the thaw after Fukushima');
    tmux('send-keys', '-t', SESSION, 'Down', 'Enter');
    await waitFor('Nothing has happened yet');
    tmux('send-keys', '-t', SESSION, 'Space');
    // The log shows the end of the quarter, its lines wrapped whole; page up goes back to its start.
    let stepped = await waitFor(/more above \(pgup pgdn\)|2016Q2 {2}SUMMIT {4}Abe and Putin meet in Sochi/);
    for (let k = 0; k < 10 && !/2016Q2 {2}SUMMIT {4}Abe and Putin meet in Sochi/.test(stepped); k++) {
      tmux('send-keys', '-t', SESSION, 'PPage');
      stepped = await waitFor(/2016Q2 {2}SUMMIT {4}Abe and Putin meet in Sochi|↓ \d+ below/);
    }
    expect(stepped).toMatch(/2016Q2 {2}SUMMIT {4}Abe and Putin meet in Sochi/);
    expect(stepped).toMatch(/Habomai islets +2%/);
    tmux('send-keys', '-t', SESSION, 'e');
    await waitFor(/ended: /);
    tmux('send-keys', '-t', SESSION, 'd');
    const histogram = await waitFor('2,000/2,000 done');
    expect(histogram).toMatch(/No treaty; talks suspended +[█░]+ +\d+\.\d%/);
    expect(histogram).toContain('← this run');
    tmux('send-keys', '-t', SESSION, 'q');
    const after = await waitFor('exited 0');
    expect(after).not.toContain('Error');
  }, 600_000);
});

describe('the terminal UI honours the terminal', () => {
  const S2 = `${SESSION}-2`;
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', S2]);
  });

  it('draws no colours with NO_COLOR, and redraws for a new size when the window is resized', async () => {
    const cmd = `cd ${ROOT} && env -u CI NO_COLOR=1 node --conditions=source --import tsx packages/cli/src/bin.ts; sleep 3600`;
    tmux('new-session', '-d', '-s', S2, '-x', '80', '-y', '24', cmd);
    const pane = () => tmux('capture-pane', '-t', S2, '-p', '-e');
    const narrow = await waitFor('Scenarios', pane);
    // A foreground colour is ESC [ 30-37 or 90-97 m (39 only resets to the default).
    expect(narrow).not.toMatch(new RegExp(`${String.fromCharCode(27)}\\[(3[0-7]|9[0-7])(;\\d+)*m`));
    expect(narrow).toMatch(/Kuril Islands: the thaw after Fukushima \(…|Fukushima…/);
    tmux('resize-window', '-t', S2, '-x', '130', '-y', '30');
    await waitFor('Kuril Islands: the thaw after Fukushima (2013-2017)', pane);
    tmux('send-keys', '-t', S2, 'q');
  }, 600_000);
});

describe('an exercise at one terminal, in tmux', () => {
  const S3 = `${SESSION}-3`;
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', S3]);
  });

  it('shows its keys, answers ? at 100×30, redraws when the window is resized, and says how to go on after q', async () => {
    const out = `/tmp/parley-e2e-${process.pid}.json`;
    const cmd = `cd ${ROOT} && env -u CI node --conditions=source --import tsx packages/cli/src/bin.ts exercise scenarios/exercises/nagato-2016.yaml --role japan --out ${out} --force; echo "exited $?"; sleep 3600`;
    tmux('new-session', '-d', '-s', S3, '-x', '100', '-y', '30', cmd);
    const pane = () => tmux('capture-pane', '-t', S3, '-p');
    const first = await waitFor('? keys · q quit', pane);
    expect(first).toContain('h hints off');
    tmux('send-keys', '-t', S3, '?');
    const help = await waitFor('show or hide these keys', pane);
    expect(help).toContain('instructor: fire an inject');
    tmux('send-keys', '-t', S3, '?');
    await waitFor('Nothing has happened yet', pane);
    tmux('resize-window', '-t', S3, '-x', '60', '-y', '24');
    // At 60 columns the keys wrap onto a second row rather than being cut.
    const narrow = await waitFor(/^q quit|· q quit *$/m, pane);
    for (const line of narrow.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    tmux('send-keys', '-t', S3, 'q');
    // The terminal is 60 columns wide: the message wraps (-J joins the wrapped rows again).
    const said = await waitFor('exited 0', () => tmux('capture-pane', '-t', S3, '-p', '-J'));
    expect(said).toMatch(/the game was left at turn 1 of 8\. Its transcript so far is in/);
    expect(said).toMatch(/play on with: pnpm parley exercise .* --resume /);
    // The transcript of the game left early replays exactly, and can be debriefed.
    const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts', 'replay', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('replayed exactly');
  }, 600_000);
});
