import type { Ctx } from '../../platform/command.ts';
import { requireDocument, toDocumentDto } from './documents.commands.ts';
import { meetingPolicy } from './meetings.policy.ts';
import { bodyMembers } from './meetings.repo.ts';
import { meetingForRead, meetingForReport } from './meetings.scope.ts';

/** The meeting's documents: staff see all with how many opened each; readers see distributed ones and whether they opened them. */
export async function listDocuments(ctx: Ctx, meetingId: string) {
  const { m, view } = await meetingForRead(ctx, meetingId);
  if (view !== 'internal') return [];
  const staff = meetingPolicy.prepare(ctx.actor, m.congress_id);
  let q = ctx.db.selectFrom('meeting_documents').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('removed_at', 'is', null);
  if (!staff) q = q.where('distributed_at', 'is not', null);
  const docs = await q.orderBy('position').execute();
  const reads = await ctx.db
    .selectFrom('document_reads')
    .innerJoin('meeting_documents', 'meeting_documents.id', 'document_reads.document_id')
    .select(['document_reads.document_id', 'document_reads.user_id'])
    .where('document_reads.congress_id', '=', m.congress_id)
    .where('meeting_documents.meeting_id', '=', m.id)
    .execute();
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return docs.map((d) => {
    const mine = reads.filter((r) => r.document_id === d.id);
    return { ...toDocumentDto(d), opened: mine.some((r) => r.user_id === userId), ...(staff ? { readers: new Set(mine.map((r) => r.user_id)).size } : {}) };
  });
}

/** Who has opened a document: every member of the meeting's body (opened or not), then anyone else who opened it. */
export async function listDocumentReads(ctx: Ctx, meetingId: string, documentId: string) {
  const m = await meetingForReport(ctx, meetingId);
  const d = await requireDocument(ctx.db, m, documentId);
  const reads = await ctx.db
    .selectFrom('document_reads')
    .innerJoin('users', 'users.id', 'document_reads.user_id')
    .select(['document_reads.person_id', 'document_reads.first_opened_at', 'document_reads.times', 'users.display_name'])
    .where('document_reads.congress_id', '=', m.congress_id)
    .where('document_reads.document_id', '=', d.id)
    .execute();
  const byPerson = new Map(reads.filter((r) => r.person_id !== null).map((r) => [r.person_id, r]));
  const members = await bodyMembers(ctx.db, m);
  const memberIds = new Set(members.map((x) => x.id));
  return [
    ...members.map((mem) => {
      const r = byPerson.get(mem.id);
      return { personId: mem.id, name: mem.name, role: mem.roleZh, openedAt: r?.first_opened_at ?? null, times: r?.times ?? 0 };
    }),
    ...reads
      .filter((r) => r.person_id === null || !memberIds.has(r.person_id))
      .map((r) => ({ personId: r.person_id, name: r.display_name, role: null, openedAt: r.first_opened_at, times: r.times })),
  ];
}
