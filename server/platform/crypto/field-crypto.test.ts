import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createFieldCrypto, generateFieldKey, parseFieldKey } from './field-crypto.ts';
import { devKeyFile, fieldCryptoFor } from './keys.ts';
import { isValidIdNumber, isValidPhone, maskIdNumber, maskName, maskPhone, normalizePhone } from './mask.ts';

const key = parseFieldKey(generateFieldKey());

void test('AES-256-GCM round trip; the token shows neither the text nor its length in clear', () => {
  const fc = createFieldCrypto(key);
  const t = fc.encrypt('王小明 13812345678', 'opinions.name:1');
  assert.ok(t.startsWith(`yf1:a:${fc.keyId}:`));
  assert.ok(!t.includes('王小明') && !t.includes('13812345678'));
  assert.equal(fc.decrypt(t, 'opinions.name:1'), '王小明 13812345678');
  assert.notEqual(fc.encrypt('x', 'c'), fc.encrypt('x', 'c'), 'a fresh IV every time');
});

void test('a token is bound to its row and column, and tampering is detected', () => {
  const fc = createFieldCrypto(key);
  const t = fc.encrypt('13812345678', 'opinions.phone:1');
  assert.throws(() => fc.decrypt(t, 'opinions.phone:2'));
  const parts = t.split(':');
  const ct = Buffer.from(parts[4]!, 'base64url');
  ct[0] = ct[0]! ^ 1;
  parts[4] = ct.toString('base64url');
  assert.throws(() => fc.decrypt(parts.join(':'), 'opinions.phone:1'));
});

void test('SM4 (CTR with HMAC-SM3) round trip and tamper detection', () => {
  const fc = createFieldCrypto(key, { cipher: 'sm4' });
  const t = fc.encrypt('410602199001011234', 'opinions.id_number:9');
  assert.ok(t.startsWith('yf1:s:'));
  assert.equal(fc.decrypt(t, 'opinions.id_number:9'), '410602199001011234');
  assert.throws(() => fc.decrypt(t, 'opinions.id_number:8'));
  // An AES installation reads SM4 tokens of the same key and vice versa.
  assert.equal(createFieldCrypto(key).decrypt(t, 'opinions.id_number:9'), '410602199001011234');
});

void test('withCipher: a view that encrypts with the given cipher, on the same keys, and reads both kinds', () => {
  const old = parseFieldKey(generateFieldKey());
  const fc = createFieldCrypto(key, { previous: [old] });
  assert.equal(fc.cipher, 'aes-256-gcm');
  const sm4 = fc.withCipher('sm4');
  assert.equal(sm4.cipher, 'sm4');
  assert.equal(sm4.keyId, fc.keyId);
  assert.equal(fc.withCipher('sm4'), sm4, 'views are made once');
  assert.equal(sm4.withCipher('aes-256-gcm').cipher, 'aes-256-gcm');
  const s = sm4.encrypt('王小明', 'opinions.name:7');
  const a = fc.encrypt('王小明', 'opinions.name:7');
  assert.ok(s.startsWith(`yf1:s:${fc.keyId}:`));
  assert.ok(a.startsWith(`yf1:a:${fc.keyId}:`));
  for (const view of [fc, sm4, sm4.withCipher('aes-256-gcm')]) {
    assert.equal(view.decrypt(s, 'opinions.name:7'), '王小明');
    assert.equal(view.decrypt(a, 'opinions.name:7'), '王小明');
    assert.throws(() => view.decrypt(s, 'opinions.name:8'));
  }
  // Previous keys, blind indexes and files behave the same in every view.
  assert.equal(sm4.decrypt(createFieldCrypto(old).encrypt('李四', 'c'), 'c'), '李四');
  assert.equal(sm4.blindIndex('phone', '13812345678'), fc.blindIndex('phone', '13812345678'));
  const photo = Buffer.from('a photo of a pothole');
  const sealed = sm4.encryptBytes(photo, 'opinion_attachments:7');
  assert.equal(sealed.subarray(0, 6).toString('latin1'), 'yf1:s:');
  assert.equal(sealed.includes(Buffer.from('pothole')), false);
  assert.deepEqual(fc.decryptBytes(sealed, 'opinion_attachments:7'), photo);
  assert.throws(() => fc.decryptBytes(sealed, 'opinion_attachments:8'));
  const bad = Buffer.from(sealed);
  bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
  assert.throws(() => sm4.decryptBytes(bad, 'opinion_attachments:7'), /authentication/);
  assert.deepEqual(sm4.decryptBytes(fc.encryptBytes(photo, 'opinion_attachments:7'), 'opinion_attachments:7'), photo);
});

