import { EventEmitter } from 'node:events';

/** A "this changed" notice. It carries ids, never content: clients refetch through the API. */
export interface ChangeEvent {
  topic: string;
  congressId: string | null;
  id?: string;
}

export interface Hub {
  publish(e: ChangeEvent): Promise<void>;
  subscribe(fn: (e: ChangeEvent) => void): () => void;
  close(): Promise<void>;
}

/** Delivers to listeners in this process only. */
export class LocalHub implements Hub {
  private readonly em = new EventEmitter();
  constructor() {
    this.em.setMaxListeners(0);
  }
  publish(e: ChangeEvent): Promise<void> {
    this.em.emit('change', e);
    return Promise.resolve();
  }
  subscribe(fn: (e: ChangeEvent) => void): () => void {
    this.em.on('change', fn);
    return () => this.em.off('change', fn);
  }
  close(): Promise<void> {
    this.em.removeAllListeners();
    return Promise.resolve();
  }
}
