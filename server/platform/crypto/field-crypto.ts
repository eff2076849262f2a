// Field encryption for personal data at rest: citizens' names, phone numbers and ID numbers,
// deputies' private contacts. See README.md in this folder for keys, formats and rotation.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export type FieldCipher = 'aes-256-gcm' | 'sm4';

export interface FieldCrypto {
  readonly cipher: FieldCipher;
  /** Identifies the current key in every token (8 hex digits derived from the key, not the key). */
  readonly keyId: string;
  /**
   * Encrypts `plain`, bound to `context` (e.g. 'opinions.phone:<row id>') as associated data: a
   * token copied into another row or column does not decrypt.
   */
  encrypt(plain: string, context: string): string;
  decrypt(token: string, context: string): string;
  /** A keyed hash (HMAC) for equality lookups without the clear value: throttling, export. */
  blindIndex(kind: string, value: string): string;
  /** Files (photos a citizen attached): a one-line header with the token's fields, then the ciphertext. */
  encryptBytes(plain: Uint8Array, context: string): Buffer;
  decryptBytes(sealed: Uint8Array, context: string): Buffer;
  /**
   * A 256-bit key derived from the field key for whole files the installation seals itself (an
   * encrypted backup), with the id of the key it comes from; given an id, the older key of that id.
   */
  fileKey(keyId?: string): { keyId: string; key: Buffer };
  /**
   * The same keys, encrypting with `cipher` (each congress's rules profile names its own:
   * `privacy.fieldCipher`). Decryption is unchanged: every view reads tokens of either cipher.
   */
  withCipher(cipher: FieldCipher): FieldCrypto;
}

const PREFIX = 'yf1';
const SALT = Buffer.from('yishi-field-v1');
const CODE: Record<FieldCipher, string> = { 'aes-256-gcm': 'a', sm4: 's' };

const b64 = (b: Buffer): string => b.toString('base64url');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64url');
const derive = (master: Buffer, info: string, len: number): Buffer => Buffer.from(hkdfSync('sha256', master, SALT, info, len));

interface KeySet {
  id: string;
  aes: Buffer;
  sm4: Buffer;
  sm4Mac: Buffer;
  file: Buffer;
}

function keySet(master: Buffer): KeySet {
  if (master.length !== 32) throw new Error('field key must be 32 bytes');
  return {
    id: createHmac('sha256', master).update('key-id').digest('hex').slice(0, 8),
    aes: derive(master, 'enc:aes-256-gcm', 32),
    sm4: derive(master, 'enc:sm4-ctr', 16),
    sm4Mac: derive(master, 'mac:hmac-sm3', 32),
    file: derive(master, 'enc:file-aes-256-gcm', 32),
  };
}

/**
 * AES-256-GCM (default), or SM4 where a congress requires the national algorithms: Node's
 * OpenSSL has no SM4-GCM, so SM4 runs in CTR mode with encrypt-then-MAC by HMAC-SM3 over
 * version, key id, IV, context and ciphertext. Tokens from older keys in `previous` still decrypt.
 */
