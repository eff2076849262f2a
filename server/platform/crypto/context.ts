import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../command.ts';
import { type Deps, ctxOf } from '../http.ts';
import type { FieldCrypto } from './field-crypto.ts';
import { fieldCryptoFor } from './keys.ts';

/** A command context that can encrypt and decrypt personal data. */
export interface PiiCtx extends Ctx {
  readonly fc: FieldCrypto;
}

/** The cipher is resolved on first use, so operations without personal data work without a key. */
export function piiCtxOf(deps: Deps, req: FastifyRequest): PiiCtx {
  const base = ctxOf(deps, req);
  return {
    ...base,
    get fc() {
      return fieldCryptoFor(deps.config);
    },
  };
}
