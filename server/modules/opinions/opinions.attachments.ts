import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Config } from '../../platform/config.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { runCommand } from '../../platform/command.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { errors } from '../../platform/errors.ts';
import { FILE_MODE, mkdirPrivateAsync } from '../../platform/private-files.ts';
import { loadProfile } from '../congress/congress.repo.ts';
import { assertInScope } from './opinions.access.ts';
import { lockOpinion, requireByTrackingCode, requireOpinion } from './opinions.repo.ts';
import { checkAttachment } from './opinions.rules.ts';

// Photos and files a citizen attaches to an opinion. The type is judged from the bytes (file-type)
// and must agree with the name and the declared type. The bytes are sealed with the field key
// (the cipher of the congress's rules profile, bound to the attachment's id) and written to <files>/opinions/<id> before the row's
// transaction commits: a failure leaves at most an unreferenced file, never a row without bytes.
// <files> is YISHI_FILES_DIR or `files/` next to the SQLite file, as for meeting documents.

export const attachmentsDir = (config: Config, env: NodeJS.ProcessEnv = process.env): string =>
  join(resolve(env.YISHI_FILES_DIR || join(dirname(resolve(config.sqlitePath)), 'files')), 'opinions');
const context = (id: string): string => `opinion_attachments:${id}`;
const pathOf = (dir: string, id: string): string => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error('not an attachment id');
  return join(dir, id.slice(0, 2), id);
};

export interface Upload {
  filename: string;
  declaredMime: string;
  bytes: Buffer;
}

const attachmentCount = async (conn: PiiCtx['db'], opinionId: string): Promise<number> =>
  (await conn.selectFrom('opinion_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('opinion_id', '=', opinionId).executeTakeFirstOrThrow()).n;

export async function addOpinionAttachment(ctx: PiiCtx, dir: string, trackingCode: string, up: Upload) {
  const o = await requireByTrackingCode(ctx.db, trackingCode);
  const file = { detected: await fileTypeFromBuffer(up.bytes), declaredMime: up.declaredMime, filename: up.filename, size: up.bytes.length };
  // Judged once before the bytes are written (nothing is stored for a refused file) and again in the transaction.
  const type = checkAttachment(file, { status: o.status, createdAt: o.created_at, attachments: await attachmentCount(ctx.db, o.id) }, Date.now());
  const fc = ctx.fc.withCipher((await loadProfile(ctx.db, o.congress_id)).privacy.fieldCipher);
  const id = newId();
  const path = pathOf(dir, id);
  await mkdirPrivateAsync(dirname(path));
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, fc.encryptBytes(up.bytes, context(id)), { flag: 'wx', mode: FILE_MODE });
  await rename(tmp, path);
  const filename = (up.filename.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}"<>|*?:]/gu, '').trim().slice(0, 150) || `attachment.${type.ext}`;
  await runCommand(ctx, async (tx, rec) => {
    const now = await lockOpinion(tx, o.congress_id, o.id);
    checkAttachment(file, { status: now.status, createdAt: now.created_at, attachments: await attachmentCount(tx, o.id) }, Date.now());
    await tx
      .insertInto('opinion_attachments')
      .values({ id, congress_id: o.congress_id, opinion_id: o.id, filename_enc: fc.encrypt(filename, `${context(id)}:name`), mime: type.mime, size: up.bytes.length, created_at: nowIso() })
      .execute();
    rec.audit({ congressId: o.congress_id, action: 'opinion.attachment_added', targetType: 'opinion', targetId: o.id, data: { attachmentId: id, mime: type.mime, size: up.bytes.length } });
  });
  return { id, filename, mime: type.mime, size: up.bytes.length };
}

export async function listAttachments(ctx: PiiCtx, opinionId: string) {
  const rows = await ctx.db.selectFrom('opinion_attachments').selectAll().where('opinion_id', '=', opinionId).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, filename: ctx.fc.decrypt(r.filename_enc, `${context(r.id)}:name`), mime: r.mime, size: r.size, createdAt: r.created_at }));
}

/** The file, for those who may read the opinion. */
export async function readOpinionAttachment(ctx: PiiCtx, dir: string, congressId: string, opinionId: string, attachmentId: string) {
  const o = await requireOpinion(ctx.db, congressId, opinionId);
  await assertInScope(ctx.db, ctx.actor, o);
  const a = await ctx.db.selectFrom('opinion_attachments').selectAll().where('opinion_id', '=', o.id).where('id', '=', attachmentId).executeTakeFirst();
  if (!a) throw errors.notFound('Attachment', '该附件');
  const path = pathOf(dir, a.id);
  if (!existsSync(path)) throw new Error(`attachment ${a.id} is missing from ${dir}`);
  return { mime: a.mime, filename: ctx.fc.decrypt(a.filename_enc, `${context(a.id)}:name`), bytes: ctx.fc.decryptBytes(await readFile(path), context(a.id)) };
}