export function createFieldCrypto(master: Buffer, opts: { cipher?: FieldCipher; previous?: Buffer[] } = {}): FieldCrypto {
  const current = keySet(master);
  const keys = new Map<string, KeySet>([[current.id, current]]);
  for (const p of opts.previous ?? []) {
    const k = keySet(p);
    if (!keys.has(k.id)) keys.set(k.id, k);
  }
  const indexKey = derive(master, 'index:hmac-sha256', 32);

  const sm4Mac = (k: KeySet, iv: Buffer, context: string, ct: Buffer): Buffer =>
    createHmac('sm3', k.sm4Mac).update(`${PREFIX}:s:${k.id}:`).update(iv).update(Buffer.from(`\0${context}\0`)).update(ct).digest();

  const views = new Map<FieldCipher, FieldCrypto>();
  const view = (cipher: FieldCipher): FieldCrypto => {
    const hit = views.get(cipher);
    if (hit) return hit;
    const made = makeView(cipher);
    views.set(cipher, made);
    return made;
  };

  const makeView = (cipher: FieldCipher): FieldCrypto => ({
    cipher,
    keyId: current.id,
    encrypt(plain, context) {
      const data = Buffer.from(plain, 'utf8');
      if (cipher === 'sm4') {
        const iv = randomBytes(16);
        const c = createCipheriv('sm4-ctr', current.sm4, iv);
        const ct = Buffer.concat([c.update(data), c.final()]);
        return [PREFIX, CODE.sm4, current.id, b64(iv), b64(ct), b64(sm4Mac(current, iv, context, ct))].join(':');
      }
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', current.aes, iv);
      c.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([c.update(data), c.final()]);
      return [PREFIX, CODE['aes-256-gcm'], current.id, b64(iv), b64(ct), b64(c.getAuthTag())].join(':');
    },
    decrypt(token, context) {
      const parts = token.split(':');
      if (parts.length !== 6 || parts[0] !== PREFIX) throw new Error('not a field token');
      const [, code, id, ivS, ctS, tagS] = parts as [string, string, string, string, string, string];
      const k = keys.get(id);
      if (!k) throw new Error(`field token under an unknown key ${id}`);
      const iv = unb64(ivS);
      const ct = unb64(ctS);
      const tag = unb64(tagS);
      if (code === CODE.sm4) {
        const expected = sm4Mac(k, iv, context, ct);
        if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw new Error('field token failed authentication');
        const d = createDecipheriv('sm4-ctr', k.sm4, iv);
        return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
      }
      if (code !== CODE['aes-256-gcm']) throw new Error('unknown field cipher');
      const d = createDecipheriv('aes-256-gcm', k.aes, iv);
      d.setAAD(Buffer.from(context, 'utf8'));
      d.setAuthTag(tag);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    },
    encryptBytes(plain, context) {
      if (cipher === 'sm4') {
        const iv = randomBytes(16);
        const c = createCipheriv('sm4-ctr', current.sm4, iv);
        const ct = Buffer.concat([c.update(plain), c.final()]);
        return Buffer.concat([Buffer.from(`${[PREFIX, CODE.sm4, current.id, b64(iv), b64(sm4Mac(current, iv, context, ct))].join(':')}\n`), ct]);
      }
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', current.aes, iv);
      c.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([Buffer.from(`${[PREFIX, CODE['aes-256-gcm'], current.id, b64(iv), b64(c.getAuthTag())].join(':')}\n`), ct]);
    },
    decryptBytes(sealed, context) {
      const buf = Buffer.from(sealed);
      const nl = buf.indexOf(10);
      const parts = buf.subarray(0, nl < 0 ? 0 : nl).toString('utf8').split(':');
      const code = parts[1];
      if (nl < 0 || parts.length !== 5 || parts[0] !== PREFIX || (code !== CODE['aes-256-gcm'] && code !== CODE.sm4)) throw new Error('not a sealed file');
      const k = keys.get(parts[2] ?? '');
      if (!k) throw new Error('sealed file under an unknown key');
      const iv = unb64(parts[3] ?? '');
      const tag = unb64(parts[4] ?? '');
      const ct = buf.subarray(nl + 1);
      if (code === CODE.sm4) {
        const expected = sm4Mac(k, iv, context, ct);
        if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw new Error('sealed file failed authentication');
        const d = createDecipheriv('sm4-ctr', k.sm4, iv);
        return Buffer.concat([d.update(ct), d.final()]);
      }
      const d = createDecipheriv('aes-256-gcm', k.aes, iv);
      d.setAAD(Buffer.from(context, 'utf8'));
      d.setAuthTag(tag);
      return Buffer.concat([d.update(ct), d.final()]);
    },
    blindIndex(kind, value) {
      return createHmac('sha256', indexKey).update(`${kind}\0${value}`).digest('base64url').slice(0, 32);
    },
    fileKey(keyId) {
      const k = keyId === undefined ? current : keys.get(keyId);
      if (!k) throw new Error(`no field key with id ${keyId ?? ''}`);
      return { keyId: k.id, key: k.file };
    },
    withCipher: view,
  });

  return view(opts.cipher ?? 'aes-256-gcm');
}

/** Parses a key given as 64 hex digits or base64 / base64url of 32 bytes. */
export function parseFieldKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  if (buf.length !== 32) throw new Error('YISHI_FIELD_KEY must be 32 bytes: 64 hex digits or base64');
  return buf;
}

export const generateFieldKey = (): string => randomBytes(32).toString('base64');
