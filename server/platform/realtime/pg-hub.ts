import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type ChangeEvent, type Hub, LocalDelivery, newVersion } from '../hub.ts';
import { type HubLog, type Envelope, consoleLog, parseEnvelope } from './envelope.ts';

export interface PgHubOptions {
  url: string;
  /** The LISTEN/NOTIFY channel; processes that share events use the same one. */
  channel: string;
  log?: HubLog;
}

// NOTIFY payloads are limited to 8000 bytes; events are a few hundred at most.
const MAX_PAYLOAD = 7900;

/**
 * Shares change events between server processes through PostgreSQL LISTEN/NOTIFY.
 *
 * - One dedicated connection LISTENs; when it drops it reconnects with backoff and reports a gap
 *   (events sent meanwhile are lost, so live clients are told to refetch).
 * - NOTIFY goes through a separate one-connection pool, so a publish never waits for the listener
 *   to come back and the events of one process stay in order; the command does not wait for it.
 * - Events are delivered to this process's subscribers directly; the process ignores its own
 *   notifications when they come back.
 * - publish never rejects: the command that produced the event has committed already.
 */
export class PgHub extends LocalDelivery implements Hub {
  readonly kind = 'postgres';
  private readonly origin = randomBytes(6).toString('hex');
  private readonly notifier: pg.Pool;
  private listener: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private attempt = 0;
  private readonly outgoing: string[] = [];
  private sending: Promise<void> | null = null;
  private readonly log: HubLog;

  private constructor(private readonly opts: PgHubOptions) {
    super();
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(opts.channel)) throw new Error(`invalid LISTEN channel name: ${opts.channel}`);
    this.log = opts.log ?? consoleLog;
    this.notifier = new pg.Pool({ connectionString: opts.url, max: 1, idleTimeoutMillis: 0 });
    this.notifier.on('error', (err) => this.log.warn(`hub notify connection: ${err.message}`));
  }

  /** Connects and starts listening; fails if PostgreSQL cannot be reached now. */
  static async open(opts: PgHubOptions): Promise<PgHub> {
    const hub = new PgHub(opts);
    await hub.listen();
    return hub;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.url });
    const lost = (why: string): void => {
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.log.warn(`hub: LISTEN connection lost (${why}); reconnecting`);
      this.scheduleReconnect();
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('ended'));
    client.on('notification', (msg) => {
      if (msg.channel !== this.opts.channel || !msg.payload) return;
      const env = parseEnvelope(msg.payload);
      if (!env) return this.log.warn('hub: ignored a malformed notification');
      if (env.o === this.origin) return; // ours: already delivered locally
      this.deliver(env.e, { v: env.v, origin: 'remote' });
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.opts.channel}"`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    const delay = Math.min(5000, 100 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt++;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.listen().then(
        () => {
          this.attempt = 0;
          if (this.closed) return;
          this.log.warn('hub: LISTEN connection restored');
          this.gap();
        },
        (err: unknown) => {
          this.log.warn(`hub: reconnect failed: ${err instanceof Error ? err.message : String(err)}`);
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.retry.unref();
  }

  /**
   * Delivers here at once and queues the NOTIFY: the command's response does not wait for
   * PostgreSQL. Queued events go out in order, many per round trip when they pile up.
   */
  publish(e: ChangeEvent): Promise<void> {
    const v = newVersion();
    this.deliver(e, { v, origin: 'local' });
    if (this.closed) return Promise.resolve();
    const env: Envelope = { o: this.origin, v, e };
    const payload = JSON.stringify(env);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
      this.log.warn(`hub: event too large to share (${e.topic})`);
      return Promise.resolve();
    }
    this.outgoing.push(payload);
    this.sending ??= this.send().finally(() => {
      this.sending = null;
    });
    return Promise.resolve();
  }

  private async send(): Promise<void> {
    while (this.outgoing.length > 0) {
      const batch = this.outgoing.splice(0, 200);
      try {
        await this.notifier.query('select pg_notify($1, p) from unnest($2::text[]) with ordinality as t(p, i) order by i', [this.opts.channel, batch]);
      } catch (err) {
        this.log.warn(`hub: NOTIFY failed (${batch.length} events): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** Resolves when every queued event has been handed to PostgreSQL. */
  async flushed(): Promise<void> {
    while (this.sending) await this.sending;
  }

  /** True while the LISTEN connection is up. */
  get connected(): boolean {
    return this.listener !== null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushed();
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const l = this.listener;
    this.listener = null;
    this.removeAllListeners();
    await Promise.allSettled([l?.end(), this.notifier.end()]);
  }
}
