import { createHash, randomBytes } from 'node:crypto';
import { nowIso } from '../clock.ts';
import type { Conn } from '../db.ts';

// A browser that has logged in as an account carries a device token (HttpOnly cookie, sent only to
// the login route). Its later attempts for that account count on their own and are not held back
// when the account is locked against unknown browsers (throttle.ts): a distributed guess cannot
// lock the member out of the phone and computer they already use. Only the token's hash is kept.
// One token per browser: the account that logged in last on a shared computer is the one it knows.

export const DEVICE_COOKIE = 'yishi_device';
export const DEVICE_COOKIE_PATH = '/api/v1/auth/login';
export const DEVICE_TTL_MS = 365 * 24 * 3_600_000;

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The token's hash when it belongs to this account and was used within the year; else null. */
export async function knownDevice(conn: Conn, userId: string, token: string | undefined): Promise<string | null> {
  if (!token || token.length > 100) return null;
  const hash = hashOf(token);
  const row = await conn
    .selectFrom('login_devices')
    .select('token_hash')
    .where('token_hash', '=', hash)
    .where('user_id', '=', userId)
    .where('last_used_at', '>', new Date(Date.now() - DEVICE_TTL_MS).toISOString())
    .executeTakeFirst();
  return row ? row.token_hash : null;
}

/** After a successful login: a known device is marked used; another browser gets a new token. */
export async function rememberDevice(conn: Conn, userId: string, known: string | null): Promise<string | null> {
  const at = nowIso();
  if (known) {
    await conn.updateTable('login_devices').set({ last_used_at: at }).where('token_hash', '=', known).execute();
    return null;
  }
  const token = randomBytes(32).toString('base64url');
  await conn.insertInto('login_devices').values({ token_hash: hashOf(token), user_id: userId, created_at: at, last_used_at: at }).execute();
  return token;
}

/** Forgets devices unused for a year. */
export async function pruneDevices(conn: Conn): Promise<void> {
  await conn.deleteFrom('login_devices').where('last_used_at', '<=', new Date(Date.now() - DEVICE_TTL_MS).toISOString()).execute();
}
