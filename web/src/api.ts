// The typed client of the Yishi API. Types come from the zod schemas in contracts/ (imported as
// types only, so zod stays out of the bundle). The web app logs in with a session cookie; every
// write echoes the CSRF token the server handed out at login or on /auth/me.
import type { z } from 'zod';
import type * as Accounts from '../../contracts/accounts.ts';
import type { AuditCheckpoints } from '../../contracts/audit.ts';
import type * as C from '../../contracts/congress.ts';
import type { ApiError as ApiErrorBody } from '../../contracts/errors.ts';
import type * as People from '../../contracts/people.ts';
import type { PersonnelAct as PersonnelActSchema, RulesProfile } from '../../contracts/profile.ts';

export type { ApiErrorBody, AuditCheckpoints, RulesProfile };
export type Role = z.infer<typeof Accounts.RoleName>;
export type CurrentUser = z.infer<typeof Accounts.CurrentUser>;
export type Me = CurrentUser & { csrfToken: string };
export type LoginRequest = z.input<typeof Accounts.LoginRequest>;
export type LoginResponse = z.infer<typeof Accounts.LoginResponse>;
export type ChangePasswordRequest = z.input<typeof Accounts.ChangePassword>;
export type UserSummary = z.infer<typeof Accounts.UserSummary>;
export type CreateUserRequest = z.input<typeof Accounts.CreateUser>;
export type LoginLock = z.infer<typeof Accounts.LoginLock>;

export type Congress = z.infer<typeof C.Congress>;
export type CongressLevel = z.infer<typeof C.CongressLevel>;
export type CreateCongressRequest = z.input<typeof C.CreateCongress>;
export type UpdateCongressRequest = z.input<typeof C.UpdateCongress>;
export type Term = z.infer<typeof C.Term>;
export type CreateTermRequest = z.input<typeof C.CreateTerm>;
export type Body = z.infer<typeof C.Body>;
export type BodyKind = z.infer<typeof C.BodyKind>;
export type CreateBodyRequest = z.input<typeof C.CreateBody>;
export type UpdateBodyRequest = z.input<typeof C.UpdateBody>;

export type Member = z.infer<typeof People.Member>;
export type MembershipRole = z.infer<typeof People.MembershipRole>;
export type Person = z.infer<typeof People.Person>;
export type CreatePersonRequest = z.input<typeof People.CreatePerson>;
export type UpdatePersonRequest = z.input<typeof People.UpdatePerson>;
export type Membership = z.infer<typeof People.Membership>;
export type CreateMembershipRequest = z.input<typeof People.CreateMembership>;
export type PersonnelAct = z.infer<typeof PersonnelActSchema>;

/** One entry of a congress's audit trail (GET /congresses/:id/audit). */
export interface AuditRow {
  seq: number;
  at: string;
  action: string;
  actorUserId: string | null;
  actorUsername: string | null;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  hash: string;
}
export interface AuditPage {
  rows: AuditRow[];
  nextBefore: number | null;
}
export interface AuditQuery {
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

/** A refusal from the server (with both languages) or a failure to reach it (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message_en ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body?.code ?? (this.status === 0 ? 'NETWORK' : 'HTTP');
  }
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.code === 'string' && typeof o.message_zh === 'string' && typeof o.message_en === 'string';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined>;

interface Listeners {
  /** The session ended (expired, logged out elsewhere, account locked). */
  unauthenticated?: () => void;
  /** The account must enrol a second factor before doing anything else. */
  enrollmentRequired?: () => void;
}

