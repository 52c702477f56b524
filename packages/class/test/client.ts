import WebSocket from 'ws';

/** A message the server sent. */
export type ServerMessage = { readonly type: string } & Record<string, unknown>;

/**
 * A test's WebSocket client of a class server: it keeps every message it receives, and `next`
 * takes the first one not yet taken that matches, waiting for it if need be — it never misses a
 * message that came before it asked, never drops one it was not asked for, and never sleeps.
 */
export class Client {
  readonly ws: WebSocket;
  readonly received: ServerMessage[] = [];
  /** Messages not taken yet, in order. */
  private readonly left: ServerMessage[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number }>;

  constructor(url: string) {
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}ws`);
    this.ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      this.received.push(m);
      this.left.push(m);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code) => {
        resolve({ code });
        for (const w of this.waiters.splice(0)) w();
      });
    });
  }

  opened(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** The first message not yet taken that matches, taken now; the others stay for later calls. */
  async next(match: (m: ServerMessage) => boolean = () => true): Promise<ServerMessage> {
    for (;;) {
      const k = this.left.findIndex(match);
      if (k >= 0) return this.left.splice(k, 1)[0]!;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error('the connection closed');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Join a seat and wait for the first view. */
  async join(code: string): Promise<ServerMessage> {
    await this.opened();
    this.send({ type: 'join', code });
    await this.next((m) => m.type === 'joined' || m.type === 'error');
    return this.next((m) => m.type === 'view');
  }

  /** The latest view received (of those taken or not). */
  latestView(): Record<string, unknown> {
    for (let k = this.received.length - 1; k >= 0; k--)
      if (this.received[k]!.type === 'view') return this.received[k]!.view as Record<string, unknown>;
    throw new Error('no view yet');
  }

  close(): Promise<{ code: number }> {
    this.ws.close();
    return this.closed;
  }
}
