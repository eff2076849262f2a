// A small WebSocket client for the live tests: collects messages and waits for the one wanted.
import WebSocket from 'ws';

export interface Msg {
  type: string;
  [k: string]: unknown;
}

export class LiveTestClient {
  readonly messages: Msg[] = [];
  closeCode: number | null = null;
  private waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];
  private closeWaiters: ((code: number) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse((data as Buffer).toString('utf8')) as Msg;
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(m)) return true;
        w.resolve(m);
        return false;
      });
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.closeWaiters) w(code);
    });
  }

  /** Connects; rejects with the HTTP status when the server refuses the upgrade. */
  static connect(url: string, opts: { headers?: Record<string, string> } = {}): Promise<LiveTestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: opts.headers ?? {}, perMessageDeflate: false });
      const client = new LiveTestClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (req, res) => {
        req.destroy();
        reject(new Error(`HTTP ${res.statusCode}`));
      });
      ws.once('error', reject);
    });
  }

  next(pred: (m: Msg) => boolean, timeoutMs = 5000, what = 'message'): Promise<Msg> {
    const seen = this.messages.find(pred);
    if (seen) {
      this.messages.splice(this.messages.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages)}`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          this.messages.splice(this.messages.indexOf(m), 1);
          resolve(m);
        },
      });
    });
  }

  type(type: string, timeoutMs?: number): Promise<Msg> {
    return this.next((m) => m.type === type, timeoutMs, type);
  }

  send(m: unknown): void {
    this.ws.send(JSON.stringify(m));
  }

  /** Waits a little and returns the messages of a type that arrived meanwhile. */
  async drain(type: string, ms: number): Promise<Msg[]> {
    await new Promise((r) => setTimeout(r, ms));
    const got = this.messages.filter((m) => m.type === type);
    for (const m of got) this.messages.splice(this.messages.indexOf(m), 1);
    return got;
  }

  closed(timeoutMs = 5000): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.closeWaiters.push((code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