let csrfToken: string | null = null;
let listeners: Listeners = {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setSessionListeners(l: Listeners): void {
  listeners = l;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: Method, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${withQuery(path, query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, isErrorBody(parsed) ? parsed : null);
    if (res.status === 401 && err.code === 'UNAUTHENTICATED') listeners.unauthenticated?.();
    if (res.status === 403 && err.code === 'TOTP_ENROLLMENT_REQUIRED') listeners.enrollmentRequired?.();
    throw err;
  }
  return parsed as T;
}

const id = encodeURIComponent;
const cp = (congressId: string): string => `/congresses/${id(congressId)}`;

export const api = {
  auth: {
    login: (body: Omit<LoginRequest, 'mode'>) => request<LoginResponse>('POST', '/auth/login', { ...body, mode: 'cookie' }),
    logout: () => request<undefined>('POST', '/auth/logout'),
    me: () => request<Me>('GET', '/auth/me'),
    changePassword: (body: ChangePasswordRequest) => request<undefined>('POST', '/auth/password', body),
    startTotp: () => request<{ secret: string; uri: string }>('POST', '/auth/totp/setup'),
    confirmTotp: (code: string) => request<undefined>('POST', '/auth/totp/confirm', { code }),
  },
  congresses: {
    list: () => request<Congress[]>('GET', '/congresses'),
    get: (congressId: string) => request<Congress>('GET', cp(congressId)),
    create: (body: CreateCongressRequest) => request<Congress>('POST', '/congresses', body),
    update: (congressId: string, body: UpdateCongressRequest) => request<Congress>('PATCH', cp(congressId), body),
  },
  terms: {
    list: (congressId: string) => request<Term[]>('GET', `${cp(congressId)}/terms`),
    create: (congressId: string, body: CreateTermRequest) => request<Term>('POST', `${cp(congressId)}/terms`, body),
  },
  bodies: {
    list: (congressId: string) => request<Body[]>('GET', `${cp(congressId)}/bodies`),
    create: (congressId: string, body: CreateBodyRequest) => request<Body>('POST', `${cp(congressId)}/bodies`, body),
    update: (congressId: string, bodyId: string, body: UpdateBodyRequest) => request<Body>('PATCH', `${cp(congressId)}/bodies/${id(bodyId)}`, body),
  },
  rules: {
    get: (congressId: string) => request<RulesProfile>('GET', `${cp(congressId)}/rules-profile`),
    /** The server validates and answers 422 naming the field and the rule. */
    update: (congressId: string, profile: RulesProfile) => request<RulesProfile>('PUT', `${cp(congressId)}/rules-profile`, profile),
    presets: () => request<Record<string, RulesProfile>>('GET', '/rules-presets'),
  },
  members: {
    /** The standing committee's composition in the gazette's order; public. */
    list: (congressId: string, on?: string) => request<Member[]>('GET', `${cp(congressId)}/members`, undefined, { on }),
  },
  people: {
    list: (congressId: string, q?: string) => request<Person[]>('GET', `${cp(congressId)}/people`, undefined, { q }),
    get: (congressId: string, personId: string) => request<Person>('GET', `${cp(congressId)}/people/${id(personId)}`),
    create: (congressId: string, body: CreatePersonRequest) => request<Person>('POST', `${cp(congressId)}/people`, body),
    update: (congressId: string, personId: string, body: UpdatePersonRequest) => request<Person>('PATCH', `${cp(congressId)}/people/${id(personId)}`, body),
  },
  memberships: {
    list: (congressId: string, filter: { bodyId?: string; personId?: string }) =>
      request<Membership[]>('GET', `${cp(congressId)}/memberships`, undefined, filter),
    create: (congressId: string, body: CreateMembershipRequest) => request<Membership>('POST', `${cp(congressId)}/memberships`, body),
    end: (congressId: string, membershipId: string, endDate: string) =>
      request<undefined>('POST', `${cp(congressId)}/memberships/${id(membershipId)}/end`, { endDate }),
  },
  users: {
    list: (congressId: string) => request<UserSummary[]>('GET', `${cp(congressId)}/users`),
    create: (congressId: string, body: CreateUserRequest) => request<UserSummary>('POST', `${cp(congressId)}/users`, body),
    lock: (congressId: string, userId: string) => request<undefined>('POST', `${cp(congressId)}/users/${id(userId)}/lock`),
    unlock: (congressId: string, userId: string) => request<undefined>('POST', `${cp(congressId)}/users/${id(userId)}/unlock`),
    setRoles: (congressId: string, userId: string, roles: Role[]) => request<Role[]>('PUT', `${cp(congressId)}/users/${id(userId)}/roles`, { roles }),
    update: (congressId: string, userId: string, body: z.input<typeof Accounts.UpdateUser>) => request<undefined>('PATCH', `${cp(congressId)}/users/${id(userId)}`, body),
  },
  loginLocks: {
    list: (congressId: string) => request<LoginLock[]>('GET', `${cp(congressId)}/login-locks`),
    clear: (congressId: string, lockId: string) => request<undefined>('POST', `${cp(congressId)}/login-locks/${id(lockId)}/clear`),
  },
  audit: {
    list: (congressId: string, q: AuditQuery) => request<AuditPage>('GET', `${cp(congressId)}/audit`, undefined, { ...q }),
    checkpoints: (congressId: string) => request<AuditCheckpoints>('GET', `${cp(congressId)}/audit/checkpoints`),
  },
};
