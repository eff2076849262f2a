import type { FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from './access.ts';
import type { AuditAnchors } from './audit-anchor.ts';
import type { Ctx } from './command.ts';
import type { DbHandle } from './db.ts';
import { errors } from './errors.ts';
import type { Hub } from './hub.ts';
import type { Config } from './config.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface Deps {
  handle: DbHandle;
  hub: Hub;
  config: Config;
  /** Signed checkpoints of the audit chain (platform/audit-anchor.ts). */
  anchors: AuditAnchors;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    csrfToken: string | null;
  }
}

export function ctxOf(deps: Deps, req: FastifyRequest): Ctx {
  return { db: deps.handle.db, hub: deps.hub, actor: req.actor };
}

/** A module's routes: a function that adds them to the app. */
export type RouteModule = (app: App, deps: Deps) => void;

export function requireUser(req: FastifyRequest): Extract<Actor, { kind: 'user' }> {
  if (req.actor.kind !== 'user') throw errors.unauthenticated();
  return req.actor;
}

export const noContent = (reply: FastifyReply): FastifyReply => reply.code(204).send();
