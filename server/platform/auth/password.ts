import { hash, verify } from '@node-rs/argon2';
import { errors } from '../errors.ts';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export const hashPassword = (plain: string): Promise<string> => hash(plain);
export const verifyPassword = (stored: string, plain: string): Promise<boolean> => verify(stored, plain).catch(() => false);

/** Password policy: long enough to resist guessing, short enough to keep hashing cheap. */
export function checkPasswordPolicy(plain: string): void {
  if (plain.length < 10 || plain.length > 200) {
    throw errors.invalid('WEAK_PASSWORD', '密码长度须为10至200个字符', 'A password must be 10 to 200 characters long');
  }
  if (!/[A-Za-z]/.test(plain) || !/[0-9]/.test(plain)) {
    throw errors.invalid('WEAK_PASSWORD', '密码须同时包含字母和数字', 'A password must contain both letters and digits');
  }
}
