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
});
export const CreateUser = z
  .object({
    username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'lowercase letters, digits, dot, dash, underscore'),
    displayName: z.string().trim().min(1).max(50),
    personId: Id.nullable().optional(),
    password: z.string().min(1).max(200),
    roles: z.array(RoleName).min(1).max(8),
  })
  .strict();
export const SetRoles = z.object({ roles: z.array(RoleName).max(8) }).strict();
