import { fileTypeFromBuffer } from 'file-type';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged } from '../../platform/guard.ts';
import type { MeetingDocumentTable, MeetingRow } from '../../platform/schema.ts';
import { checkDocumentSize, checkDocumentType, cleanFilename } from './documents.rules.ts';
import { type Storage, readBlob, sha256Of, storeBlob } from './documents.storage.ts';
import { meetingNotFound, meetingPolicy } from './meetings.policy.ts';
import { lockMeetingIn, requireItem } from './meetings.repo.ts';
import { assertNotClosed } from './meetings.rules.ts';
import { emit, meetingForRead, meetingForWrite } from './meetings.scope.ts';

// Documents attached to a meeting's items: uploaded by the office (type judged from the bytes, size
// limited), distributed to members with the notice (R-M5) or later, and opened by readers — each
// opening is recorded so the office sees who has read what.

export interface Upload {
  filename: string;
  bytes: Buffer;
  title?: string | undefined;
  agendaItemId?: string | undefined;
}

export const toDocumentDto = (d: MeetingDocumentTable) => ({
  id: d.id,
  meetingId: d.meeting_id,
  agendaItemId: d.agenda_item_id,
  title: d.title,
  filename: d.filename,
  mime: d.mime,
  size: d.size,
  sha256: d.sha256,
  uploadedAt: d.uploaded_at,
  distributedAt: d.distributed_at,
});

export async function requireDocument(conn: Conn, m: MeetingRow, documentId: string): Promise<MeetingDocumentTable> {
  const d = await conn
    .selectFrom('meeting_documents')
    .selectAll()
    .where('congress_id', '=', m.congress_id)
    .where('meeting_id', '=', m.id)
    .where('id', '=', documentId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!d) throw errors.notFound('Document', '该文件');
  return d;
}

/** Permission is checked before the upload is read, so nobody without the right can push bytes to disk. */
export async function uploadDocument(ctx: Ctx, meetingId: string, read: () => Promise<Upload>, storage: Storage) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  assertNotClosed(m.state);
  const up = await read();
  checkDocumentSize(up.bytes.length, storage.maxBytes);
  const type = checkDocumentType(await fileTypeFromBuffer(up.bytes));
  const sha256 = sha256Of(up.bytes);
  const filename = cleanFilename(up.filename, type.ext);
  const title = (up.title ?? '').trim().slice(0, 200) || filename.replace(/\.[^.]*$/, '');
  await storeBlob(storage, up.bytes, sha256);
  return runCommand(ctx, async (tx, rec) => {
    const now = await lockMeetingIn(tx, m.congress_id, m.id);
    assertNotClosed(now.state);
    if (up.agendaItemId) {
      const item = await requireItem(tx, m.congress_id, m.id, up.agendaItemId);
      if (item.status === 'removed') throw errors.conflict('ITEM_REMOVED', '该议题已撤下', 'That item was removed');
    }
    const last = await tx.selectFrom('meeting_documents').select((eb) => eb.fn.max('position').as('p')).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).executeTakeFirst();
    const row: MeetingDocumentTable = {
      id: newId(),
      congress_id: m.congress_id,
      meeting_id: m.id,
      agenda_item_id: up.agendaItemId ?? null,
      title,
      filename,
      mime: type.mime,
      ext: type.ext,
      size: up.bytes.length,
      sha256,
      position: (last?.p ?? 0) + 1,
      uploaded_at: nowIso(),
      uploaded_by: actor.userId,
      distributed_at: null,
      removed_at: null,
    };
    await tx.insertInto('meeting_documents').values(row).execute();
    rec.audit({ congressId: m.congress_id, action: 'document.uploaded', targetType: 'document', targetId: row.id, data: { meetingId: m.id, agendaItemId: row.agenda_item_id, title, filename, mime: type.mime, size: row.size, sha256 } });
    emit(rec, m, 'meeting');
    return toDocumentDto(row);
  });
}

/** R-M5: the main documents go to members and attendees; the notice sends all undistributed ones. */
export async function distributeDocuments(ctx: Ctx, meetingId: string, documentIds?: readonly string[]) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const now = await lockMeetingIn(tx, m.congress_id, m.id);
    assertNotClosed(now.state);
    for (const id of documentIds ?? []) await requireDocument(tx, now, id);
    let q = tx.updateTable('meeting_documents').set({ distributed_at: nowIso() }).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('distributed_at', 'is', null).where('removed_at', 'is', null);
    if (documentIds) q = q.where('id', 'in', [...documentIds]);
    const res = await q.executeTakeFirst();
    rec.audit({ congressId: m.congress_id, action: 'document.distributed', targetType: 'meeting', targetId: m.id, data: { documentIds: documentIds ?? 'all', count: Number(res.numUpdatedRows) } });
    emit(rec, m, 'meeting');
    return { distributed: Number(res.numUpdatedRows) };
  });
}

export async function removeDocument(ctx: Ctx, meetingId: string, documentId: string) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const now = await lockMeetingIn(tx, m.congress_id, m.id);
    assertNotClosed(now.state);
    const d = await requireDocument(tx, now, documentId);
    expectChanged(await tx.updateTable('meeting_documents').set({ removed_at: nowIso() }).where('congress_id', '=', m.congress_id).where('id', '=', d.id).where('removed_at', 'is', null).executeTakeFirst());
    rec.audit({ congressId: m.congress_id, action: 'document.removed', targetType: 'document', targetId: d.id, data: { meetingId: m.id, title: d.title } });
    emit(rec, m, 'meeting');
  });
}

/**
 * Opens a document: staff may open any; the congress's members and others with internal access
 * once it is distributed. Each opening by a signed-in user is recorded (who, first and last time).
 */
export async function openDocument(ctx: Ctx, meetingId: string, documentId: string, storage: Storage) {
  const { m, view } = await meetingForRead(ctx, meetingId);
  if (view !== 'internal' || ctx.actor.kind !== 'user') throw meetingNotFound();
  const d = await requireDocument(ctx.db, m, documentId);
  if (d.distributed_at === null && !meetingPolicy.prepare(ctx.actor, m.congress_id)) throw errors.notFound('Document', '该文件');
  const bytes = await readBlob(storage, d.sha256);
  const actor = ctx.actor;
  await runCommand(ctx, async (tx, rec) => {
    const at = nowIso();
    await tx
      .insertInto('document_reads')
      .values({ congress_id: m.congress_id, document_id: d.id, user_id: actor.userId, person_id: actor.personId, first_opened_at: at, last_opened_at: at, times: 1 })
      .onConflict((oc) => oc.columns(['document_id', 'user_id']).doUpdateSet((eb) => ({ last_opened_at: at, times: eb('document_reads.times', '+', 1) })))
      .execute();
    rec.audit({ congressId: m.congress_id, action: 'document.opened', targetType: 'document', targetId: d.id, data: { meetingId: m.id } });
  });
  return { doc: toDocumentDto(d), bytes };
}
