// A deterministic race for the concurrency tests. On SQLite the app runs one statement and one
// transaction at a time, so two requests fired together rarely interleave where it matters: between a
// command's first read of a record and its write. This runs a command with a database handle that,
// right after the command's first read of a table, lets another command run to completion. A command
// that decides on that first read (a stale read) then acts on a record that has moved on; one that
// reads again inside its transaction and writes with a guard is refused.
import type { Db } from '../server/platform/db.ts';
import type { PiiCtx } from '../server/platform/crypto/context.ts';
import { fieldCryptoFor } from '../server/platform/crypto/keys.ts';
import { resolveSession } from '../server/platform/auth/sessions.ts';
import type { TestApp } from './harness.ts';

type Fn = (...args: unknown[]) => unknown;
const EXECUTE = new Set(['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow']);

/** `db`, except that the first query built from `selectFrom(table)` runs `between()` after its result is in, before returning it. */
export function interleaved(db: Db, table: string, between: () => Promise<unknown>): Db {
  let done = false;
  const wrap = (q: object): object =>
    new Proxy(q, {
      get(target, prop) {
        const v: unknown = Reflect.get(target, prop, target);
        if (typeof v !== 'function') return v;
        const f = v as Fn;
        if (typeof prop === 'string' && EXECUTE.has(prop)) {
          return async (...args: unknown[]) => {
            const result = await (f.apply(target, args) as Promise<unknown>);
            if (!done) {
              done = true;
              await between();
            }
            return result;
          };
        }
        return (...args: unknown[]) => {
          const r = f.apply(target, args);
          return r !== null && typeof r === 'object' ? wrap(r) : r;
        };
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      const v: unknown = Reflect.get(target, prop, target);
      if (prop === 'selectFrom') return (from: unknown) => {
        const q = (v as Fn).call(target, from) as object;
        return done || from !== table ? q : wrap(q);
      };
      return typeof v === 'function' ? (v as Fn).bind(target) : v;
    },
  });
}

/** The context a route would give the holder of `token` (null: the public), over `db`. */
export async function ctxFor(t: TestApp, token: string | null, db: Db): Promise<PiiCtx> {
  const actor = token === null ? { kind: 'public' as const, ip: '127.0.0.1' } : await resolveSession(t.yishi.handle.db, token, '127.0.0.1');
  if (!actor) throw new Error('unknown token');
  return { db, hub: t.yishi.hub, actor, fc: fieldCryptoFor(t.config) };
}
