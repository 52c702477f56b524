import { loadExercise } from '@parley/scenario';
import { chromium } from 'playwright-core';
import { ClassGame, classDebrief, seatCode, startClassServer } from '../src/index.js';

const ex = loadExercise('/work/main/scenarios/exercises/nagato-2016.yaml');
const game = ClassGame.create(ex, seatCode);
const server = await startClassServer({ game, host: '127.0.0.1', port: 0, save: () => {}, debrief: (g) => classDebrief(g, 20) });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const code = (role: string) => game.record.seats.find((s) => s.role === role)!.code;
const ctxI = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const inst = await ctxI.newPage();
inst.on('console', (m) => console.log('inst console:', m.text()));
inst.on('pageerror', (e) => console.log('inst error:', e.message));
await inst.goto(`${server.url}#${game.record.instructorCode}`);
const ctxJ = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const japan = await ctxJ.newPage();
japan.on('pageerror', (e) => console.log('japan error:', e.message));
await japan.goto(`${server.url}#${code('japan')}`);
const ctxR = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 2 });
const russia = await ctxR.newPage();
russia.on('pageerror', (e) => console.log('russia error:', e.message));
await russia.goto(`${server.url}#${code('russia')}`);
await inst.getByRole('columnheader', { name: 'Deciding' }).waitFor();
await inst.getByRole('button', { name: 'Start the game' }).click();
await japan.getByText('You have the floor').waitFor();
await japan.getByText('Build your own package').click();
await japan
  .getByLabel('Habomai islets', { exact: true })
  .selectOption('transfer')
  .catch(async () => console.log(await japan.content()));
await japan.waitForTimeout(500);
await inst.screenshot({ path: '/tmp/cls/console-1280.png', fullPage: true });
await japan.screenshot({ path: '/tmp/cls/team-1280.png', fullPage: true });
await russia.screenshot({ path: '/tmp/cls/team-390.png', fullPage: true });
const ctxI2 = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
const inst2 = await ctxI2.newPage();
await inst2.goto(`${server.url}#${game.record.instructorCode}`);
await inst2.getByRole('columnheader', { name: 'Deciding' }).waitFor();
await inst2.screenshot({ path: '/tmp/cls/console-390.png', fullPage: true });
await browser.close();
await server.close();
