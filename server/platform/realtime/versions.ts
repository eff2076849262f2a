import { randomBytes } from 'node:crypto';
import type { Versions } from './protocol.ts';

type Table = Map<string, string>; // topic → version

/** A bounded map that forgets the least recently changed scope first. */
class Lru<V> {
  private readonly m = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    return this.m.get(k);
  }
  touch(k: string, make: () => V): V {
    let v = this.m.get(k);
    if (v === undefined) v = make();
    else this.m.delete(k);
    this.m.set(k, v);
    if (this.m.size > this.max) {
      const oldest = this.m.keys().next();
      if (!oldest.done) this.m.delete(oldest.value);
    }
    return v;
  }
  clear(): void {
    this.m.clear();
  }
}

/**
 * The latest version stamp per topic, per congress and per meeting, for reconnecting clients: a
 * client compares them with the ones it saw and refetches the topics that differ. Kept in memory;
 * `epoch` changes when the store starts over (process start, hub gap), and a client that sees a
 * new epoch refetches everything. Stamps of internal notices are kept apart from public ones, so
 * an outsider's versions reveal nothing more than the notices it may receive.
 */
export class VersionStore {
  epoch = VersionStore.newEpoch();
  // Scopes: `c:<congress>` every change in the congress; `l:<congress>` changes not tied to a
  // meeting; `m:<congress>/<meeting>` changes of that meeting. Per audience.
  private readonly insider: Lru<Table>;
  private readonly outsider: Lru<Table>;

  constructor(maxScopes = 50_000) {
    this.insider = new Lru(maxScopes);
    this.outsider = new Lru(maxScopes);
  }

  private static newEpoch(): string {
    return randomBytes(6).toString('base64url');
  }

  record(congressId: string, meetingId: string | undefined, topic: string, v: string, isPublic: boolean): void {
    const scopes = [`c:${congressId}`, meetingId ? `m:${congressId}/${meetingId}` : `l:${congressId}`];
    for (const store of isPublic ? [this.insider, this.outsider] : [this.insider]) {
      for (const s of scopes) store.touch(s, () => new Map()).set(topic, v);
    }
  }

  /**
   * Versions for a channel. A meeting's channel also receives the congress's notices that are not
   * tied to a meeting, so a topic's version there is the later of the two: the stamp of the last
   * notice that channel carried (stamps start with the time, so the later one sorts last).
   */
  versions(congressId: string, meetingId: string | undefined, insider: boolean): Versions {
    const store = insider ? this.insider : this.outsider;
    if (!meetingId) return Object.fromEntries(store.get(`c:${congressId}`) ?? []);
    const out: Versions = Object.fromEntries(store.get(`m:${congressId}/${meetingId}`) ?? []);
    for (const [t, v] of store.get(`l:${congressId}`) ?? []) {
      const own = out[t];
      if (own === undefined || v > own) out[t] = v;
    }
    return out;
  }

  /** Forget everything (events may have been missed): clients will refetch. */
  reset(): void {
    this.insider.clear();
    this.outsider.clear();
    this.epoch = VersionStore.newEpoch();
  }
}
