import type { GazetteSection } from '../../../contracts/publication.ts';
import type { Ctx } from '../../platform/command.ts';
import type { MeetingRow } from '../../platform/schema.ts';
import { getAttendanceList } from '../meetings/attendance.queries.ts';
import { getAttendeeList } from '../meetings/participation.queries.ts';
import { getPersonnelList } from '../personnel/personnel.queries.ts';
import { meetingAnnouncements, meetingTexts } from './publication.repo.ts';
import { type SectionRef, announcementHeading, buildOrder, paragraphsOf, personnelLines, tocOf } from './publication.rules.ts';

// Assembles a meeting's gazette from the record (R-P2): the record's texts in their order (news,
// closing speech, each item's documents, resolutions and decisions), the published announcements,
// and the three lists the meetings and personnel modules already print — the personnel list, the
// attendance list (present by role, on leave) and the non-voting attendees list.

export interface Assembled {
  sections: GazetteSection[];
  toc: { key: string; title: string }[];
}

/** Every section the record offers, in the record's order (unsorted lists last). */
export async function recordSections(ctx: Ctx, m: MeetingRow): Promise<GazetteSection[]> {
  const texts = await meetingTexts(ctx.db, m.congress_id, m.id);
  const out: GazetteSection[] = texts.map((t) => ({ key: `t:${t.id}`, kind: t.kind, title: t.title, agendaItemId: t.agenda_item_id, paragraphs: paragraphsOf(t.body) }));

  const anns = await meetingAnnouncements(ctx.db, m.congress_id, m.id);
  if (anns.length > 0) {
    const c = await ctx.db.selectFrom('congresses').select('standing_committee_name').where('id', '=', m.congress_id).executeTakeFirstOrThrow();
    const term = await ctx.db.selectFrom('terms').select('number').where('congress_id', '=', m.congress_id).where('id', '=', m.term_id).executeTakeFirst();
    for (const a of anns) {
      const heading = announcementHeading(c.standing_committee_name ?? '', term?.number ?? 0, a.number ?? 0);
      out.push({ key: `a:${a.id}`, kind: 'announcement', title: `${heading} ${a.title}`, agendaItemId: null, paragraphs: paragraphsOf(a.body) });
    }
  }

  const attendance = await getAttendanceList(ctx, m.id);
  const shortTitle = attendance.title.replace(/出缺席人员名单$/, '');
  const personnel = await getPersonnelList(ctx, m.id);
  if (personnel.groups.length > 0) {
    out.push({ key: 'personnel', kind: 'personnel', title: `${shortTitle}人事任免名单`, agendaItemId: null, paragraphs: personnelLines(personnel.groups) });
  }
  const attLines = attendance.text.split('\n').slice(1);
  if (attendance.present.length > 0 || attendance.onLeave.length > 0) {
    out.push({ key: 'attendance', kind: 'attendance', title: attendance.title, agendaItemId: null, paragraphs: attLines });
  }
  const attendees = await getAttendeeList(ctx, m.id);
  if (attendees.groups.length > 0) {
    out.push({ key: 'attendees', kind: 'attendees', title: attendees.title, agendaItemId: null, paragraphs: attendees.text.split('\n').slice(1).map((l) => l.replace('\t', '　')) });
  }
  return out;
}

/** The gazette in print order: the editor's saved order (R-P2: it must still match the record) or the record's. */
export async function assemble(ctx: Ctx, m: MeetingRow, savedOrder: readonly string[] | null): Promise<Assembled> {
  const sections = await recordSections(ctx, m);
  const refs: SectionRef[] = sections.map((s, i) => ({ key: s.key, kind: s.kind, title: s.title, position: i }));
  const order = buildOrder(savedOrder, refs);
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const printed = order.map((k) => byKey.get(k)).filter((s): s is GazetteSection => s !== undefined);
  return { sections: printed, toc: tocOf(printed) };
}
