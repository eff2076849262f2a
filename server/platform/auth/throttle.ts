import { newId, nowIso } from '../clock.ts';
import type { Conn } from '../db.ts';
import { errors } from '../errors.ts';

// At most 5 failed logins per account per minute, and per IP address (foundation issue, item 5).
// Kept in the database so every server process sees the same count.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 60_000;

const keys = (username: string, ip: string | null): string[] => [`user:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];

export async function assertNotThrottled(conn: Conn, username: string, ip: string | null): Promise<void> {
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  for (const key of keys(username, ip)) {
    const row = await conn
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', key)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    if (row.n >= MAX_FAILURES) {
      throw errors.tooMany('登录失败次数过多，请一分钟后再试', 'Too many failed logins; try again in a minute');
    }
  }
}

export async function recordFailure(conn: Conn, username: string, ip: string | null): Promise<void> {
  const at = nowIso();
  await conn.insertInto('login_failures').values(keys(username, ip).map((key) => ({ id: newId(), key, at }))).execute();
  // Old rows are worthless after the window; trim them as we go.
  await conn.deleteFrom('login_failures').where('at', '<', new Date(Date.now() - 10 * WINDOW_MS).toISOString()).execute();
}
