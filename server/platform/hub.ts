import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

/**
 * A "this changed" notice. It carries ids, never content: clients refetch through the API, which
 * applies the reader's permissions. Commands record these with `rec.emit(...)`; they are written to
 * the outbox in the command's transaction and published to the hub after commit.
 */
export interface ChangeEvent {
  topic: string;
  congressId: string | null;
  id?: string;
  /**
   * The meeting the change belongs to, when it belongs to one. Live clients watching that meeting
   * get it; an event without a meetingId reaches everyone watching the congress or any of its
   * meetings (more notices, never fewer).
   */
  meetingId?: string;
  /**
   * Who may hear that it changed. 'public': anyone watching the congress, logged in or not (only
   * for things the public may read, e.g. a public meeting's quorum). 'congress' (the default for
   * every topic except 'congress'): only users holding a role in that congress.
   */
  audience?: 'public' | 'congress';
  /**
   * A counter moved (one more ballot, one more sign-in) rather than a state change. Live clients
   * get such notices merged over a longer window; state changes of the same thing (a poll closed)
   * are never held back behind them.
   */
  tally?: boolean;
}

/** What the hub adds when it delivers an event. */
export interface EventMeta {
  /** A version stamp set once, by the publishing process; every process sees the same one. */
  v: string;
  /** Whether the event was published by this process or relayed from another one. */
  origin: 'local' | 'remote';
}

export type HubListener = (e: ChangeEvent, meta: EventMeta) => void;

export interface Hub {
  /** 'local', 'postgres' or 'redis'. */
  readonly kind?: string;
  /** Delivers to this process's subscribers and, for a shared hub, to every other process. Never rejects. */
  publish(e: ChangeEvent): Promise<void>;
  subscribe(fn: HubListener): () => void;
  /**
   * Called when events from other processes may have been missed (the shared connection dropped
   * and came back). Listeners tell their clients to refetch. Local hubs never call it.
   */
  onGap?(fn: () => void): () => void;
  close(): Promise<void>;
}

let counter = 0;
const processTag = randomBytes(3).toString('hex');

/** A version stamp: unique across processes; sorts by time (across processes as far as their clocks agree). */
export function newVersion(): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  return `${Date.now().toString(36).padStart(9, '0')}${counter.toString(36).padStart(4, '0')}${processTag}`;
}

/** In-process delivery: the part every hub shares. A throwing listener does not stop the others. */
export class LocalDelivery {
  private readonly em = new EventEmitter();
  private readonly gapEm = new EventEmitter();
  constructor() {
    this.em.setMaxListeners(0);
    this.gapEm.setMaxListeners(0);
  }
  protected deliver(e: ChangeEvent, meta: EventMeta): void {
    for (const fn of this.em.listeners('change') as HubListener[]) {
      try {
        fn(e, meta);
      } catch (err) {
        console.error('hub listener failed', err);
      }
    }
  }
  protected gap(): void {
    this.gapEm.emit('gap');
  }
  subscribe(fn: HubListener): () => void {
    this.em.on('change', fn);
    return () => this.em.off('change', fn);
  }
  onGap(fn: () => void): () => void {
    this.gapEm.on('gap', fn);
    return () => this.gapEm.off('gap', fn);
  }
  protected removeAllListeners(): void {
    this.em.removeAllListeners();
    this.gapEm.removeAllListeners();
  }
}

/** Delivers to listeners in this process only (SQLite: one process). */
export class LocalHub extends LocalDelivery implements Hub {
  readonly kind = 'local';
  publish(e: ChangeEvent): Promise<void> {
    this.deliver(e, { v: newVersion(), origin: 'local' });
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.removeAllListeners();
    return Promise.resolve();
  }
}
