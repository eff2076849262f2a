// Encrypted backups (`yishi backup <file> --encrypt`). AES-256-GCM over the whole backup, streamed,
// with a key derived from the field key or from a passphrase (scrypt). The file is
//   YISHI-BACKUP-SEALED/1\n
//   {"kdf":"field-key","keyId":…,"iv":…} or {"kdf":"scrypt","salt":…,"N":…,"r":…,"p":…,"iv":…}\n
//   ciphertext, then the 16-byte tag.
// Both header lines are the associated data, so a changed header fails like changed bytes. The
// clear text is written only to 0600 files and kept only until the tag has been checked.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { DomainError } from './errors.ts';
import { FILE_MODE } from './private-files.ts';

const MAGIC = 'YISHI-BACKUP-SEALED/1\n';
const TAG_BYTES = 16;
/** scrypt's cost: 2^17 × 8 × 128 bytes = 128 MiB and a fraction of a second per backup. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

const opsError = (code: string, zh: string, en: string): DomainError => new DomainError(422, code, zh, en);

/** What seals a backup: a key derived from the field key, or an operator's passphrase. */
export type BackupSecret = { kind: 'field-key'; keyId: string; key: Buffer } | { kind: 'passphrase'; passphrase: string };

type Header = { kdf: 'field-key'; keyId: string; iv: string } | { kdf: 'scrypt'; salt: string; N: number; r: number; p: number; iv: string };

/** What opens a backup: the field key (by key id) and the passphrase, whichever the file asks for. */
export interface BackupKeys {
  fieldKey(keyId: string): Buffer;
  passphrase: string | undefined;
}

function deriveScrypt(passphrase: string, salt: Buffer, h: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((ok, fail) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: h.N, r: h.r, p: h.p, maxmem: 256 * 1024 * 1024 }, (e, key) => (e ? fail(e) : ok(key)));
  });
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Whether a file starts like a sealed backup. */
export function isSealedBackup(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(MAGIC.length);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return n === MAGIC.length && buf.toString('latin1') === MAGIC;
  } finally {
    closeSync(fd);
  }
}

/** Writes `dest` (new, 0600): `src` sealed under `secret`. */
export async function sealBackup(src: string, dest: string, secret: BackupSecret): Promise<void> {
  const iv = randomBytes(12);
  let header: Header;
  let key: Buffer;
  if (secret.kind === 'field-key') {
    header = { kdf: 'field-key', keyId: secret.keyId, iv: iv.toString('base64url') };
    key = secret.key;
  } else {
    const salt = randomBytes(16);
    header = { kdf: 'scrypt', salt: salt.toString('base64url'), ...SCRYPT, iv: iv.toString('base64url') };
    key = await deriveScrypt(secret.passphrase, salt, SCRYPT);
  }
  const head = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(head);
  try {
    await pipeline(
      createReadStream(src),
      cipher,
      async function* (body: AsyncIterable<Buffer>) {
        yield head;
        for await (const chunk of body) yield chunk;
        yield cipher.getAuthTag();
      },
      createWriteStream(dest, { flags: 'wx', mode: FILE_MODE }),
    );
    fsyncPath(dest);
  } catch (e) {
    rmSync(dest, { force: true });
    throw e;
  }
}

function readHeader(path: string): { header: Header; length: Buffer } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n);
    const end = text.indexOf(10, MAGIC.length);
    if (!isMagic(text) || end < 0) throw notSealed();
    const header = JSON.parse(text.subarray(MAGIC.length, end).toString('utf8')) as Header;
    return { header, length: text.subarray(0, end + 1) };
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw notSealed();
  } finally {
    closeSync(fd);
  }
}

const isMagic = (b: Buffer): boolean => b.subarray(0, MAGIC.length).toString('latin1') === MAGIC;
const notSealed = (): DomainError => opsError('NOT_A_SEALED_BACKUP', '加密备份文件的文件头无法识别', 'The encrypted backup’s header is not recognised');

/**
 * Writes `dest` (new, 0600) with the clear backup, after checking the tag; a wrong key or
 * passphrase, or a changed byte, leaves no file and says so.
 */
export async function openBackup(src: string, dest: string, keys: BackupKeys): Promise<void> {
  const { header, length: head } = readHeader(src);
  let key: Buffer;
  if (header.kdf === 'field-key') {
    try {
      key = keys.fieldKey(header.keyId);
    } catch {
      throw opsError('BACKUP_KEY_UNKNOWN', `备份由另一个字段密钥加密（密钥编号 ${header.keyId}），请配置该密钥（YISHI_FIELD_KEY 或 YISHI_FIELD_KEY_PREVIOUS）`, `The backup was sealed with another field key (key id ${header.keyId}); configure that key (YISHI_FIELD_KEY or YISHI_FIELD_KEY_PREVIOUS)`);
    }
  } else {
    if (!keys.passphrase) throw opsError('BACKUP_PASSPHRASE_REQUIRED', '该备份以口令加密，请设置 YISHI_BACKUP_PASSPHRASE', 'This backup is sealed with a passphrase; set YISHI_BACKUP_PASSPHRASE');
    key = await deriveScrypt(keys.passphrase, Buffer.from(header.salt, 'base64url'), header);
  }
  const size = statSync(src).size;
  if (size < head.length + TAG_BYTES) throw notSealed();
  const tag = Buffer.alloc(TAG_BYTES);
  const fd = openSync(src, 'r');
  try {
    readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    closeSync(fd);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64url'));
  decipher.setAAD(head);
  decipher.setAuthTag(tag);
  try {
    // An empty range needs no read: createReadStream's `end` is inclusive.
    const body = size - TAG_BYTES > head.length ? createReadStream(src, { start: head.length, end: size - TAG_BYTES - 1 }) : [];
    await pipeline(body, decipher, createWriteStream(dest, { flags: 'wx', mode: FILE_MODE }));
    fsyncPath(dest);
  } catch (e) {
    rmSync(dest, { force: true });
    if ((e as { syscall?: string }).syscall) throw e; // the file system's trouble, not the key's
    throw opsError(
      'BACKUP_DECRYPT_FAILED',
      header.kdf === 'scrypt' ? '无法解密备份：口令错误，或文件已损坏' : '无法解密备份：字段密钥不符，或文件已损坏',
      header.kdf === 'scrypt' ? 'Cannot decrypt the backup: wrong passphrase, or the file is damaged' : 'Cannot decrypt the backup: the field key does not match, or the file is damaged',
    );
  }
}
