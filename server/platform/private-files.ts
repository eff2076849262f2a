// Files the installation keeps for itself — the SQLite database and its WAL and SHM, uploaded
// files, generated keys, audit checkpoints, backups — are readable by the server's user only:
// files 0600, folders 0700. The process umask is set at start (main, CLI) and every such file is
// also created with its mode, so neither depends on the other.
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** At start: whatever the process creates is private unless created otherwise on purpose. */
export function restrictUmask(): void {
  process.umask(0o077);
}

/** Creates a folder (and missing parents) as 0700; an existing folder is left as it is. */
export function mkdirPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}

export async function mkdirPrivateAsync(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/** Makes sure `path` exists as a 0600 file: created empty when missing, tightened when wider. */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', FILE_MODE));
  tightenExisting([path]);
}

/**
 * Tightens files that already exist (a database created before this rule, its WAL and SHM).
 * A file owned by another user is left alone: only its owner may change its mode.
 */
export function tightenExisting(paths: readonly string[]): void {
  for (const p of paths) {
    try {
      chmodSync(p, FILE_MODE);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw e;
    }
  }
}

/** Appends one line to a 0600 file and waits until it is on disk (fsync). */
export function appendLineDurably(path: string, line: string): void {
  const fd = openSync(path, 'a', FILE_MODE);
  try {
    writeSync(fd, `${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  tightenExisting([path]);
}
