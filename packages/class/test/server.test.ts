import { replay } from '@parley/teaching';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClassGame, type ClassServer, classDebrief, startClassServer, type TeamView } from '../src/index.js';
import { Client, type ServerMessage } from './client.js';
import { nagato, newGame } from './helpers.js';

/**
 * The class server on loopback, driven by WebSocket clients as the pages drive it: hostile and
 * malformed messages, private seats, reconnection, and forty clients playing one game at once.
 */

const open: { server: ClassServer; clients: Client[] }[] = [];

async function serve(g: ClassGame = newGame(), failSaves = false) {
  let saves = 0;
  const server = await startClassServer({
    game: g,
    host: '127.0.0.1',
    port: 0,
    save: () => {
      if (failSaves) throw new Error('ENOSPC: no space left on device');
      saves++;
    },
    debrief: (x) => classDebrief(x, 10),
    log: () => {},
  });
  const clients: Client[] = [];
  open.push({ server, clients });
  const client = (): Client => {
    const c = new Client(server.url);
    clients.push(c);
    return c;
  };
  const code = (role: string): string => g.record.seats.find((s) => s.role === role)!.code;
  return { g, server, client, code, saves: () => saves };
}

afterEach(async () => {
  for (const { server, clients } of open.splice(0)) {
    for (const c of clients) c.ws.terminate();
    await server.close();
  }
});

const isError = (m: ServerMessage): boolean => m.type === 'error';

