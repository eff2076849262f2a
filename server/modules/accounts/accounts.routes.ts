import { z } from 'zod';
import { ChangePassword, CreateUser, CurrentUser, LoginLock, LoginRequest, LoginResponse, RoleName, SetRoles, UpdateUser, UserSummary } from '../../../contracts/accounts.ts';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_PATH, DEVICE_TTL_MS } from '../../platform/auth/devices.ts';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../platform/auth/sessions.ts';
import { piiCtxOf } from '../../platform/crypto/context.ts';
import { ctxOf, noContent, requireUser, type RouteModule } from '../../platform/http.ts';
import { changePassword, clearLoginLock, confirmTotp, createUser, login, logout, setLocked, setRoles, startTotp, updateUser } from './accounts.commands.ts';
import { getCurrentUser, listLoginLocks, listUsers } from './accounts.queries.ts';

const tags = ['accounts'];
const UserParams = z.object({ congressId: Id, userId: Id }).strict();
const LockParams = z.object({ congressId: Id, lockId: Id }).strict();

export const accountRoutes: RouteModule = (app, deps) => {
  const production = deps.config.production;

  app.post('/api/v1/auth/login', { schema: { operationId: 'login', tags, body: LoginRequest, response: { 200: LoginResponse } } }, async (req, reply) => {
    const { session, user, newDevice } = await login(piiCtxOf(deps, req), req.body, production, req.cookies[DEVICE_COOKIE]);
    if (req.body.mode === 'cookie') {
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: production,
        path: '/',
        maxAge: SESSION_TTL_MS.cookie / 1000,
      });
      // This browser now counts as one the account knows (platform/auth/devices.ts).
      if (newDevice) reply.setCookie(DEVICE_COOKIE, newDevice, { httpOnly: true, sameSite: 'strict', secure: production, path: DEVICE_COOKIE_PATH, maxAge: DEVICE_TTL_MS / 1000 });
      return { csrfToken: session.csrfToken, expiresAt: session.expiresAt, user };
    }
    return { token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, user };
  });

  app.post('/api/v1/auth/logout', { schema: { operationId: 'logout', tags } }, async (req, reply) => {
    await logout(ctxOf(deps, req), requireUser(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return noContent(reply);
  });

  app.get('/api/v1/auth/me', { schema: { operationId: 'getCurrentUser', tags, response: { 200: CurrentUser.extend({ csrfToken: z.string() }) } } }, async (req) => {
    return { ...(await getCurrentUser(ctxOf(deps, req), requireUser(req))), csrfToken: req.csrfToken ?? '' };
  });

  app.post('/api/v1/auth/password', { schema: { operationId: 'changePassword', tags, body: ChangePassword } }, async (req, reply) => {
    await changePassword(ctxOf(deps, req), requireUser(req), req.body);
    return noContent(reply);
  });

  app.post('/api/v1/auth/totp/setup', { schema: { operationId: 'startTotpSetup', tags, response: { 200: z.object({ secret: z.string(), uri: z.string() }) } } }, (req) =>
    startTotp(piiCtxOf(deps, req), requireUser(req)),
  );

  app.post('/api/v1/auth/totp/confirm', { schema: { operationId: 'confirmTotpSetup', tags, body: z.object({ code: z.string().regex(/^\d{6}$/) }).strict() } }, async (req, reply) => {
    await confirmTotp(piiCtxOf(deps, req), requireUser(req), req.body.code);
    return noContent(reply);
  });

  app.get('/api/v1/congresses/:congressId/users', { schema: { operationId: 'listUsers', tags, params: CongressParams, response: { 200: z.array(UserSummary) } } }, (req) =>
    listUsers(ctxOf(deps, req), req.params.congressId),
  );

  app.post('/api/v1/congresses/:congressId/users', { schema: { operationId: 'createUser', tags, params: CongressParams, body: CreateUser, response: { 201: UserSummary } } }, async (req, reply) =>
    reply.code(201).send(await createUser(ctxOf(deps, req), req.params.congressId, req.body)),
  );

  app.patch('/api/v1/congresses/:congressId/users/:userId', { schema: { operationId: 'updateUser', tags, params: UserParams, body: UpdateUser } }, async (req, reply) => {
    await updateUser(ctxOf(deps, req), req.params.congressId, req.params.userId, req.body);
    return noContent(reply);
  });

  app.post('/api/v1/congresses/:congressId/users/:userId/lock', { schema: { operationId: 'lockUser', tags, params: UserParams } }, async (req, reply) => {
    await setLocked(ctxOf(deps, req), req.params.congressId, req.params.userId, true);
    return noContent(reply);
  });

  app.post('/api/v1/congresses/:congressId/users/:userId/unlock', { schema: { operationId: 'unlockUser', tags, params: UserParams } }, async (req, reply) => {
    await setLocked(ctxOf(deps, req), req.params.congressId, req.params.userId, false);
    return noContent(reply);
  });

  app.put('/api/v1/congresses/:congressId/users/:userId/roles', { schema: { operationId: 'setUserRoles', tags, params: UserParams, body: SetRoles, response: { 200: z.array(RoleName) } } }, (req) =>
    setRoles(ctxOf(deps, req), req.params.congressId, req.params.userId, req.body.roles),
  );

  app.get('/api/v1/congresses/:congressId/login-locks', { schema: { operationId: 'listLoginLocks', tags, params: CongressParams, response: { 200: z.array(LoginLock) } } }, (req) =>
    listLoginLocks(ctxOf(deps, req), req.params.congressId),
  );

  app.post('/api/v1/congresses/:congressId/login-locks/:lockId/clear', { schema: { operationId: 'clearLoginLock', tags, params: LockParams } }, async (req, reply) => {
    await clearLoginLock(ctxOf(deps, req), req.params.congressId, req.params.lockId);
    return noContent(reply);
  });
};
