import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { RequestPhoneCode } from '../../../contracts/opinions.ts';
import { authorize } from '../../platform/access.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { runCommand } from '../../platform/command.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { isValidPhone, maskPhone, normalizePhone } from '../../platform/crypto/mask.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { addressKey, hit, localDayEnd, windowFor } from '../../platform/rate.ts';
import { type TextSender, TextDeliveryFailed, textSenderFromEnv } from '../../platform/sms.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { opinionsPolicy } from './opinions.policy.ts';
import { intakeCongressId, intakeSettingsOf } from './opinions.repo.ts';

// Phone verification for citizens submitting online (issue: rate limits and abuse lists instead of
// captchas; the phone number is checked by a one-time code). Two adapters:
// - `sms`: the SMS gateway named by the environment (YISHI_SMS_URL; the one sender in
//   server/platform/sms.ts, also used for reminders). A failure is reported to the citizen as
//   502 SMS_UNAVAILABLE, and no code is kept.
// - `office` (the default, for installations without SMS): nothing is sent. The code is written to
//   the server log and kept encrypted; the deputy-affairs office sees pending codes
//   (listPhoneCodes) and reads one to the citizen who calls or comes to the station. The answer
//   says `via: 'office'` so the portal tells the citizen to ask the office — it never claims an
//   SMS was sent.

export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODES_PER_PHONE_PER_DAY = 5;
export const MAX_ATTEMPTS = 5;

export interface PhoneMessage {
  phone: string;
  code: string;
  congressName: string;
}
export interface PhoneVerifier {
  readonly kind: 'sms' | 'office';
  /** Delivers the code or throws PhoneDeliveryFailed. */
  deliver(message: PhoneMessage, log: (line: string) => void): Promise<void>;
}

/** The SMS gateway refused or could not be reached; the route answers 502. */
export class PhoneDeliveryFailed extends Error {
  readonly code = 'SMS_UNAVAILABLE';
  readonly message_zh = '短信发送失败，请稍后再试，或到就近的人大代表联络站当面反映';
  readonly message_en = 'The text message could not be sent; try again later or visit a liaison station';
  constructor(readonly reason: string) {
    super(`SMS delivery failed: ${reason}`);
  }
}

/** The code goes out through the one text-message sender (server/platform/sms.ts). */
export function smsVerifier(sender: TextSender): PhoneVerifier {
  return {
    kind: 'sms',
    async deliver(m) {
      try {
        await sender.send({ to: m.phone, text: `您的验证码是${m.code}，10分钟内有效。如非本人操作，请忽略。`, sign: m.congressName });
      } catch (e) {
        throw new PhoneDeliveryFailed(e instanceof TextDeliveryFailed ? e.reason : e instanceof Error ? e.message : String(e));
      }
    },
  };
}

export const officeVerifier: PhoneVerifier = {
  kind: 'office',
  deliver(m, log) {
    log(`phone verification code for ${maskPhone(m.phone)}: ${m.code} (no SMS gateway configured; the office reads it to the citizen)`);
    return Promise.resolve();
  },
};

/** YISHI_SMS_URL chooses the SMS adapter; without it the office adapter. Read on every request, so a restart is not needed to change it. */
export function phoneVerifierFromEnv(env: NodeJS.ProcessEnv = process.env): PhoneVerifier {
  const sender = textSenderFromEnv(env);
  return sender ? smsVerifier(sender) : officeVerifier;
}

const codeContext = (rowId: string): string => `phone_verifications.code:${rowId}`;

const tooManyCodes = (zh: string, en: string) => new DomainError(429, 'TOO_MANY_CODES', zh, en);

/**
 * requestPhoneCode (public): a 6-digit code for the phone number, valid 10 minutes. Counted before
 * anything is sent (platform/rate.ts, one statement per stage): per network address per hour and per
 * number per day first; only a request both let through counts towards the congress's daily
 * ceiling, so one address cannot use up everybody's day.
 */
