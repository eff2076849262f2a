// The browser side of GET /api/v1/live: one WebSocket per channel, reconnecting by itself. It never
// receives content, only "topic X changed"; the page refetches through the API as usual.
import { CLOSE_SESSION_ENDED, type LiveChannel, type LiveClientMessage, type LiveServerMessage, type LiveVersions } from './protocol.ts';

export type LiveStatus = 'connecting' | 'open' | 'offline' | 'ended';

export interface LiveHandlers {
  /** Topics that changed (with the ids named, when the notices named them); called at most once per `debounceMs`. */
  onChange(topics: ReadonlySet<string>, ids: ReadonlySet<string>): void;
  /** Refetch everything shown: the first connection, a reconnect to another server, or notices that may have been lost. */
  onResync(): void;
  onStatus?(status: LiveStatus): void;
}

export interface LiveOptions {
  /** Defaults to /api/v1/live on this page's host. */
  url?: string;
  /** Changes are gathered for this long before onChange (default 150 ms). */
  debounceMs?: number;
  /**
   * Refetches after a reconnect or a resync wait a random 0…jitterMs (default 1,500 ms), so a hall
   * of phones coming back together does not hit the server in the same instant.
   */
  jitterMs?: number;
}

const defaultUrl = (): string => `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/v1/live`;

export class LiveClient {
  private ws: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private epoch: string | null = null;
  private versions: LiveVersions = {};
  private pendingTopics = new Set<string>();
  private pendingIds = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastMessage = 0;
  private status: LiveStatus = 'connecting';
  private readonly onOnline = (): void => this.reconnectNow();
  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible') this.reconnectNow();
  };

  constructor(
    private readonly channel: LiveChannel,
    private readonly handlers: LiveHandlers,
    private readonly opts: LiveOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisible);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisible);
    for (const t of [this.flushTimer, this.retryTimer]) if (t) clearTimeout(t);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.ws?.close(1000);
    this.ws = null;
  }

  private setStatus(s: LiveStatus): void {
    if (s === this.status) return;
    this.status = s;
    this.handlers.onStatus?.(s);
  }

  private connect(): void {
    if (this.stopped) return;
    const q = new URLSearchParams({ congressId: this.channel.congressId });
    if (this.channel.meetingId) q.set('meetingId', this.channel.meetingId);
    const ws = new WebSocket(`${this.opts.url ?? defaultUrl()}?${q.toString()}`);
    this.ws = ws;
    this.setStatus('connecting');
    ws.onmessage = (ev: MessageEvent<string>) => {
      this.lastMessage = Date.now();
      this.onMessage(JSON.parse(ev.data) as LiveServerMessage);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.pingTimer) clearInterval(this.pingTimer);
      if (this.stopped) return;
      if (ev.code === CLOSE_SESSION_ENDED) {
        this.setStatus('ended');
        return;
      }
      this.setStatus('offline');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.stopped) return;
    const delay = Math.min(30_000, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private reconnectNow(): void {
    if (this.stopped || this.ws || this.status === 'ended') return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    this.connect();
  }

  private send(m: LiveClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  private onMessage(m: LiveServerMessage): void {
    switch (m.type) {
      case 'hello': {
        const first = this.epoch === null;
        this.attempt = 0;
        this.setStatus('open');
        this.startPings(m.heartbeatMs);
        if (first || m.epoch !== this.epoch) {
          // First contact, or a server that does not know what we saw: refetch everything.
          this.epoch = m.epoch;
          this.versions = { ...m.versions };
          this.later(first ? 0 : this.jitter(), () => this.handlers.onResync());
          return;
        }
        const changed = new Set<string>();
        for (const t of new Set([...Object.keys(m.versions), ...Object.keys(this.versions)])) if (m.versions[t] !== this.versions[t]) changed.add(t);
        this.versions = { ...m.versions };
        if (changed.size > 0) this.later(this.jitter(), () => this.handlers.onChange(changed, new Set()));
        return;
      }
      case 'changed':
        this.versions[m.topic] = m.v;
        this.pendingTopics.add(m.topic);
        if (m.id) this.pendingIds.add(m.id);
        this.flushTimer ??= setTimeout(() => {
          this.flushTimer = null;
          const topics = this.pendingTopics;
          const ids = this.pendingIds;
          this.pendingTopics = new Set();
          this.pendingIds = new Set();
          this.handlers.onChange(topics, ids);
        }, this.opts.debounceMs ?? 150);
        return;
      case 'resync':
        this.epoch = m.epoch;
        this.versions = {};
        this.later(this.jitter(), () => this.handlers.onResync());
        return;
      case 'error':
        console.warn('live:', m.code, m.message_en);
        return;
      case 'subscribed':
      case 'unsubscribed':
      case 'pong':
        return;
    }
  }

  /** The browser cannot see WebSocket pings: the client pings too, and reconnects when the line goes quiet. */
  private startPings(heartbeatMs: number): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    const every = Math.max(5000, Math.min(heartbeatMs, 30_000));
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastMessage > every * 2.5) {
        this.ws?.close(4000, 'no answer');
        return;
      }
      this.send({ type: 'ping' });
    }, every);
  }

  private jitter(): number {
    return Math.random() * (this.opts.jitterMs ?? 1500);
  }

  private later(ms: number, fn: () => void): void {
    setTimeout(() => {
      if (!this.stopped) fn();
    }, ms);
  }
}
