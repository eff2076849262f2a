import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import {
  type ZodTypeProvider,
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { accountRoutes } from './modules/accounts/accounts.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { congressRoutes } from './modules/congress/congress.routes.ts';
import { legislationRoutes } from './modules/legislation/legislation.routes.ts';
import { meetingRoutes } from './modules/meetings/meetings.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { pollRoutes } from './modules/polls/polls.routes.ts';
import { SESSION_COOKIE, resolveSession } from './platform/auth/sessions.ts';
import { DomainError, errors } from './platform/errors.ts';
import { type App, type Deps, type RouteModule } from './platform/http.ts';
import { healthRoutes } from './platform/health.ts';
import { declareSecurity, securitySchemes } from './platform/openapi.ts';
import { countRequests } from './platform/inflight.ts';
import { drainBody } from './platform/drain.ts';
import { schedulePeriodic } from './platform/jobs.ts';
import { pruneCounters } from './platform/rate.ts';
import { pruneDevices } from './platform/auth/devices.ts';
import { calendarRoutes } from './platform/calendar/calendar.routes.ts';
import { opinionRoutes } from './modules/opinions/opinions.routes.ts';
import { stationRoutes } from './modules/stations/stations.routes.ts';
import { deputyRoutes } from './modules/deputies/deputies.routes.ts';
import { billRoutes } from './modules/bills/bills.routes.ts';
import { oversightRoutes } from './modules/oversight/oversight.routes.ts';
import { personnelRoutes } from './modules/personnel/personnel.routes.ts';
import { registerLive } from './platform/realtime/live.routes.ts';
import { consultationRoutes } from './modules/legislation/consultation.routes.ts';
import { publicationRoutes } from './modules/publication/publication.routes.ts';
import { publicDataRoutes } from './modules/publicdata/publicdata.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';

const MODULES: RouteModule[] = [healthRoutes, accountRoutes, congressRoutes, peopleRoutes, auditRoutes, meetingRoutes, pollRoutes, calendarRoutes, opinionRoutes, legislationRoutes, deputyRoutes, stationRoutes, billRoutes, oversightRoutes, personnelRoutes, consultationRoutes, publicationRoutes, publicDataRoutes, searchRoutes];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A request as the log keeps it: a bearer token in the query (live sockets, feeds) never reaches the log. */
export const redactUrl = (url: string): string => url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
const logRequest = (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip });

/** Before a 413: what is left of the body is read (bounded) and the connection closed after the answer, so the client reads the answer rather than a reset (platform/drain.ts). */
async function refuseRestOfBody(raw: IncomingMessage, reply: FastifyReply): Promise<void> {
  if (raw.readableEnded) return;
  reply.header('connection', 'close');
  await drainBody(raw);
}

export async function buildApp(deps: Deps): Promise<App> {
  const app = Fastify({
    logger: deps.config.production ? { level: 'info', serializers: { req: logRequest } } : false,
    // Only the proxies the installation names (YISHI_TRUST_PROXY) may say who the client is.
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  countRequests(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its styles at run time
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        upgradeInsecureRequests: null,
      },
    },
    hsts: deps.config.production,
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Yishi 议事 API', version: '1' },
      components: { securitySchemes },
    },
    transform: jsonSchemaTransform,
  });
  app.addHook('onRoute', declareSecurity); // each operation's security in the OpenAPI document

  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfToken', null);
  // Who is asking: a bearer token (API clients) or the session cookie (the web app).
  app.addHook('onRequest', async (req) => {
    req.actor = { kind: 'public', ip: req.ip };
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const token = bearer ?? req.cookies[SESSION_COOKIE];
    if (!token) return;
    const actor = await resolveSession(deps.handle.db, token, req.ip);
    if (!actor) {
      if (bearer) throw errors.unauthenticated();
      return; // a stale cookie just means "logged out"
    }
    const { csrfToken, ...rest } = actor;
    req.actor = rest;
    req.csrfToken = csrfToken;
    // Cookie sessions must echo the CSRF token on every write; bearer clients are not exposed to CSRF.
    if (!bearer && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== csrfToken) {
      throw new DomainError(403, 'CSRF', '请求缺少有效的防伪令牌，请刷新页面', 'Missing or invalid CSRF token; reload the page');
    }
    // In production a staff account without a second factor may only enrol one.
    if (actor.totpEnrollmentOnly && !req.url.startsWith('/api/v1/auth/')) {
      throw new DomainError(403, 'TOTP_ENROLLMENT_REQUIRED', '请先设置双因素认证', 'Set up two-factor authentication first');
    }
  });

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err instanceof DomainError) {
      if (err.status === 413) await refuseRestOfBody(req.raw, reply);
      if (err.status === 503) void reply.header('retry-after', '5'); // busy for now: a client may try again shortly
      return reply.code(err.status).send(err.toJSON());
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }));
      const first = issues[0];
      return reply.code(400).send({
        code: 'VALIDATION',
        message_zh: `请求内容不符合要求：${first ? `${first.path} ${first.message}` : ''}`,
        message_en: `Invalid request: ${first ? `${first.path} ${first.message}` : ''}`,
        details: issues,
      });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err.statusCode === 400 && err instanceof SyntaxError)) {
      return reply.code(400).send({ code: 'MALFORMED_JSON', message_zh: '请求体不是有效的JSON', message_en: 'The request body is not valid JSON' });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      await refuseRestOfBody(req.raw, reply);
      return reply.code(413).send({ code: 'TOO_LARGE', message_zh: '请求体过大', message_en: 'The request body is too large' });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message_zh: '不支持的内容类型', message_en: 'Unsupported content type' });
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ code: err.code || 'BAD_REQUEST', message_zh: '请求无效', message_en: err.message });
    }
    req.log.error(err);
    return reply.code(500).send({ code: 'INTERNAL', message_zh: '服务器内部错误，操作未完成', message_en: 'Internal error; nothing was changed' });
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !existsSync(deps.config.webDist)) {
      return reply.code(404).send({ code: 'NOT_FOUND', message_zh: '未找到该地址', message_en: 'No such route' });
    }
    return reply.sendFile('index.html'); // client-side routes of the single-page app
  });

  // Ended rate-limit windows and device tokens unused for a year are dropped.
  schedulePeriodic(app, deps, 'rate counters', 10 * 60_000, async () => {
    await pruneCounters(deps.handle.db);
    await pruneDevices(deps.handle.db);
  });

  await registerLive(app, deps); // GET /api/v1/live (WebSocket)
  for (const register of MODULES) register(app, deps);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());

  if (existsSync(deps.config.webDist)) {
    await app.register(fastifyStatic, { root: deps.config.webDist, wildcard: false });
  }
  return app;
}
