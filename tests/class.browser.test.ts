import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassGame, classDebrief, classFiles, saveClass, seatCode, startClassServer } from '@parley/class';
import { loadExercise } from '@parley/scenario';
import { readTranscriptText, replay } from '@parley/teaching';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A class played in a real browser (playwright-core driving Debian's chromium): the instructor's
 * console and three teams in separate browser contexts (one of them a phone), a package built term
 * by term, a message between teams with markup in it, an inject, a page reloaded mid-game, an early
 * end; then the debrief opens and the transcript saved on disk replays exactly. Screenshots of the
 * console and a team page at 1280×800 and 390×844 are written to $PARLEY_SHOTS (or a temp folder).
 */

const CHROMIUM = '/usr/bin/chromium';
const EXERCISE = new URL('../scenarios/exercises/nagato-2016.yaml', import.meta.url).pathname;

let browser: Browser | null = null;
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!existsSync(CHROMIUM))('a class in the browser', () => {
  it('plays a game from four browsers, with a package, a message, an inject, a reload and an early end', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-class-'));
    const shots = process.env.PARLEY_SHOTS ?? join(dir, 'shots');
    mkdirSync(shots, { recursive: true });
    const ex = loadExercise(EXERCISE);
    const game = ClassGame.create(ex, seatCode);
    const files = classFiles(join(dir, 'class.json'));
    const errors: string[] = [];
    const server = await startClassServer({
      game,
      host: '127.0.0.1',
      port: 0,
      save: (g) => saveClass(g, files),
      debrief: (g) => classDebrief(g, 20),
      log: (line) => errors.push(line),
    });
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
      const open = async (code: string, phone = false): Promise<Page> => {
        const ctx = await browser!.newContext(
          phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 800 } },
        );
        const page = await ctx.newPage();
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('dialog', (d) => {
          errors.push(`a dialog opened: ${d.message()}`);
          void d.dismiss();
        });
        await page.goto(`${server.url}#${code}`);
        return page;
      };
      const seat = (role: string): string => game.record.seats.find((s) => s.role === role)!.code;
      const console = await open(game.record.instructorCode);
      const japan = await open(seat('japan'));
      const russia = await open(seat('russia'), true);
      const china = await open(seat('china'));
      // A wrong code is refused on the join form.
      const stranger = await browser.newPage();
      await stranger.goto(`${server.url}#WRNG-WRNG-WRNG`);
      await stranger.getByText('no seat has this code').waitFor();

      await console.getByRole('row', { name: /China .* 1/ }).waitFor();
      await console.getByRole('button', { name: 'Start the game' }).click();
      await japan.getByRole('heading', { name: 'You have the floor: make an offer' }).waitFor();
      await expect.poll(() => game.record.players).toEqual(['japan', 'russia', 'china']);
      await console.screenshot({ path: join(shots, 'console-1280x800.png') });

      // Japan builds a package term by term: it is checked as it changes.
      await japan.getByText('Build your own package, term by term').click();
      await japan.getByLabel('Habomai islets', { exact: true }).selectOption('transfer');
      await japan.getByLabel('Shikotan', { exact: true }).selectOption('transfer');
      await japan.getByLabel('Kunashir (Kunashiri)', { exact: true }).selectOption('talks');
      await japan.getByLabel('Iturup (Etorofu)', { exact: true }).selectOption('talks');
      await japan.getByLabel('No foreign bases on transferred territory', { exact: true }).check();
      await japan.getByText(/^Allowed: \(players' package\) transfer of/).waitFor();
      await japan.screenshot({ path: join(shots, 'team-1280x800.png') });
      await japan.getByLabel('Table your own package (below)').check();
      await japan.getByRole('button', { name: 'Table it' }).click();
      await japan.getByText('Your decision is in.').waitFor();

      // Russia, on a phone, sees the package and writes to Japan — with markup that must stay text.
      await russia.getByRole('heading', { name: 'An offer is on the table' }).waitFor();
      await russia
        .getByText(/\(players' package\) transfer of/)
        .first()
        .waitFor();
      await russia.getByLabel('Send to').selectOption('japan');
      const note = '<img src=x onerror=alert(1)> Two islands now, and what of the bases?';
      await russia.getByLabel('Message text').fill(note);
      await russia.getByRole('button', { name: 'Send' }).click();
      await japan.getByText(note).waitFor();
      expect(await japan.locator('.messages img').count()).toBe(0);
      expect(await china.getByText(note).count()).toBe(0);
      await russia.screenshot({ path: join(shots, 'team-390x844.png'), fullPage: false });
      await russia.getByRole('button', { name: /^Reject/ }).click();
      await russia.getByText('Your decision is in.').waitFor();

      // The instructor fires an inject.
      await console.getByRole('button', { name: 'Fire' }).first().click();
      await console.getByText(/us-pressure-call takes effect at the start of turn 2/).waitFor();

      // Japan's page reloads mid-game: it keeps its seat.
      await japan.reload();
      await japan.getByText('The road to Nagato (2016): islands for investment?').waitFor();
      await japan.locator('.status .big', { hasText: 'Japan' }).waitFor();

      // A few more rounds: whoever must decide takes the first option, or rejects.
      for (let round = 0; round < 6 && game.record.status === 'running'; round++) {
        const before = game.record.decisions.length;
        for (const page of [japan, russia, china]) {
          const decide = page.getByRole('button', { name: /^(Decide|Table it|Reject)/ });
          if ((await decide.count()) === 0) continue;
          const first = page.locator('[role=radiogroup] input[type=radio]').first();
          if ((await first.count()) > 0) await first.check();
          await decide.first().click();
        }
        await expect.poll(() => game.record.decisions.length).toBeGreaterThan(before);
      }
      await expect.poll(() => game.record.injects.length).toBe(1);

      // The instructor ends the game early; the pages say so.
      const turn = game.turn;
      await console.getByRole('button', { name: 'End the game' }).click();
      await japan.getByText('The game is over.').waitFor();
      await console.getByText('ended', { exact: true }).waitFor();

      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const consolePhone = await phone.newPage();
      await consolePhone.goto(`${server.url}#${game.record.instructorCode}`);
      await consolePhone.getByRole('heading', { name: 'Run the room' }).waitFor();
      await consolePhone.screenshot({ path: join(shots, 'console-390x844.png') });

      // The debrief opens from the console, on the game ended early.
      const [debrief] = await Promise.all([console.waitForEvent('popup'), console.getByText('Open the debrief').click()]);
      await debrief!.getByRole('heading', { name: /^Debrief: / }).waitFor({ timeout: 60_000 });
      expect(await debrief!.content()).toContain(`ended at turn ${turn}`);
      expect(await debrief!.locator('figure svg').count()).toBeGreaterThan(0);

      // The transcript on disk replays exactly, package, inject and early end included.
      const t = readTranscriptText(readFileSync(files.transcript, 'utf8'), files.transcript);
      expect(t.packages?.length).toBe(1);
      expect(t.ended?.turn).toBe(turn);
      expect(t.injects).toEqual([{ id: 'us-pressure-call', turn: 2 }]);
      expect(JSON.stringify(replay(ex, t).log)).toBe(JSON.stringify(game.session.log));
      expect(errors).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
