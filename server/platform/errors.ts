import type { ApiError } from '../../contracts/errors.ts';

/** An expected refusal: maps to a 4xx with both languages and, where one applies, the rule. */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly rule?: string,
    readonly details?: unknown,
  ) {
    super(messageEn);
  }

  toJSON(): ApiError {
    return {
      code: this.code,
      message_zh: this.messageZh,
      message_en: this.messageEn,
      ...(this.rule ? { rule: this.rule } : {}),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** The errors every module shares. Module-specific ones live next to their rules. */
export const errors = {
  unauthenticated: () => new DomainError(401, 'UNAUTHENTICATED', '请先登录', 'Please log in first'),
  forbidden: () => new DomainError(403, 'FORBIDDEN', '您没有执行此操作的权限', 'You are not allowed to do this'),
  // Another congress's record answers 404, never 403: its existence is not disclosed.
  notFound: (what: string, whatZh: string) => new DomainError(404, 'NOT_FOUND', `未找到${whatZh}`, `${what} not found`),
  conflict: (code: string, zh: string, en: string, rule?: string) => new DomainError(409, code, zh, en, rule),
  invalid: (code: string, zh: string, en: string, rule?: string, details?: unknown) => new DomainError(422, code, zh, en, rule, details),
  badRequest: (zh: string, en: string, details?: unknown) => new DomainError(400, 'BAD_REQUEST', zh, en, undefined, details),
  tooMany: (zh: string, en: string) => new DomainError(429, 'TOO_MANY_ATTEMPTS', zh, en),
};
