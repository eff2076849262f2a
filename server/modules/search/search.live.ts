// Keeps the index current: listens to the change notices of the records search feeds on and
// reindexes the one source that changed — a regulation (legislation), a meeting with its documents
// (meeting), an opinion's public summary (opinions). Notices are debounced per source, so a burst of
// edits costs one reindex. Notices are at-most-once; the reindex route rebuilds whatever a restart lost.
import type { App, Deps } from '../../platform/http.ts';
import type { ChangeEvent } from '../../platform/hub.ts';
import { indexMeetings, indexOpinionSummaries, indexRegulation } from './search.sources.ts';

export const REINDEX_DEBOUNCE_MS = 1000;

type Kind = 'regulation' | 'meeting' | 'opinion';

const KIND_OF_TOPIC: Readonly<Record<string, Kind>> = { legislation: 'regulation', meeting: 'meeting', opinions: 'opinion' };

export function sourceOf(e: ChangeEvent): { kind: Kind; congressId: string; id: string } | null {
  const kind = KIND_OF_TOPIC[e.topic];
  if (!kind || !e.id || !e.congressId || e.tally === true) return null;
  return { kind, congressId: e.congressId, id: e.id };
}

export function subscribeSearchIndex(app: App, deps: Deps, debounceMs = REINDEX_DEBOUNCE_MS): void {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  let closed = false;

  const reindex = async (s: { kind: Kind; congressId: string; id: string }): Promise<void> => {
    await deps.handle.db.transaction().execute(async (tx) => {
      switch (s.kind) {
        case 'regulation':
          await indexRegulation(tx, s.congressId, s.id);
          return;
        case 'meeting':
          await indexMeetings(tx, s.congressId, s.id);
          return;
        case 'opinion':
          await indexOpinionSummaries(tx, s.congressId, s.id);
          return;
      }
    });
  };

  const schedule = (key: string, s: { kind: Kind; congressId: string; id: string }): void => {
    const t = timers.get(key);
    if (t) clearTimeout(t);
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        if (closed) return;
        const prev = running.get(key) ?? Promise.resolve();
        // One run per source at a time: a notice during a run reindexes again after it.
        const run = prev
          .then(() => (closed ? undefined : reindex(s)))
          .catch((err: unknown) => {
            app.log.error(err, 'reindexing a search source failed');
          })
          .finally(() => {
            if (running.get(key) === run) running.delete(key);
          });
        running.set(key, run);
      }, debounceMs),
    );
  };

  const unsubscribe = deps.hub.subscribe((e, meta) => {
    // The process that made the change reindexes it; the others would only repeat it.
    if (meta.origin !== 'local') return;
    const s = sourceOf(e);
    if (s) schedule(`${s.kind}:${s.congressId}:${s.id}`, s);
  });
  app.addHook('onClose', async () => {
    closed = true;
    unsubscribe();
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    await Promise.all([...running.values()]);
  });
}
