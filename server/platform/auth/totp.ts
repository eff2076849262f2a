import { Secret, TOTP } from 'otpauth';

const totpFor = (secretBase32: string, label: string): TOTP =>
  new TOTP({ issuer: 'Yishi 议事', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpUri = (secretBase32: string, username: string): string => totpFor(secretBase32, username).toString();

/** Accepts the current code and one step either side, for clock drift. */
export function checkTotp(secretBase32: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32, '').validate({ token: code, window: 1 }) !== null;
}

export const currentTotp = (secretBase32: string): string => totpFor(secretBase32, '').generate();
