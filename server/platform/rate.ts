import ipaddr from 'ipaddr.js';
import { addDays, localDateOf } from './calendar/calendar.rules.ts';
import { nowIso } from './clock.ts';
import type { Conn } from './db.ts';

// Rate limits: one counter per key in `rate_counters`, shared by every process through the
// database; logins (auth/throttle.ts), citizens' submissions and SMS codes count here. `hit` adds
// the attempts and returns the totals in ONE statement (INSERT … ON CONFLICT DO UPDATE … RETURNING,
// SQLite ≥ 3.35 and PostgreSQL): each concurrent attempt gets its own total, so a limit holds
// however many requests arrive at once; nothing is decided from a count read earlier.
// A counter's window ends at `until`; the first attempt after that starts a new window.

export interface Hit {
  key: string;
  /** When the window ends if this attempt opens a new one. */
  until: string;
  /** Attempts to add (1 unless several are counted together). */
  n?: number;
}

export interface Count {
  /** Attempts in the current window, this one included. */
  n: number;
  /** When the current window ends. */
  until: string;
}

/** Adds the attempts and returns each key's total in its current window. */
export async function hit(conn: Conn, hits: readonly Hit[], now = nowIso()): Promise<Map<string, Count>> {
  const adds = new Map<string, { key: string; until: string; n: number }>();
  for (const h of hits) {
    const seen = adds.get(h.key);
    if (seen) seen.n += h.n ?? 1;
    else adds.set(h.key, { key: h.key, until: h.until, n: h.n ?? 1 });
  }
  if (adds.size === 0) return new Map();
  // Keys in one order: two statements locking the same rows (PostgreSQL) never wait on each other in a cycle.
  const values = [...adds.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  const rows = await conn
    .insertInto('rate_counters')
    .values(values)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const open = eb('rate_counters.until', '>', now);
        return {
          n: eb.case().when(open).then(eb('rate_counters.n', '+', eb.ref('excluded.n'))).else(eb.ref('excluded.n')).end(),
          until: eb.case().when(open).then(eb.ref('rate_counters.until')).else(eb.ref('excluded.until')).end(),
        };
      }),
    )
    .returning(['key', 'n', 'until'])
    .execute();
  return new Map(rows.map((r) => [r.key, { n: r.n, until: r.until }]));
}

/** Gives back one attempt per key (an attempt that turned out to be legitimate). */
export async function refund(conn: Conn, keys: readonly string[], now = nowIso()): Promise<void> {
  if (keys.length === 0) return;
  await conn.updateTable('rate_counters').set((eb) => ({ n: eb('n', '-', 1) })).where('key', 'in', keys).where('n', '>', 0).where('until', '>', now).execute();
}

/** Forgets the keys' attempts. */
export async function clearCounters(conn: Conn, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await conn.deleteFrom('rate_counters').where('key', 'in', keys).execute();
}

/** Drops counters whose window has ended (they would start again at the next attempt anyway). */
export async function pruneCounters(conn: Conn, now = nowIso()): Promise<number> {
  const r = await conn.deleteFrom('rate_counters').where('until', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A window opened by the first attempt, `ms` long. */
export const windowFor = (ms: number, now = nowIso()): string => new Date(Date.parse(now) + ms).toISOString();

/** The end of the current hour (UTC hours and Beijing hours end together). */
export const hourEnd = (now = nowIso()): string => new Date(Date.parse(`${now.slice(0, 13)}:00:00.000Z`) + 3_600_000).toISOString();

/** The end of today in the congress's time zone (Asia/Shanghai): "a day" of a daily limit. */
export const localDayEnd = (now = nowIso()): string => new Date(`${addDays(localDateOf(now), 1)}T00:00:00+08:00`).toISOString();

/**
 * The address a per-address limit counts: an IPv4 address as is, an IPv6 address by its /64
 * network (one subscriber is given a whole /64, so counting single IPv6 addresses would count
 * nothing). IPv4 clients seen through an IPv6 socket (::ffff:a.b.c.d) count as IPv4.
 */
export function addressKey(ip: string | null): string {
  if (!ip) return 'unknown';
  if (!ipaddr.isValid(ip)) return ip;
  const a = ipaddr.process(ip);
  if (a.kind() === 'ipv4') return a.toString();
  const parts = (a as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}
