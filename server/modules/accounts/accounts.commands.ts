import { authorize } from '../../platform/access.ts';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { ChangePassword, CreateUser, LoginRequest, UpdateUser } from '../../../contracts/accounts.ts';
import type { Role, UserActor } from '../../platform/access.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { createSession, deleteSession, deleteUserSessions } from '../../platform/auth/sessions.ts';
import { knownDevice, rememberDevice } from '../../platform/auth/devices.ts';
import { admitLogin, loginSucceeded } from '../../platform/auth/throttle.ts';
import { checkTotp, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from '../../platform/auth/totp.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { normalizePhone } from '../../platform/crypto/mask.ts';
import { clearCounters } from '../../platform/rate.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { requirePerson } from '../people/people.repo.ts';
import { accountsPolicy } from './accounts.policy.ts';
import { currentUserDto, findUserByName, isStaff, requireLoginLock, requireUserInCongress } from './accounts.repo.ts';

// Verifying against a real hash when the user does not exist keeps the response time the same.
let dummyHash: Promise<string> | undefined;
const unknownUserHash = (): Promise<string> => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

const loginFailed = () => new DomainError(401, 'LOGIN_FAILED', '用户名或密码错误', 'Wrong username or password');

/**
 * Logs in. The attempt is counted before the password is looked at (auth/throttle.ts): one over a
 * limit is refused without evaluating it. `deviceToken` is the browser's device cookie, if any; a
 * cookie login from a browser the account does not know yet returns a new one to set.
 */
export async function login(ctx: PiiCtx, input: z.infer<typeof LoginRequest>, production: boolean, deviceToken?: string) {
  const ip = ctx.actor.ip;
  const user = await findUserByName(ctx.db, input.username);
  const device = user ? await knownDevice(ctx.db, user.id, deviceToken) : null;
  const admission = await admitLogin(ctx, { username: input.username, ip, user, device });
  const passwordOk = await verifyPassword(user?.password_hash ?? (await unknownUserHash()), input.password);

  const fail = async (reason: string, error: DomainError): Promise<never> => {
    await runCommand(ctx, (_tx, rec) => {
      rec.audit({ congressId: null, action: 'session.login_failed', targetType: 'user', ...(user ? { targetId: user.id } : {}), data: { username: input.username, reason, ip } });
      return Promise.resolve();
    });
    throw error;
  };

  if (!user || !passwordOk) return fail('password', loginFailed());
  if (user.locked === 1) return fail('locked', new DomainError(403, 'ACCOUNT_LOCKED', '账号已被锁定，请联系管理员', 'This account is locked; contact an administrator'));
  if (user.totp_enabled === 1) {
    if (!input.totp) throw new DomainError(401, 'TOTP_REQUIRED', '请输入动态验证码', 'Enter your one-time code');
    if (!user.totp_secret || !checkTotp(openTotpSecret(ctx.fc, user.id, user.totp_secret), input.totp)) return fail('totp', new DomainError(401, 'TOTP_INVALID', '动态验证码错误', 'Wrong one-time code'));
  }
  const enrollmentOnly = production && user.totp_enabled !== 1 && (await isStaff(ctx.db, user.id));
  const mode = input.mode ?? 'bearer';
  return runCommand(ctx, async (tx, rec) => {
    const s = await createSession(tx, user.id, mode, ip, enrollmentOnly);
    await loginSucceeded({ db: tx }, admission);
    // API clients (bearer) keep no cookie jar: only browsers become known devices.
    const newDevice = mode === 'cookie' ? await rememberDevice(tx, user.id, device) : null;
    rec.audit({ congressId: user.home_congress_id, action: 'session.login', targetType: 'user', targetId: user.id, data: { mode, ip } });
    return { session: s, user: await currentUserDto(tx, user, enrollmentOnly), newDevice };
  });
}

export async function logout(ctx: Ctx, actor: UserActor): Promise<void> {
  await runCommand(ctx, async (tx, rec) => {
    await deleteSession(tx, actor.sessionId);
    rec.audit({ congressId: null, action: 'session.logout', targetType: 'user', targetId: actor.userId });
  });
}

export async function changePassword(ctx: Ctx, actor: UserActor, input: z.infer<typeof ChangePassword>): Promise<void> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new DomainError(403, 'WRONG_PASSWORD', '当前密码不正确', 'The current password is wrong');
  }
  checkPasswordPolicy(input.newPassword);
  const hash = await hashPassword(input.newPassword);
  await runCommand(ctx, async (tx, rec) => {
    await tx.updateTable('users').set({ password_hash: hash, password_changed_at: nowIso() }).where('id', '=', user.id).execute();
    await deleteUserSessions(tx, user.id, actor.sessionId); // other devices must log in again
    rec.audit({ congressId: user.home_congress_id, action: 'user.password_changed', targetType: 'user', targetId: user.id });
  });
}

