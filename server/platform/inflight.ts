import type { FastifyInstance } from 'fastify';

// How many HTTP requests the process is serving right now. The live layer sends its notices in
// smaller slices while there are some: a request on PostgreSQL waits for the database a dozen
// times, and each wait ends only when the current slice of a large fan-out does.

let serving = 0;

export const requestsInFlight = (): number => serving;

export function countRequests(app: FastifyInstance): void {
  const done = new WeakSet<object>();
  const finish = (req: object): void => {
    if (done.has(req)) return;
    done.add(req);
    serving--;
  };
  app.addHook('onRequest', (_req, _reply, next) => {
    serving++;
    next();
  });
  app.addHook('onResponse', (req, _reply, next) => {
    finish(req);
    next();
  });
  app.addHook('onRequestAbort', (req, next) => {
    finish(req);
    next();
  });
}
