import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Client } from '../packages/class/test/client.js';

/** `parley class` as an instructor runs it: the addresses and codes printed, saved as it goes, stopped and resumed. */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = ['--conditions=source', '--import', 'tsx', join(ROOT, 'packages/cli/src/bin.ts')];
const NAGATO = 'scenarios/exercises/nagato-2016.yaml';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'parley-class-cli-'));

/** Start `parley class …`; resolves with the process and what it printed once it says how to stop it. */
function start(args: string[]): Promise<{ p: ChildProcess; out: string; done: Promise<{ code: number | null; err: string }> }> {
  const p = spawn(process.execPath, [...BIN, 'class', NAGATO, '--port', '0', '--no-qr', ...args], {
    cwd: ROOT,
    env: { ...process.env, INIT_CWD: ROOT },
  });
  let out = '';
  let err = '';
  p.stderr!.on('data', (d) => {
    err += String(d);
  });
  const done = new Promise<{ code: number | null; err: string }>((resolve) => p.on('close', (code) => resolve({ code, err })));
  return new Promise((resolve, reject) => {
    p.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('Stop with Ctrl-C.')) resolve({ p, out, done });
    });
    void done.then((r) => reject(new Error(`parley class exited (${r.code}) before serving: ${r.err}`)));
  });
}

const field = (out: string, label: RegExp): string => label.exec(out)![1]!;

describe('parley class', () => {
  it('prints the join address, the console and a code per seat; saves after every change; stops and resumes with the same codes', async () => {
    const dir = tmp();
    const out = join(dir, 'class.json');
    const first = await start(['--out', out]);
    const url = field(first.out, /Teams join at: +(http:\/\/127\.0\.0\.1:\d+\/)/);
    const instructor = field(first.out, /Your console: +http:\S+#(\S+)/);
    const japan = field(first.out, /Japan +(\S{4}-\S{4}-\S{4})/);
    expect(first.out).toMatch(/Only this computer can reach it \(loopback\)/);
    const i = new Client(url);
    await i.join(instructor);
    const j = new Client(url);
    await j.join(japan);
    i.send({ type: 'start' });
    const view = await j.next((m) => m.type === 'view' && (m.view as { pending: unknown }).pending !== null);
    j.send({ type: 'decide', key: (view.view as { pending: { key: string } }).pending.key, decision: { kind: 'offer', choice: 0 } });
    await j.next((m) => m.type === 'decided');
    // Saved before the page was told.
    const record = JSON.parse(readFileSync(join(dir, 'class.class.json'), 'utf8'));
    expect(record.decisions).toHaveLength(1);
    expect(existsSync(out)).toBe(true);
    first.p.kill('SIGTERM');
    const stopped = await first.done;
    expect(stopped.code).toBe(0);
    expect(stopped.err).toContain(`the class is saved; go on with: pnpm parley class ${NAGATO} --resume `);

    const again = await start(['--resume', join(dir, 'class.class.json')]);
    const url2 = field(again.out, /Teams join at: +(http:\S+)/);
    expect(field(again.out, /Japan +(\S{4}-\S{4}-\S{4})/)).toBe(japan);
    const j2 = new Client(url2);
    const v2 = await j2.join(japan);
    expect((v2.view as { role: string }).role).toBe('japan');
    expect((v2.view as { status: string }).status).toBe('running');
    again.p.kill('SIGTERM');
    expect((await again.done).code).toBe(0);
  });

  it('refuses a broken saved class, a port in use and an existing transcript, in one line with exit code 2', async () => {
    const dir = tmp();
    const bad = join(dir, 'x.class.json');
    writeFileSync(bad, '{"schema":"parley.class/1","exercise":"nagato-2016"}');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [...BIN, 'class', NAGATO, '--no-qr', ...args], { cwd: ROOT, encoding: 'utf8' });
    const r = run('--resume', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/x\.class\.json +scenarioHash +not a saved class: missing required field/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const taken = join(dir, 'taken.json');
    writeFileSync(taken, '{}');
    const e = run('--out', taken, '--port', '0');
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/taken\.json.*exists/);
    expect(run('--out', join(dir, 'x.txt')).stderr).toMatch(/--out .*x\.txt: the transcript is JSON/);
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as AddressInfo).port;
    const inUse = run('--out', join(dir, 'y.json'), '--port', String(port));
    busy.close();
    expect(inUse.status).toBe(2);
    expect(inUse.stderr).toBe(`parley: --port ${port}: the port is in use; choose another (or --port 0 for any free one)\n`);
  });
});
