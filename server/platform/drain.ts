import type { IncomingMessage } from 'node:http';

// A body over the limit is refused with 413 and the connection is closed (Fastify sets
// `Connection: close`: what follows the refused body cannot be trusted as the next request).
// Closing a socket while unread bytes are still arriving makes the kernel answer with a reset, and
// a client still sending its body then sees "connection reset" instead of the 413. So the rest of
// the body is read and thrown away before the answer, within a ceiling of bytes and of time: past
// either, the answer goes out at once, so nobody can make the server read gigabytes or hold a
// connection open.
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
export const DRAIN_MAX_MS = 10_000;

/** Reads and discards what is left of the request body; resolves when it has ended or a ceiling is reached. */
export function drainBody(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  if (Number(req.headers['content-length']) > DRAIN_MAX_BYTES) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (giveUp: boolean) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onEnd);
      req.off('close', onEnd);
      if (giveUp) req.pause(); // read no further: the answer goes out and the connection closes
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_MAX_BYTES) finish(true);
    };
    const onEnd = () => finish(false);
    const timer = setTimeout(() => finish(true), DRAIN_MAX_MS);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onEnd);
    req.on('close', onEnd);
    req.resume();
  });
}
