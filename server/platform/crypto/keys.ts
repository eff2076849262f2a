import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { FILE_MODE, mkdirPrivate, tightenExisting } from '../private-files.ts';
import { type FieldCrypto, createFieldCrypto, generateFieldKey, parseFieldKey } from './field-crypto.ts';

const cache = new WeakMap<Config, FieldCrypto>();

/** Where a development or test installation keeps its generated key when none is configured. */
export function devKeyFile(config: Config): string {
  return resolve(config.fieldKeyFile ?? join(dirname(config.sqlitePath === ':memory:' ? './data/x' : config.sqlitePath), 'field.key'));
}

/**
 * The installation's field keys. Each congress's rules profile chooses the cipher it encrypts
 * with (`privacy.fieldCipher`, applied through `withCipher`); every view decrypts both.
 * Production: the key comes from YISHI_FIELD_KEY (and older keys still readable from
 * YISHI_FIELD_KEY_PREVIOUS); without it, anything touching personal data fails rather than
 * storing it in clear. Development and tests: when no key is set, a
 * random key is generated once into `field.key` next to the SQLite file (mode 0600) and reused.
 */
export function fieldCryptoFor(config: Config): FieldCrypto {
  const hit = cache.get(config);
  if (hit) return hit;
  let key: Buffer;
  if (config.fieldKey) key = parseFieldKey(config.fieldKey);
  else if (config.production) throw new Error('YISHI_FIELD_KEY is not set: personal data cannot be encrypted (see server/platform/crypto/README.md)');
  else {
    const file = devKeyFile(config);
    if (!existsSync(file)) {
      mkdirPrivate(dirname(file));
      writeFileSync(file, `${generateFieldKey()}\n`, { mode: FILE_MODE, flag: 'wx' });
      tightenExisting([file]);
    }
    key = parseFieldKey(readFileSync(file, 'utf8'));
  }
  const previous = (config.fieldKeyPrevious ?? []).map(parseFieldKey);
  const fc = createFieldCrypto(key, { previous });
  cache.set(config, fc);
  return fc;
}
