import { z } from 'zod';
import { Id } from './congress.ts';

export const RoleName = z.enum(['admin', 'office', 'chair', 'member', 'committee', 'deputy', 'station_staff', 'handling_unit']);

export const LoginRequest = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(200),
    totp: z.string().regex(/^\d{6}$/).optional(),
    /** 'bearer' (default) returns a token for API clients; 'cookie' sets an HttpOnly session cookie. */
    mode: z.enum(['bearer', 'cookie']).optional(),
  })
  .strict();

export const CurrentUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  personId: Id.nullable(),
  isSuperadmin: z.boolean(),
  totpEnabled: z.boolean(),
  totpEnrollmentRequired: z.boolean(),
  roles: z.record(z.string(), z.array(RoleName)),
});

export const LoginResponse = z.object({
  token: z.string().optional(),
  csrfToken: z.string(),
  expiresAt: z.string(),
  user: CurrentUser,
});

export const ChangePassword = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }).strict();

export const UserSummary = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  personId: Id.nullable(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  roles: z.array(RoleName),
  /** Where reminders are emailed (when SMTP is configured) and texted (when an SMS gateway is). */
  email: z.string().nullable(),
  mobile: z.string().nullable(),
});
/** An address for reminders; null clears it. */
export const UserEmail = z.email().max(254).nullable();
/** A mainland mobile number (checked by the server after +86, spaces and dashes are dropped); null clears it. */
export const UserMobile = z.string().trim().min(1).max(20).nullable();
export const CreateUser = z
  .object({
    username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'lowercase letters, digits, dot, dash, underscore'),
    displayName: z.string().trim().min(1).max(50),
    personId: Id.nullable().optional(),
    password: z.string().min(1).max(200),
    roles: z.array(RoleName).min(1).max(8),
    email: UserEmail.optional(),
    mobile: UserMobile.optional(),
  })
  .strict();
/** Changes an account's name and contact details; a field left out is kept. */
export const UpdateUser = z
  .object({ displayName: z.string().trim().min(1).max(50).optional(), email: UserEmail.optional(), mobile: UserMobile.optional() })
  .strict()
  .refine((u) => u.displayName !== undefined || u.email !== undefined || u.mobile !== undefined, { error: 'give at least one field' });
export const SetRoles = z.object({ roles: z.array(RoleName).max(8) }).strict();

/**
 * A login limit that was reached (server/platform/auth/throttle.ts): attempts for the account from
 * that address (account_address), from that address for any account (address), for the account
 * from browsers it does not know (account), or from one known browser (device).
 */
export const LoginLockKind = z.enum(['account_address', 'address', 'account', 'device']);
export const LoginLock = z.object({
  id: Id,
  kind: LoginLockKind,
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  /** The network address counted: an IPv4 address or an IPv6 /64. */
  address: z.string().nullable(),
  since: z.string(),
  until: z.string(),
  /** Still holding: not lifted and its window not over. */
  active: z.boolean(),
  clearedAt: z.string().nullable(),
  clearedBy: z.string().nullable(),
  allowedActions: z.array(z.enum(['clear'])),
});
