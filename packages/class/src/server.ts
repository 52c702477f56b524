import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { ClassError } from './errors.js';
import type { ClassGame } from './game.js';
import { InstructorMessage, JoinMessage, problem, TeamMessage } from './protocol.js';
import { consoleView, teamView } from './views.js';

/**
 * The class's server: the pages over HTTP, the game over one WebSocket per open page (ws). Every
 * page joins with a code — a team's seat or the instructor's console — and is sent its own view
 * after every change; every change is saved first (the `save` callback writes the record and the
 * transcript atomically), so whatever a page has seen is on disk. Bound to one address (loopback
 * unless the instructor chooses the LAN); needs no network beyond it.
 */

export interface ClassServerOptions {
  readonly game: ClassGame;
  readonly host: string;
  readonly port: number;
  /** Save the game (record, transcript): called after every change, before any page is told. */
  readonly save: (g: ClassGame) => void;
  /** The debrief of the game as it stands, as HTML. */
  readonly debrief: (g: ClassGame) => Promise<string>;
  readonly now?: () => number;
  /** Where problems the class cannot fix are reported (a save that failed). */
  readonly log?: (line: string) => void;
}

export interface ClassServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

type Seat = { readonly kind: 'team'; readonly role: string } | { readonly kind: 'instructor' };

const WEB = new URL('../web/', import.meta.url);
const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** Wrong codes a connection may try before it is closed. */
const MAX_WRONG_CODES = 10;

