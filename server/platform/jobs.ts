import type { App, Deps } from './http.ts';

/**
 * A periodic job of a production server: every `everyMs` in each process, once the app is ready,
 * stopped when it closes. Jobs are idempotent, so several processes do no harm; a failed run is
 * logged and the next one tries again. Tests and development call the job's function directly
 * (or through the API) instead.
 */
export function schedulePeriodic(app: App, deps: Deps, name: string, everyMs: number, run: () => Promise<unknown>): void {
  if (!deps.config.production) return;
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', () => {
    timer = setInterval(() => {
      run().catch((e: unknown) => {
        app.log.error(e, `${name} failed`);
      });
    }, everyMs);
    timer.unref();
    return Promise.resolve();
  });
  app.addHook('onClose', () => {
    if (timer) clearInterval(timer);
    return Promise.resolve();
  });
}