/**
 * Step 1 of TOTP enrolment: a fresh secret, kept unconfirmed until a code proves the app has it.
 * It is shown once, here; the database holds it sealed with the field key.
 */
export async function startTotp(ctx: PiiCtx, actor: UserActor) {
  const secret = newTotpSecret();
  const sealed = sealTotpSecret(ctx.fc, actor.userId, secret);
  await runCommand(ctx, async (tx, rec) => {
    await tx.updateTable('users').set({ totp_secret: sealed, totp_enabled: 0 }).where('id', '=', actor.userId).execute();
    rec.audit({ congressId: null, action: 'user.totp_started', targetType: 'user', targetId: actor.userId });
  });
  return { secret, uri: totpUri(secret, actor.username) };
}

export async function confirmTotp(ctx: PiiCtx, actor: UserActor, code: string): Promise<void> {
  const user = await ctx.db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!user.totp_secret) throw errors.conflict('TOTP_NOT_STARTED', '请先生成双因素密钥', 'Start two-factor setup first');
  if (!checkTotp(openTotpSecret(ctx.fc, actor.userId, user.totp_secret), code)) throw new DomainError(422, 'TOTP_INVALID', '动态验证码错误', 'Wrong one-time code');
  await runCommand(ctx, async (tx, rec) => {
    await tx.updateTable('users').set({ totp_enabled: 1 }).where('id', '=', actor.userId).execute();
    await tx.updateTable('sessions').set({ totp_enrollment_only: 0 }).where('user_id', '=', actor.userId).execute();
    rec.audit({ congressId: null, action: 'user.totp_enabled', targetType: 'user', targetId: actor.userId });
  });
}

async function authorizeAdmin(ctx: Ctx, congressId: string): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, accountsPolicy.manage(ctx.actor, c.id));
  return c.id;
}

/** An address as stored: trimmed, the domain in lower case; null clears it. */
const emailOf = (email: string | null | undefined): string | null | undefined => {
  if (email === undefined || email === null) return email;
  const at = email.trim().lastIndexOf('@');
  return `${email.trim().slice(0, at)}${email.trim().slice(at).toLowerCase()}`;
};

/** A mainland mobile number (1[3-9]x, 11 digits) as stored: digits only, without +86; null clears it. Reminders go to it by SMS. */
function mobileOf(mobile: string | null | undefined): string | null | undefined {
  if (mobile === undefined || mobile === null) return mobile;
  const d = normalizePhone(mobile);
  if (!/^1[3-9]\d{9}$/.test(d)) throw errors.invalid('INVALID_MOBILE', '请填写正确的11位手机号码', 'Enter a valid 11-digit mobile number');
  return d;
}

export async function createUser(ctx: Ctx, congressId: string, input: z.infer<typeof CreateUser>) {
  const cid = await authorizeAdmin(ctx, congressId);
  checkPasswordPolicy(input.password);
  const email = emailOf(input.email) ?? null;
  const mobile = mobileOf(input.mobile) ?? null;
  const hash = await hashPassword(input.password);
  return runCommand(ctx, async (tx, rec) => {
    if (await findUserByName(tx, input.username)) throw errors.conflict('USERNAME_TAKEN', '该用户名已被使用', 'That username is taken');
    if (input.personId) await requirePerson(tx, cid, input.personId);
    const at = nowIso();
    const id = newId();
    await tx
      .insertInto('users')
      .values({
        id,
        username: input.username,
        person_id: input.personId ?? null,
        home_congress_id: cid,
        display_name: input.displayName,
        password_hash: hash,
        is_superadmin: 0,
        locked: 0,
        totp_secret: null,
        totp_enabled: 0,
        created_at: at,
        password_changed_at: at,
        email,
        mobile,
      })
      .execute();
    const roles = [...new Set(input.roles)].sort();
    await tx.insertInto('role_grants').values(roles.map((role) => ({ user_id: id, congress_id: cid, role, granted_at: at }))).execute();
    rec.audit({ congressId: cid, action: 'user.created', targetType: 'user', targetId: id, data: { username: input.username, roles, personId: input.personId ?? null, email, mobile } });
    return { id, username: input.username, displayName: input.displayName, personId: input.personId ?? null, locked: false, totpEnabled: false, roles, email, mobile };
  });
}