void test('key rotation: tokens of a previous key still decrypt; unknown keys are refused', () => {
  const old = parseFieldKey(generateFieldKey());
  const t = createFieldCrypto(old).encrypt('李四', 'c');
  assert.equal(createFieldCrypto(key, { previous: [old] }).decrypt(t, 'c'), '李四');
  assert.throws(() => createFieldCrypto(key).decrypt(t, 'c'), /unknown key/);
});

void test('blind index: stable for one key, different across keys and kinds', () => {
  const a = createFieldCrypto(key);
  assert.equal(a.blindIndex('phone', '13812345678'), a.blindIndex('phone', '13812345678'));
  assert.notEqual(a.blindIndex('phone', '13812345678'), a.blindIndex('ip', '13812345678'));
  assert.notEqual(a.blindIndex('phone', '13812345678'), createFieldCrypto(parseFieldKey(generateFieldKey())).blindIndex('phone', '13812345678'));
});

void test('keys: hex or base64 of 32 bytes; production without a key refuses; development generates one file', () => {
  assert.equal(parseFieldKey('00'.repeat(32)).length, 32);
  assert.throws(() => parseFieldKey('c2hvcnQ='));
  assert.throws(() => fieldCryptoFor({ ...loadConfig({}), production: true, fieldKey: undefined }), /YISHI_FIELD_KEY/);
  const dir = mkdtempSync(join(tmpdir(), 'yishi-key-'));
  const cfg = { ...loadConfig({}), sqlitePath: join(dir, 'x.sqlite') };
  const fc = fieldCryptoFor(cfg);
  const file = devKeyFile(cfg);
  assert.equal(file, join(dir, 'field.key'));
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const again = fieldCryptoFor({ ...cfg });
  assert.equal(again.keyId, fc.keyId, 'the same file gives the same key');
  assert.equal(parseFieldKey(readFileSync(file, 'utf8')).length, 32);
  const fromEnv = fieldCryptoFor({ ...loadConfig({ YISHI_FIELD_KEY: 'ab'.repeat(32) }) });
  assert.equal(fromEnv.keyId, createFieldCrypto(Buffer.alloc(32, 0xab)).keyId);
});

void test('files: sealed with AES-256-GCM, bound to their record, tampering detected', () => {
  const fc = createFieldCrypto(key);
  const photo = Buffer.from('\xff\xd8\xff\xe0 a photo of a broken street lamp', 'latin1');
  const sealed = fc.encryptBytes(photo, 'opinion_attachments:1');
  assert.equal(sealed.includes(Buffer.from('street lamp')), false);
  assert.deepEqual(fc.decryptBytes(sealed, 'opinion_attachments:1'), photo);
  assert.throws(() => fc.decryptBytes(sealed, 'opinion_attachments:2'));
  const bad = Buffer.from(sealed);
  bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
  assert.throws(() => fc.decryptBytes(bad, 'opinion_attachments:1'));
});

void test('masks and validators', () => {
  assert.equal(maskName('张三丰'), '张**');
  assert.equal(maskName('李四'), '李*');
  assert.equal(maskPhone('138 1234 5678'), '138****5678');
  assert.equal(maskPhone('+86 13812345678'), '138****5678');
  assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  assert.equal(normalizePhone('0086-138-1234-5678'), '13812345678');
  assert.ok(isValidPhone('13812345678') && isValidPhone('0392-3301234') && !isValidPhone('12345'));
  assert.ok(isValidIdNumber('11010519491231002X'));
  assert.ok(!isValidIdNumber('110105194912310021'));
});