describe('the class server', () => {
  it('answers malformed and hostile messages with an error, never a crash, and closes a connection guessing codes', async () => {
    const { client, code, g } = await serve();
    const c = client();
    await c.opened();
    c.send('not json {');
    expect(await c.next()).toEqual({ type: 'error', message: 'not JSON' });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next()).toEqual({ type: 'error', message: 'send text, not binary' });
    c.send({ type: 'decide', key: '0:offer', decision: { kind: 'offer', choice: 0 } });
    expect((await c.next()).message).toMatch(/^join a seat first/);
    c.send({ type: 'join', code: 'x'.repeat(5000) });
    expect((await c.next()).message).toMatch(/^join a seat first/);
    const team = client();
    await team.join(code('japan'));
    for (const bad of [
      { type: 'start' },
      { type: 'decide', key: 1, decision: {} },
      { type: 'decide', key: 'k', decision: { kind: 'offer', choice: -1 } },
      { type: 'decide', key: 'k', decision: { kind: 'offer', choice: 0, extra: true } },
      { type: 'message', to: 'russia', text: 'x'.repeat(1001) },
      { type: 'message', to: '__proto__', text: 'hi' },
      { type: 'check', package: { territories: { __proto__: 'transfer' }, treaty: true, noForeignBases: false, extras: [] } },
      JSON.parse('{"__proto__": {"polluted": 1}, "type": "message", "to": "all", "text": "x"}'),
      [],
      null,
      42,
    ]) {
      team.send(bad);
      const m = await team.next((x) => x.type === 'error' || x.type === 'checked');
      expect(m.type === 'error' || (m.type === 'checked' && (m.check as { ok: boolean }).ok === false)).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A message larger than the limit closes that connection only.
    const big = client();
    await big.opened();
    big.send({ type: 'join', code: 'y'.repeat(70_000) });
    expect((await big.closed).code).toBe(1009);
    // Ten wrong codes and the connection is closed.
    const guesser = client();
    await guesser.opened();
    for (let k = 0; k < 10; k++) guesser.send({ type: 'join', code: `WRNG-${k}` });
    expect((await guesser.closed).code).toBe(1008);
    expect(guesser.received.filter(isError).length).toBe(10);
    // The game is untouched and the server still serves.
    expect(g.record.status).toBe('lobby');
    const late = client();
    expect((await late.join(code('russia'))).type).toBe('view');
  });

  it('lets no team read another team’s confidential briefing or messages, through any request', async () => {
    const { g, server, client, code } = await serve();
    const instructor = client();
    await instructor.join(g.record.instructorCode);
    const japan = client();
    const russia = client();
    const us = client();
    await japan.join(code('japan'));
    await russia.join(code('russia'));
    await us.join(code('us'));
    instructor.send({ type: 'start' });
    await japan.next((m) => m.type === 'view' && (m.view as TeamView).status === 'running');
    russia.send({ type: 'message', to: 'us', text: 'SECRET-RUSSIA-TO-US <script>alert(1)</script>' });
    instructor.send({ type: 'message', to: 'russia', text: 'SECRET-INSTRUCTOR-TO-RUSSIA' });
    await us.next((m) => m.type === 'view' && JSON.stringify(m).includes('SECRET-RUSSIA-TO-US'));
    await russia.next((m) => m.type === 'view' && JSON.stringify(m).includes('SECRET-INSTRUCTOR-TO-RUSSIA'));
    // Japan tries everything a page can send, and every address the server has.
    const p = (japan.latestView() as unknown as TeamView).pending!;
    for (const msg of [
      { type: 'check', package: { territories: { habomai: 'transfer' }, treaty: true, noForeignBases: false, extras: [] } },
      { type: 'message', to: 'russia', text: 'hello' },
      { type: 'decide', key: p.key, decision: { kind: 'offer', choice: 0 } },
    ])
      japan.send(msg);
    await japan.next((m) => m.type === 'decided');
    japan.send({ type: 'join', code: code('russia') });
    await japan.next(isError);
    const http: string[] = [];
    for (const path of [
      '/',
      '/app.js',
      '/app.css',
      `/debrief?code=${code('japan')}`,
      `/transcript.json?code=${code('japan')}`,
      '/debrief',
      '/ws',
      '/../record',
    ]) {
      const res = await fetch(new URL(path, server.url));
      http.push(`${res.status} ${await res.text()}`);
      if (path.includes('code=')) expect(res.status).toBe(403);
    }
    const seen = JSON.stringify(japan.received) + http.join('\n');
    const roles = nagato().data.roles;
    for (const other of ['russia', 'us', 'china']) for (const c of roles[other]!.confidential) expect(seen).not.toContain(c.text);
    expect(seen).not.toContain('SECRET-RUSSIA-TO-US');
    expect(seen).not.toContain('SECRET-INSTRUCTOR-TO-RUSSIA');
    for (const s of g.record.seats) if (s.role !== 'japan') expect(seen).not.toContain(s.code);
    expect(seen).not.toContain(g.record.instructorCode);
    // The instructor's code opens the transcript and the debrief, which escape what students typed.
    const t = await fetch(new URL(`/debrief?code=${g.record.instructorCode}`, server.url));
    expect(t.status).toBe(200);
    expect(t.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('tells the instructor at once when the class cannot be saved, and goes on', async () => {
    const { g, client, code } = await serve(newGame(), true);
    const instructor = client();
    await instructor.join(g.record.instructorCode);
    const japan = client();
    await japan.join(code('japan'));
    instructor.send({ type: 'start' });
    const warning = await instructor.next((m) => m.type === 'error');
    expect(warning.message).toBe(
      'could not save the class: ENOSPC: no space left on device — the game goes on, but is not saved until this is fixed',
    );
    expect(g.record.status).toBe('running');
    // Teams are not told (it is the instructor's to fix).
    expect(japan.received.some((m) => m.type === 'error')).toBe(false);
  });

  it('keeps a team’s seat when its page reconnects, takes its decision after, and seats a team that arrives late', async () => {
    const { g, client, code } = await serve();
    const instructor = client();
    await instructor.join(g.record.instructorCode);
    const first = client();
    await first.join(code('japan'));
    instructor.send({ type: 'start' });
    const v = (await first.next((m) => m.type === 'view' && (m.view as TeamView).pending !== null)).view as TeamView;
    await first.close();
    const again = client();
    const view = (await again.join(code('japan'))).view as TeamView;
    expect(view.role).toBe('japan');
    expect(view.pending?.key).toBe(v.pending!.key);
    expect(g.record.players).toEqual(['japan']);
    again.send({ type: 'decide', key: view.pending!.key, decision: { kind: 'offer', choice: 0 } });
    expect((await again.next((m) => m.type === 'decided' || m.type === 'error')).type).toBe('decided');
    expect(g.record.decisions.length).toBe(1);
    // A team that arrives after the start is seated by the instructor from the next turn.
    const late = client();
    await late.join(code('us'));
    instructor.send({ type: 'seat', role: 'us' });
    expect((await instructor.next((m) => m.type === 'notice')).text).toBe(`us's team plays from the start of turn ${g.turn + 1}`);
    expect(g.record.seated).toEqual([{ role: 'us', turn: g.turn + 1 }]);
    instructor.send({ type: 'seat', role: 'us' });
    expect((await instructor.next(isError)).message).toBe('a team already plays us');
  });

  it('plays one game with forty clients at once without losing a decision', async () => {
    const { g, client, code, saves } = await serve();
    const roles = ['japan', 'russia', 'us', 'china'];
    const instructor = client();
    await instructor.join(g.record.instructorCode);
    const students = Array.from({ length: 40 }, (_, k) => ({ k, role: roles[k % 4]!, c: client() }));
    await Promise.all(students.map((s) => s.c.join(code(s.role))));
    await instructor.next(
      (m) => m.type === 'view' && (m.view as { seats: { connected: number }[] }).seats.every((s) => s.connected === 10),
    );
    instructor.send({ type: 'start' });
    let sent = 0;
    let acks = 0;
    let records = 0;
    let refused = 0;
    // Every student answers every decision its team faces, all at once; the server takes the first.
    const play = async (s: (typeof students)[number]): Promise<void> => {
      let last = '';
      for (let round = 0; round < 500; round++) {
        const m = await s.c.next((x) => x.type === 'view');
        const v = m.view as TeamView;
        if (v.status === 'ended') return;
        const p = v.pending;
        if (!p || p.key === last) continue;
        last = p.key;
        const decision =
          p.kind === 'response'
            ? { kind: 'response', response: 'reject' }
            : { kind: p.kind === 'move' ? 'move' : 'offer', choice: (s.k + round) % p.options.length };
        s.c.send({ type: 'decide', key: p.key, decision });
        sent++;
        const r = await s.c.next((x) => x.type === 'decided' || x.type === 'error');
        if (r.type === 'decided') {
          acks++;
          records += r.records as number;
        } else {
          expect(r.message).toBe('that decision has already been taken (your page was out of date)');
          refused++;
        }
      }
      throw new Error('the game did not end in 500 rounds');
    };
    await Promise.all(students.map(play));
    expect(g.record.status).toBe('ended');
    expect(acks + refused).toBe(sent);
    expect(records).toBe(g.record.decisions.length);
    expect(acks).toBeGreaterThan(10);
    expect(new Set(g.record.decisions.map((d) => d.role))).toEqual(new Set(roles));
    // Everything taken was saved, and the game replays exactly from its transcript.
    expect(saves()).toBeGreaterThanOrEqual(acks);
    const t = g.transcript();
    expect(JSON.stringify(replay(g.ex, t).log)).toBe(JSON.stringify(g.session.log));
  });
});
