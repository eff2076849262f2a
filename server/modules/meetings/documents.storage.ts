import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../../platform/config.ts';
import { FILE_MODE, mkdirPrivateAsync } from '../../platform/private-files.ts';
import { DEFAULT_MAX_BYTES } from './documents.rules.ts';

// Where meeting documents live. Choice: files on disk, outside the database, addressed by the
// SHA-256 of their bytes (<dir>/ab/abcdef…). The row in meeting_documents is the record; the file is
// written (to a temporary name, then renamed) before the row's transaction commits, so a failed
// command leaves at most an unreferenced file and never a row without its bytes. Identical uploads
// share one file. The directory is YISHI_FILES_DIR, or `files/` next to the SQLite file. With several
// server processes it must be a shared directory; back it up together with the database. Files are
// 0600 and folders 0700 (platform/private-files.ts).

export interface Storage {
  dir: string;
  maxBytes: number;
}

export function storageFor(config: Config, env: NodeJS.ProcessEnv = process.env): Storage {
  const mb = Number(env.YISHI_MAX_UPLOAD_MB);
  return {
    dir: resolve(env.YISHI_FILES_DIR || join(dirname(resolve(config.sqlitePath)), 'files')),
    maxBytes: Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_BYTES,
  };
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function blobPath(s: Storage, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
  return join(s.dir, sha256.slice(0, 2), sha256);
}

export async function storeBlob(s: Storage, bytes: Uint8Array, sha256: string): Promise<void> {
  const path = blobPath(s, sha256);
  if (existsSync(path)) return;
  await mkdirPrivateAsync(dirname(path));
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, bytes, { flag: 'wx', mode: FILE_MODE });
  await rename(tmp, path);
}

export async function readBlob(s: Storage, sha256: string): Promise<Buffer> {
  const bytes = await readFile(blobPath(s, sha256));
  if (sha256Of(bytes) !== sha256) throw new Error(`stored file ${sha256} does not match its hash`);
  return bytes;
}
