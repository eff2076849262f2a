import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { type ChangeEvent, type Hub, LocalDelivery, newVersion } from '../hub.ts';
import { type Envelope, type HubLog, consoleLog, parseEnvelope } from './envelope.ts';

export interface RedisHubOptions {
  url: string;
  channel: string;
  log?: HubLog;
  /** Shown in Redis's CLIENT LIST (yishi-hub-sub-<name>), to tell processes apart. */
  name?: string;
  /** How long start-up waits for Redis before giving up. */
  connectTimeoutMs?: number;
}

/**
 * Shares change events between server processes through Redis pub/sub.
 *
 * Two connections: a subscriber (re-subscribes by itself after a reconnect, which is reported as a
 * gap) and a publisher that fails fast while Redis is away instead of queueing, so a committed
 * command is never held up by Redis. Events are delivered locally first; a process ignores its own
 * messages when they come back.
 */
export class RedisHub extends LocalDelivery implements Hub {
  readonly kind = 'redis';
  private readonly origin = randomBytes(6).toString('hex');
  private readonly sub: Redis;
  private readonly pub: Redis;
  private closed = false;
  private readyOnce = false;
  private lastWarn = 0;
  private readonly log: HubLog;

  private constructor(private readonly opts: RedisHubOptions) {
    super();
    this.log = opts.log ?? consoleLog;
    const common = {
      lazyConnect: true,
      connectTimeout: opts.connectTimeoutMs ?? 5000,
      retryStrategy: (times: number) => Math.min(5000, 100 * 2 ** Math.min(times, 6)),
    };
    const suffix = opts.name ? `-${opts.name}` : '';
    this.sub = new Redis(opts.url, { ...common, autoResubscribe: true, connectionName: `yishi-hub-sub${suffix}` });
    this.pub = new Redis(opts.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectionName: `yishi-hub-pub${suffix}` });
    for (const c of [this.sub, this.pub]) c.on('error', (err: Error) => this.warn(`hub: redis: ${err.message}`));
    this.sub.on('ready', () => {
      if (this.readyOnce && !this.closed) {
        this.log.warn('hub: redis subscription restored');
        this.gap();
      }
      this.readyOnce = true;
    });
    this.sub.on('message', (channel: string, message: string) => {
      if (channel !== opts.channel) return;
      const env = parseEnvelope(message);
      if (!env) return this.warn('hub: ignored a malformed message');
      if (env.o === this.origin) return;
      this.deliver(env.e, { v: env.v, origin: 'remote' });
    });
  }

  /** Connects both connections and subscribes; fails if Redis cannot be reached now. */
  static async open(opts: RedisHubOptions): Promise<RedisHub> {
    const hub = new RedisHub(opts);
    try {
      await Promise.all([hub.sub.connect(), hub.pub.connect()]);
      await hub.sub.subscribe(opts.channel);
    } catch (err) {
      await hub.close();
      throw err;
    }
    return hub;
  }

  private warn(msg: string): void {
    const now = Date.now();
    if (now - this.lastWarn < 5000) return; // one line per 5 s while Redis is away
    this.lastWarn = now;
    this.log.warn(msg);
  }

  /** Delivers here at once; the PUBLISH goes out in order on the publisher connection, unawaited. */
  publish(e: ChangeEvent): Promise<void> {
    const v = newVersion();
    this.deliver(e, { v, origin: 'local' });
    if (this.closed) return Promise.resolve();
    const env: Envelope = { o: this.origin, v, e };
    this.pub.publish(this.opts.channel, JSON.stringify(env)).catch((err: unknown) => {
      this.warn(`hub: redis publish failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    return Promise.resolve();
  }

  get connected(): boolean {
    return this.sub.status === 'ready';
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.removeAllListeners();
    this.sub.disconnect();
    // QUIT lets the publishes already written go out first; a second at most.
    const quit = this.pub.status === 'ready' ? this.pub.quit().catch(() => undefined) : Promise.resolve();
    await Promise.race([quit, new Promise((r) => setTimeout(r, 1000).unref())]);
    this.pub.disconnect();
  }
}