/** Changes an account's display name, email address or mobile number (where reminders go); audited with before and after. */
export async function updateUser(ctx: Ctx, congressId: string, userId: string, input: z.infer<typeof UpdateUser>): Promise<void> {
  const cid = await authorizeAdmin(ctx, congressId);
  const email = emailOf(input.email);
  const mobile = mobileOf(input.mobile);
  await runCommand(ctx, async (tx, rec) => {
    const u = await requireUserInCongress(tx, cid, userId);
    const patch = {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(mobile !== undefined ? { mobile } : {}),
    };
    await tx.updateTable('users').set(patch).where('id', '=', u.id).execute();
    const before = { displayName: u.display_name, email: u.email, mobile: u.mobile };
    const after = { displayName: patch.display_name ?? u.display_name, email: email !== undefined ? email : u.email, mobile: mobile !== undefined ? mobile : u.mobile };
    rec.audit({ congressId: cid, action: 'user.updated', targetType: 'user', targetId: u.id, data: { before, after } });
  });
}

export async function setLocked(ctx: Ctx, congressId: string, userId: string, locked: boolean): Promise<void> {
  const cid = await authorizeAdmin(ctx, congressId);
  if (ctx.actor.kind === 'user' && ctx.actor.userId === userId && locked) {
    throw errors.invalid('SELF_LOCK', '不能锁定自己的账号', 'You cannot lock your own account');
  }
  await runCommand(ctx, async (tx, rec) => {
    const u = await requireUserInCongress(tx, cid, userId);
    await tx.updateTable('users').set({ locked: locked ? 1 : 0 }).where('id', '=', u.id).execute();
    if (locked) await deleteUserSessions(tx, u.id);
    rec.audit({ congressId: cid, action: locked ? 'user.locked' : 'user.unlocked', targetType: 'user', targetId: u.id });
  });
}

export async function setRoles(ctx: Ctx, congressId: string, userId: string, roles: Role[]) {
  const cid = await authorizeAdmin(ctx, congressId);
  if (ctx.actor.kind === 'user' && ctx.actor.userId === userId && !roles.includes('admin') && !ctx.actor.isSuperadmin) {
    throw errors.invalid('SELF_DEMOTE', '不能撤销自己的管理员角色', 'You cannot remove your own admin role');
  }
  return runCommand(ctx, async (tx, rec) => {
    const u = await requireUserInCongress(tx, cid, userId);
    const before = (await tx.selectFrom('role_grants').select('role').where('user_id', '=', u.id).where('congress_id', '=', cid).execute()).map((r) => r.role).sort();
    const after = [...new Set(roles)].sort();
    await tx.deleteFrom('role_grants').where('user_id', '=', u.id).where('congress_id', '=', cid).execute();
    if (after.length > 0) await tx.insertInto('role_grants').values(after.map((role) => ({ user_id: u.id, congress_id: cid, role, granted_at: nowIso() }))).execute();
    rec.audit({ congressId: cid, action: 'user.roles_set', targetType: 'user', targetId: u.id, data: { before, after } });
    return after;
  });
}

/** clearLoginLock: an administrator lifts a login lockout that still holds; its counter starts afresh. */
export async function clearLoginLock(ctx: Ctx, congressId: string, lockId: string): Promise<void> {
  const cid = await authorizeAdmin(ctx, congressId);
  const superadmin = ctx.actor.kind === 'user' && ctx.actor.isSuperadmin;
  await runCommand(ctx, async (tx, rec) => {
    const lock = await requireLoginLock(tx, cid, lockId, superadmin);
    const at = nowIso();
    if (lock.cleared_at !== null || lock.until <= at) throw errors.conflict('LOCK_NOT_ACTIVE', '该登录限制已解除或已到期', 'This login lockout has already been lifted or has run out');
    const r = await tx.updateTable('login_locks').set({ cleared_at: at, cleared_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null }).where('id', '=', lock.id).where('cleared_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw errors.conflict('CONCURRENT_CHANGE', '该登录限制刚被他人处理，请刷新', 'Someone else has just handled this lockout; reload');
    await clearCounters(tx, [lock.counter_key]);
    rec.audit({ congressId: lock.congress_id ?? cid, action: 'session.login_lock_cleared', targetType: 'login_lock', targetId: lock.id, data: { kind: lock.kind, username: lock.username, address: lock.address } });
  });
}
