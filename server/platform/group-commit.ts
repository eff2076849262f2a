/** Something waiting to be written; the writer settles it once its batch has committed (or failed). */
export interface Waiting {
  reject(e: unknown): void;
}

/**
 * Group commit: while one batch is being written, new requests queue up and are written together
 * in the next transaction. Under load a transaction carries many requests, so the fixed cost of a
 * transaction (BEGIN/COMMIT, the audit chain's head, change events) is paid once per batch rather
 * than once per request; when idle, a request is written at once. The writer settles every item
 * it is given; if it throws, the items it left unsettled are rejected with that error.
 */
export class GroupCommit<T extends Waiting> {
  private queue: T[] = [];
  private running = false;

  constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): void {
    this.queue.push(item);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // Let the requests that have already arrived reach the queue first: SQLite calls are
        // synchronous, so without this turn of the event loop every batch would hold one request.
        await new Promise((next) => setImmediate(next));
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch);
        } catch (e) {
          for (const item of batch) item.reject(e); // settling a settled promise does nothing
        }
      }
    } finally {
      this.running = false;
    }
  }
}