export async function startClassServer(o: ClassServerOptions): Promise<ClassServer> {
  const { game } = o;
  const now = o.now ?? Date.now;
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seats = new Map<WebSocket, Seat>();
  const files = new Map(Object.entries(STATIC).map(([path, s]) => [path, readFileSync(new URL(s.file, WEB))]));
  let clock: NodeJS.Timeout | null = null;

  const seatOf = (code: string): Seat | null => {
    if (code === game.record.instructorCode) return { kind: 'instructor' };
    const s = game.record.seats.find((x) => x.code === code);
    return s ? { kind: 'team', role: s.role } : null;
  };

  const connected = (): Record<string, number> => {
    const n: Record<string, number> = {};
    for (const s of seats.values()) if (s.kind === 'team') n[s.role] = (n[s.role] ?? 0) + 1;
    return n;
  };

  const send = (ws: WebSocket, msg: unknown): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  /** Every page its own view of the game as it now stands. */
  const broadcast = (): void => {
    const t = now();
    const views = new Map<string, unknown>();
    const count = connected();
    for (const [ws, seat] of seats) {
      const key = seat.kind === 'team' ? seat.role : '';
      if (!views.has(key)) views.set(key, seat.kind === 'team' ? teamView(game, seat.role, t) : consoleView(game, t, count));
      send(ws, { type: 'view', view: views.get(key) });
    }
  };

  /** The clock: when the open decisions are due, they are taken (game.expire). */
  const arm = (): void => {
    if (clock) clearTimeout(clock);
    clock = null;
    const d = game.deadline;
    if (d === null) return;
    clock = setTimeout(
      () => {
        clock = null;
        game.expire(now());
        changed();
      },
      Math.max(0, d - now()),
    );
  };

  const changed = (): void => {
    try {
      o.save(game);
    } catch (e) {
      // The class goes on; the instructor is told at once (on the console and in the terminal) to make room or move.
      const why = `could not save the class: ${e instanceof Error ? e.message : String(e)}`;
      log(why);
      for (const [ws, seat] of seats)
        if (seat.kind === 'instructor')
          send(ws, { type: 'error', message: `${why} — the game goes on, but is not saved until this is fixed` });
    }
    arm();
    broadcast();
  };

  /** What a message did: whether the game changed (saved and sent to every page), and the reply to its page (after saving). */
  type Done = { readonly change: boolean; readonly reply?: unknown };

  const onTeam = (role: string, m: TeamMessage): Done => {
    const t = now();
    switch (m.type) {
      case 'decide': {
        const records = game.decide(role, m.key, m.decision, t);
        return { change: true, reply: { type: 'decided', key: m.key, records } };
      }
      case 'check':
        return { change: false, reply: { type: 'checked', check: game.check(role, m.package) } };
      case 'message':
        game.message(role, m.to, m.text);
        return { change: true };
    }
  };

  const onInstructor = (m: InstructorMessage): Done => {
    const t = now();
    switch (m.type) {
      case 'start': {
        const taken = Object.keys(connected());
        game.start(taken, t);
        return { change: true };
      }
      case 'pause':
        game.pause(t);
        return { change: true };
      case 'resume':
        game.resume(t);
        return { change: true };
      case 'end':
        game.end();
        return { change: true };
      case 'extend':
        game.extend(m.turns, t);
        return { change: true };
      case 'inject': {
        const { turn } = game.fire(m.id);
        return { change: true, reply: { type: 'notice', text: `${m.id} takes effect at the start of turn ${turn}` } };
      }
      case 'hints':
        game.setHints(m.role, m.on);
        return { change: true };
      case 'seat': {
        const { turn } = game.seat(m.role);
        return { change: true, reply: { type: 'notice', text: `${m.role}'s team plays from the start of turn ${turn}` } };
      }
      case 'clock':
        game.setClock(m.seconds, t);
        return { change: true };
      case 'close-round':
        if (game.deadline === null && game.record.status === 'running') game.deadline = t;
        game.expire(t);
        return { change: true };
      case 'message':
        game.message('instructor', m.to, m.text);
        return { change: true };
    }
  };

  const wrong = new Map<WebSocket, number>();
  const onMessage = (ws: WebSocket, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void => {
    let raw: unknown;
    try {
      if (isBinary) throw new ClassError('send text, not binary');
      raw = JSON.parse(String(data));
    } catch (e) {
      send(ws, { type: 'error', message: e instanceof ClassError ? e.message : 'not JSON' });
      return;
    }
    const seat = seats.get(ws);
    try {
      if (!seat) {
        const j = JoinMessage.safeParse(raw);
        if (!j.success) throw new ClassError('join a seat first: {"type":"join","code":"…"}');
        const s = seatOf(j.data.code);
        if (!s) {
          const n = (wrong.get(ws) ?? 0) + 1;
          wrong.set(ws, n);
          send(ws, { type: 'error', message: 'no seat has this code' });
          if (n >= MAX_WRONG_CODES) ws.close(1008, 'too many wrong codes');
          return;
        }
        seats.set(ws, s);
        send(ws, { type: 'joined', as: s.kind, ...(s.kind === 'team' ? { role: s.role } : {}) });
        // The others see who has joined (the console its counts); the new page its view.
        broadcast();
        return;
      }
      let done: Done;
      if (seat.kind === 'team') {
        const m = TeamMessage.safeParse(raw);
        if (!m.success) throw new ClassError(problem(m.error));
        done = onTeam(seat.role, m.data);
      } else {
        const m = InstructorMessage.safeParse(raw);
        if (!m.success) throw new ClassError(problem(m.error));
        done = onInstructor(m.data);
      }
      if (done.change) changed();
      if (done.reply !== undefined) send(ws, done.reply);
    } catch (e) {
      if (e instanceof ClassError) send(ws, { type: 'error', message: e.message });
      else {
        log(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        send(ws, { type: 'error', message: 'the server could not do this (it is logged); the game is unchanged' });
      }
    }
  };

  const instructorOnly = (req: IncomingMessage, url: URL): boolean =>
    url.searchParams.get('code') === game.record.instructorCode && req.method === 'GET';

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://class.invalid');
    const head = (status: number, type: string, csp = PAGE_CSP): void => {
      res.writeHead(status, {
        'content-type': type,
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
    };
    const s = STATIC[url.pathname];
    if (s && (req.method === 'GET' || req.method === 'HEAD')) {
      head(200, s.type);
      res.end(req.method === 'HEAD' ? undefined : files.get(url.pathname));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname === '/debrief' || url.pathname === '/transcript.json') {
      if (!instructorOnly(req, url)) {
        head(403, 'text/plain; charset=utf-8');
        res.end('the instructor’s code is needed\n');
        return;
      }
      try {
        if (url.pathname === '/transcript.json') {
          head(200, 'application/json; charset=utf-8');
          res.end(JSON.stringify(game.transcript(), null, 2));
        } else {
          const html = await o.debrief(game);
          head(200, 'text/html; charset=utf-8', REPORT_CSP);
          res.end(html);
        }
      } catch (e) {
        log(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        head(500, 'text/plain; charset=utf-8');
        res.end('the debrief could not be made (it is logged)\n');
      }
      return;
    }
    head(404, 'text/plain; charset=utf-8');
    res.end('not found\n');
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e) => {
      log(`internal error: ${String(e)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  // Made once the address is bound (ws re-emits the server's errors, a port in use among them).
  const wss = new WebSocketServer({ server, path: '/ws', maxPayload: 64 * 1024 });
  wss.on('error', (e) => log(`server error: ${e.message}`));
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => onMessage(ws, data, isBinary));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      const had = seats.delete(ws);
      wrong.delete(ws);
      if (had) broadcast();
    });
  });
  arm();
  const port = (server.address() as AddressInfo).port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}/`,
    port,
    close: async () => {
      if (clock) clearTimeout(clock);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
