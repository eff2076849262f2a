import { Secret, TOTP } from 'otpauth';
import { sql } from 'kysely';
import { type Ctx, runCommand } from '../command.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import { isPostgres } from '../db.ts';

const totpFor = (secretBase32: string, label: string): TOTP =>
  new TOTP({ issuer: 'Yishi 议事', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpUri = (secretBase32: string, username: string): string => totpFor(secretBase32, username).toString();

/** Accepts the current code and one step either side, for clock drift. */
export function checkTotp(secretBase32: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32, '').validate({ token: code, window: 1 }) !== null;
}

export const currentTotp = (secretBase32: string): string => totpFor(secretBase32, '').generate();

// The secret is stored sealed with the field key (crypto/README.md), bound to its column and row:
// a token copied onto another account does not open. A clear base32 secret never starts with the
// token prefix, which is how a clear one left by an older version is told apart.
const context = (userId: string): string => `users.totp_secret:${userId}`;
const SEALED = 'yf1:';

export const sealTotpSecret = (fc: FieldCrypto, userId: string, secretBase32: string): string => fc.encrypt(secretBase32, context(userId));

export function openTotpSecret(fc: FieldCrypto, userId: string, stored: string): string {
  if (!stored.startsWith(SEALED)) throw new Error(`the TOTP secret of user ${userId} is not sealed`);
  return fc.decrypt(stored, context(userId));
}

/**
 * At start, after the migrations: seals the TOTP secrets an older version stored in clear. Done
 * here rather than in a migration because sealing needs the field key, which lives outside the
 * database and is not given to migrations (they run the same way everywhere, key or not). Each row
 * is updated only while it still holds the clear value, so two processes starting together seal it
 * once; with nothing clear left it does nothing and needs no key. The clear values' old copies are
 * then scrubbed: SQLite zeroes the replaced cells (secure_delete) and folds the WAL into the file;
 * PostgreSQL vacuums the old row versions.
 */
export async function sealClearTotpSecrets(ctx: Ctx, fc: () => FieldCrypto): Promise<number> {
  const clear = await ctx.db.selectFrom('users').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).where('totp_secret', 'not like', `${SEALED}%`).execute();
  if (clear.length === 0) return 0;
  const key = fc();
  const postgres = isPostgres(ctx.db);
  if (!postgres) await sql`pragma secure_delete = on`.execute(ctx.db);
  try {
    await runCommand(ctx, async (tx, rec) => {
      for (const u of clear) {
        if (u.totp_secret === null) continue;
        await tx.updateTable('users').set({ totp_secret: sealTotpSecret(key, u.id, u.totp_secret) }).where('id', '=', u.id).where('totp_secret', '=', u.totp_secret).execute();
      }
      rec.audit({ congressId: null, action: 'user.totp_secrets_sealed', data: { users: clear.length } });
    });
  } finally {
    if (!postgres) await sql`pragma secure_delete = off`.execute(ctx.db);
  }
  if (postgres) await sql`vacuum users`.execute(ctx.db);
  else await sql`pragma wal_checkpoint(truncate)`.execute(ctx.db);
  return clear.length;
}
