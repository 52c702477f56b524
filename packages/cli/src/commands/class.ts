import { networkInterfaces } from 'node:os';
import { basename, relative, resolve } from 'node:path';
import {
  ClassError,
  ClassGame,
  classDebrief,
  classFiles,
  qrText,
  readClassRecord,
  saveClass,
  seatCode,
  startClassServer,
} from '@parley/class';
import { loadExercise, readScenarioText } from '@parley/scenario';
import { UsageError } from '../errors.js';
import { outputFiles } from '../outputs.js';
import type { Terminal } from './batch.js';

export interface ClassOptions {
  readonly host: string;
  readonly port: number;
  readonly out?: string;
  readonly resume?: string;
  readonly force: boolean;
  readonly runs: number;
  readonly qr: boolean;
}

/** The address to bind: loopback by default, `lan` for this machine's first LAN address, or an address given. */
export function bindAddress(host: string): string {
  if (host !== 'lan') return host;
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  throw new UsageError('--host lan: this machine has no LAN address (IPv4, not loopback); give the address to bind with --host');
}

/**
 * `parley class`: run a class — the server the teams' laptops and the instructor's console connect
 * to. Prints the join address (with a QR code), the console's address and each seat's code; saves
 * the class and its transcript after every change; Ctrl-C stops the server and says how to resume.
 */
export async function classCommand(file: string, o: ClassOptions, cwd: string, t: Terminal, stop: Promise<unknown>): Promise<number> {
  const ex = loadExercise(file, cwd);
  const inputs = [resolve(cwd, file), ...ex.scenario.paths];
  let game: ClassGame;
  let transcript: string;
  if (o.resume) {
    if (!/\.class\.json$/i.test(o.resume)) throw new UsageError(`--resume ${o.resume}: expected the .class.json a class saved`);
    const record = readClassRecord(readScenarioText(resolve(cwd, o.resume), o.resume), o.resume);
    try {
      game = ClassGame.resume(ex, record, Date.now());
    } catch (e) {
      if (e instanceof ClassError) throw new UsageError(`--resume ${o.resume}: ${e.message}`);
      throw e;
    }
    transcript = resolve(cwd, o.resume.replace(/\.class\.json$/i, '.json'));
  } else {
    const out = o.out ?? `${ex.data.id}-class.json`;
    if (!/\.json$/i.test(out)) throw new UsageError(`--out ${out}: the transcript is JSON: give a name ending in .json`);
    const f = classFiles(out);
    // Checked before the class starts: an hour's play must not end in "cannot write".
    outputFiles(out, cwd, [basename(f.record), basename(f.markdown)], { inputs, force: o.force });
    game = ClassGame.create(ex, seatCode);
    transcript = resolve(cwd, out);
  }
  const files = classFiles(transcript);
  saveClass(game, files);
  const host = bindAddress(o.host);
  let server: Awaited<ReturnType<typeof startClassServer>>;
  try {
    server = await startClassServer({
      game,
      host,
      port: o.port,
      save: (g) => saveClass(g, files),
      debrief: (g) => classDebrief(g, o.runs),
      log: (line) => t.err(`${line}\n`),
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${o.port}: the port is in use; choose another (or --port 0 for any free one)`);
    if (code === 'EADDRNOTAVAIL') throw new UsageError(`--host ${o.host}: this machine has no such address`);
    throw e;
  }
  const m = game.model;
  const lines = [
    `${ex.data.title}`,
    '',
    `Teams join at:   ${server.url}`,
    `Your console:    ${server.url}#${game.record.instructorCode}   (keep this code to yourself)`,
    '',
    'Seat codes (one per team; several students may share one):',
    ...game.record.seats.map((s) => `  ${m.actors[game.actorOf(s.role)]!.name.padEnd(16)} ${s.code}`),
    '',
    host === '127.0.0.1' || host === '::1' || host === 'localhost'
      ? 'Only this computer can reach it (loopback). For laptops on the same network: --host lan'
      : 'Laptops on the same network can reach it; nothing else is needed (no internet).',
    `Saved after every change: ${basename(files.record)} (resume with --resume), ${basename(files.transcript)} and its Markdown.`,
    'Stop with Ctrl-C.',
    '',
  ];
  t.out(lines.join('\n'));
  if (o.qr) {
    t.out(`${await qrText(server.url)}\n`);
  }
  await stop;
  await server.close();
  saveClass(game, files);
  t.err(
    game.record.status === 'ended'
      ? `the class is over; debrief it with: pnpm parley debrief ${relative(cwd, files.transcript)} --out debrief.html\n`
      : `the class is saved; go on with: pnpm parley class ${file} --resume ${relative(cwd, files.record)}\n`,
  );
  return 0;
}
