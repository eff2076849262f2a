import { type Ctx, runCommand } from '../command.ts';
import { newId, nowIso } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { type Count, addressKey, clearCounters, hit, refund, windowFor } from '../rate.ts';

// The login throttle. Every attempt is counted BEFORE the password is checked, in one statement per
// stage (platform/rate.ts), and an attempt over a limit is refused (429) without evaluating the
// password at all: however many guesses arrive at once, at most the limit are evaluated.
//
// What is counted, and why a flood cannot lock a member out:
// - one account from one address (5 per 15 minutes): a guesser at one place. A member who mistypes
//   waits at most a quarter of an hour, or an administrator lifts the limit at once.
// - one address, whatever the account (30 per 15 minutes): one place trying many accounts.
//   A successful login gives its attempt back, so a hall of members behind one network address
//   only counts its mistakes.
// - one account from browsers it has never logged in from (30 per hour): a guess spread over many
//   addresses. One address adds at most 5 per 15 minutes here (it is counted only after the
//   address limits let it through: at most 25 in any hour), so a flood from one address never
//   reaches this limit and the member still logs in from anywhere else.
// - one account from a browser it has logged in from before (5 per 15 minutes): such a browser
//   carries a device token (HttpOnly cookie, auth/devices.ts) and is NOT held back by the two
//   limits above. An attacker spread over many addresses can exhaust the per-account limit, but
//   only for browsers that never logged in as the member: the member's own phone and computer,
//   which they log in from to vote, keep working. So locking a member out before a vote takes the
//   member's own device, not a few thousand requests.
// A limit reached is a lockout the office sees (listLoginLocks) and an administrator can lift
// (clearLoginLock); reaching it is audited once per window.

const MINUTE = 60_000;
export const LOGIN_LIMITS = {
  account_address: { max: 5, ms: 15 * MINUTE },
  address: { max: 30, ms: 15 * MINUTE },
  account: { max: 30, ms: 60 * MINUTE },
  device: { max: 5, ms: 15 * MINUTE },
} as const;
export type LockKind = keyof typeof LOGIN_LIMITS;

interface Counter {
  kind: LockKind;
  key: string;
}

export interface LoginAttempt {
  username: string;
  ip: string | null;
  /** The account named, when it exists. */
  user: { id: string; home_congress_id: string | null } | undefined;
  /** The hash of the device token, when the browser has logged in as this account before. */
  device: string | null;
}

/** What an admitted attempt counted: a successful login settles it. */
export interface Admission {
  counted: Counter[];
}

const counters = (a: LoginAttempt): Counter[][] => {
  const name = a.username.toLowerCase();
  const address = addressKey(a.ip);
  if (a.device) return [[{ kind: 'device', key: `login:device:${a.device}` }]];
  return [
    [
      { kind: 'account_address', key: `login:account_address:${name}|${address}` },
      { kind: 'address', key: `login:address:${address}` },
    ],
    [{ kind: 'account', key: `login:account:${name}` }],
  ];
};

/** Beijing time of day, for the message. */
const clockTime = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);

export const loginThrottled = (until: string): DomainError =>
  new DomainError(
    429,
    'TOO_MANY_ATTEMPTS',
    `登录尝试次数过多，请于${clockTime(until)}后再试，或请管理员解除限制`,
    `Too many login attempts; try again after ${clockTime(until)} (Beijing time) or ask an administrator to lift the limit`,
    undefined,
    { until },
  );

/**
 * Counts the attempt and lets it through, or refuses it (429) when a limit is reached; called before
 * the password is looked at. The per-account counter is only reached by attempts the address
 * limits let through.
 */
export async function admitLogin(ctx: Ctx, a: LoginAttempt): Promise<Admission> {
  const now = nowIso();
  const counted: Counter[] = [];
  for (const stage of counters(a)) {
    const totals = await hit(ctx.db, stage.map((c) => ({ key: c.key, until: windowFor(LOGIN_LIMITS[c.kind].ms, now) })), now);
    counted.push(...stage);
    const over = stage.flatMap((c) => {
      const t = totals.get(c.key);
      return t && t.n > LOGIN_LIMITS[c.kind].max ? [{ ...c, ...t }] : [];
    });
    const first = over[0];
    if (first) {
      // Exactly one attempt sees a counter go one past its limit: that one records the lockout.
      const reached = over.filter((c) => c.n === LOGIN_LIMITS[c.kind].max + 1);
      if (reached.length > 0) await recordLocks(ctx, a, reached, now);
      throw loginThrottled(over.reduce((u, c) => (c.until > u ? c.until : u), first.until));
    }
  }
  return { counted };
}

/** A successful login: its account-and-place counter starts afresh, and the shared ones get the attempt back. */
export async function loginSucceeded(ctx: Pick<Ctx, 'db'>, admission: Admission): Promise<void> {
  const own = admission.counted.filter((c) => c.kind === 'account_address' || c.kind === 'device').map((c) => c.key);
  const shared = admission.counted.filter((c) => c.kind === 'address' || c.kind === 'account').map((c) => c.key);
  await clearCounters(ctx.db, own);
  await refund(ctx.db, shared);
}

async function recordLocks(ctx: Ctx, a: LoginAttempt, reached: (Counter & Count)[], now: string): Promise<void> {
  // The office of the account's congress sees it; an address lockout is shown there too, since it
  // was reached trying that account. No such account: only the installation's administrators see it.
  const congressId = a.user?.home_congress_id ?? null;
  await runCommand(ctx, async (tx, rec) => {
    for (const c of reached) {
      const row = {
        id: newId(),
        counter_key: c.key,
        kind: c.kind,
        // An address lockout holds every account tried from there; the others hold this account.
        username: c.kind === 'address' ? null : a.username.toLowerCase(),
        user_id: c.kind === 'address' ? null : (a.user?.id ?? null),
        congress_id: congressId,
        // A device lockout follows the browser wherever it is; the per-account one counts everywhere.
        address: c.kind === 'account' || c.kind === 'device' ? null : addressKey(a.ip),
        since: now,
        until: c.until,
        cleared_at: null,
        cleared_by: null,
      };
      await tx.insertInto('login_locks').values(row).execute();
      rec.audit({
        congressId,
        action: 'session.login_throttled',
        targetType: 'login_lock',
        targetId: row.id,
        data: { kind: c.kind, username: row.username, address: row.address, until: c.until },
      });
    }
  });
}
