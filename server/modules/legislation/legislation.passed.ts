// The passed text (domain.md §9, item 9 of the legislation work): when a regulation's bill is voted
// through, the expression on the table at the vote becomes the work's passed text, and the meeting's
// record takes it as the text the gazette prints (R-P2), after that item's other documents — as the
// seed's gazette prints 鹤壁市公园管理条例（草案修改稿） after its explanation and review report.
// It runs inside the vote's own transaction: the vote is never recorded without its text.
import type { Recorder } from '../../platform/command.ts';
import type { Tx } from '../../platform/db.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { latestExpression, treeOf } from './legislation.repo.ts';
import { toPlainText } from './serialize.rules.ts';

export const passedTextSource = (expressionId: string): string => `legislation:${expressionId}`;

/** Records the passed text of the work linked to a bill that has just passed; nothing when no work is linked. */
export async function recordPassedText(tx: Tx, rec: Recorder, bill: { id: string; congress_id: string; agenda_item_id: string | null }, on: string): Promise<void> {
  const work = await tx.selectFrom('legislation_works').selectAll().where('congress_id', '=', bill.congress_id).where('bill_id', '=', bill.id).executeTakeFirst();
  if (!work) return;
  const expr = await latestExpression(tx, bill.congress_id, work.id);
  if (!expr) return;
  const item = bill.agenda_item_id
    ? await tx.selectFrom('agenda_items').select(['id', 'meeting_id']).where('congress_id', '=', bill.congress_id).where('id', '=', bill.agenda_item_id).executeTakeFirst()
    : undefined;
  const meetingId = item?.meeting_id ?? null;
  await tx
    .updateTable('legislation_works')
    .set({ passed_expression_id: expr.id, passed_on: on, passed_meeting_id: meetingId })
    .where('congress_id', '=', work.congress_id)
    .where('id', '=', work.id)
    .execute();
  rec.audit({ congressId: work.congress_id, action: 'legislation.work.passed', targetType: 'legislation_work', targetId: work.id, data: { billId: bill.id, expressionId: expr.id, passedOn: on, meetingId } });
  rec.emit({ topic: 'legislation', congressId: work.congress_id, id: work.id });
  if (!item || !meetingId) return;

  const source = passedTextSource(expr.id);
  const texts = await tx.selectFrom('meeting_texts').select(['id', 'agenda_item_id', 'position', 'source']).where('congress_id', '=', work.congress_id).where('meeting_id', '=', meetingId).orderBy('position').execute();
  if (texts.some((t) => t.source === source)) return;
  // After the item's last document, or at the end of the record when the item has none yet.
  const last = texts.filter((t) => t.agenda_item_id === item.id).at(-1) ?? texts.at(-1);
  const position = (last?.position ?? 0) + 1;
  await tx.updateTable('meeting_texts').set((eb) => ({ position: eb('position', '+', 1) })).where('congress_id', '=', work.congress_id).where('meeting_id', '=', meetingId).where('position', '>=', position).execute();
  const doc = treeOf(expr);
  const [, ...body] = toPlainText(doc, expr.label).split('\n');
  const id = newId();
  await tx
    .insertInto('meeting_texts')
    .values({ id, congress_id: work.congress_id, meeting_id: meetingId, agenda_item_id: item.id, kind: 'text', title: doc.title ?? work.title, body: body.join('\n').trim(), position, source, created_at: nowIso() })
    .execute();
  rec.audit({ congressId: work.congress_id, action: 'meeting_text.created', targetType: 'meeting_text', targetId: id, data: { meetingId, agendaItemId: item.id, source } });
  rec.emit({ topic: 'meeting', congressId: work.congress_id, id: meetingId });
}