export async function requestPhoneCode(ctx: PiiCtx, input: z.infer<typeof RequestPhoneCode>, log: (line: string) => void, verifier = phoneVerifierFromEnv()) {
  const congressId = await intakeCongressId(ctx.db, input.congressId);
  const c = await requireCongress(ctx.db, congressId);
  const phone = normalizePhone(input.phone);
  if (!isValidPhone(phone)) throw errors.invalid('INVALID_PHONE', '请填写正确的手机号码或带区号的固定电话', 'Enter a valid mobile or landline number');
  const phoneIndex = ctx.fc.blindIndex('phone', phone);
  const limits = await intakeSettingsOf(ctx.db, c.id);
  const now = new Date();
  const at = now.toISOString();
  const addressCounter = `sms:address:${c.id}:${ctx.fc.blindIndex('ip', addressKey(ctx.actor.ip))}`;
  const phoneCounter = `sms:phone:${c.id}:${phoneIndex}`;
  const first = await hit(ctx.db, [
    { key: addressCounter, until: windowFor(3_600_000, at) },
    { key: phoneCounter, until: localDayEnd(at) },
  ], at);
  if ((first.get(addressCounter)?.n ?? 0) > limits.codesPerIpPerHour) {
    throw tooManyCodes('从您所在网络获取验证码过于频繁，请一小时后再试或到联络站当面反映', 'Too many codes requested from your network; try again in an hour or visit a liaison station');
  }
  if ((first.get(phoneCounter)?.n ?? 0) > CODES_PER_PHONE_PER_DAY) {
    throw tooManyCodes('该号码今天获取验证码的次数已达上限，请明天再试或到联络站当面反映', 'This number has had too many codes today; try tomorrow or visit a station');
  }
  const congressCounter = `sms:congress:${c.id}`;
  const day = await hit(ctx.db, [{ key: congressCounter, until: localDayEnd(at) }], at);
  if ((day.get(congressCounter)?.n ?? 0) > limits.codesPerDay) {
    throw tooManyCodes('今天的验证码发送量已达上限，请明天再试或到联络站当面反映', 'Today\'s verification codes are used up; try tomorrow or visit a liaison station');
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  // A code kept for the office is encrypted with the cipher of the congress's rules profile.
  const cipher = verifier.kind === 'office' ? (await loadProfile(ctx.db, c.id)).privacy.fieldCipher : null;
  const id = newId();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
  await runCommand(ctx, async (tx, rec) => {
    await tx
      .insertInto('phone_verifications')
      .values({
        id,
        congress_id: c.id,
        phone_index: phoneIndex,
        phone_masked: maskPhone(phone),
        code_index: ctx.fc.blindIndex('phone_code', `${id}:${code}`),
        code_enc: cipher ? ctx.fc.withCipher(cipher).encrypt(code, codeContext(id)) : null,
        via: verifier.kind,
        attempts: 0,
        expires_at: expiresAt,
        used_at: null,
        created_at: nowIso(),
      })
      .execute();
    rec.audit({ congressId: c.id, action: 'phone_code.issued', targetType: 'phone_verification', targetId: id, data: { via: verifier.kind } });
    // Sent last: a refusal by the gateway rolls the row back, so no code exists that nobody received.
    await verifier.deliver({ phone, code, congressName: c.name }, log);
  });
  return { via: verifier.kind, expiresAt };
}

/**
 * Checks and uses up the latest code of a phone number before an online submission, when the
 * congress requires verification. A wrong code counts an attempt (the row is locked after 5), so
 * codes cannot be guessed; a used or expired code is refused.
 */
export async function consumePhoneCode(ctx: PiiCtx, congressId: string, phoneIndex: string, given: string | undefined): Promise<void> {
  const rule = 'PV-1 网上提交须验证手机号码';
  if (!given) throw errors.invalid('PHONE_CODE_REQUIRED', '请先获取并填写手机验证码', 'Request a verification code for your phone and enter it', rule);
  const now = nowIso();
  const row = await ctx.db
    .selectFrom('phone_verifications')
    .selectAll()
    .where('congress_id', '=', congressId)
    .where('phone_index', '=', phoneIndex)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row || row.expires_at <= now) throw errors.invalid('PHONE_CODE_EXPIRED', '验证码已失效，请重新获取', 'The verification code has expired; request a new one', rule);
  if (row.attempts >= MAX_ATTEMPTS) throw errors.invalid('PHONE_CODE_LOCKED', '验证码输错次数过多，请重新获取', 'Too many wrong codes; request a new one', rule);
  if (ctx.fc.blindIndex('phone_code', `${row.id}:${given}`) !== row.code_index) {
    await runCommand(ctx, async (tx, rec) => {
      await tx.updateTable('phone_verifications').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
      rec.audit({ congressId, action: 'phone_code.wrong', targetType: 'phone_verification', targetId: row.id, data: { attempts: row.attempts + 1 } });
    });
    throw errors.invalid('PHONE_CODE_WRONG', '验证码不正确', 'The verification code is wrong', rule);
  }
  await runCommand(ctx, async (tx, rec) => {
    const r = await tx.updateTable('phone_verifications').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw errors.invalid('PHONE_CODE_EXPIRED', '验证码已失效，请重新获取', 'The verification code has expired; request a new one', rule);
    rec.audit({ congressId, action: 'phone_code.used', targetType: 'phone_verification', targetId: row.id });
  });
}

/** Whether the congress requires phone verification for online submissions. */
export async function verificationRequired(ctx: PiiCtx, congressId: string): Promise<boolean> {
  return (await intakeSettingsOf(ctx.db, congressId)).requirePhoneVerification;
}

/** listPhoneCodes: the office's list of codes it must read to citizens (office adapter only), unexpired and unused. */
export async function listPhoneCodes(ctx: PiiCtx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  const rows = await ctx.db
    .selectFrom('phone_verifications')
    .selectAll()
    .where('congress_id', '=', c.id)
    .where('via', '=', 'office')
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows
    .filter((r) => r.code_enc !== null && r.attempts < MAX_ATTEMPTS)
    .map((r) => ({ id: r.id, phone: r.phone_masked, code: ctx.fc.decrypt(r.code_enc ?? '', codeContext(r.id)), createdAt: r.created_at, expiresAt: r.expires_at }));
}

export const isPhoneDeliveryFailed = (e: unknown): e is PhoneDeliveryFailed => e instanceof PhoneDeliveryFailed;
