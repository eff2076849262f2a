import { z } from 'zod';
import type { PersonnelAct } from '../../../contracts/profile.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { AgendaItemKind, AgendaItemTable, MeetingRow, PersonnelProposalTable } from '../../platform/schema.ts';
import { randomCode } from '../meetings/meetings.scope.ts';

// Imports the gazette's meeting (fixture key `meeting`) as it stood before it opened: the meeting,
// notified, presided by 尚欣 (R-M2); its draft agenda of 15 items (each with the gazette's outcome kept
// in details.gazetteOutcome for the replay); attendance (30 present, 11 on leave); non-voting
// attendees by organ (R-M7); and the personnel acts, one row per person and act (R-V5), which the
// polls module votes person by person. Idempotent: when the meeting exists nothing is touched.

const Name = z.string().min(1);
const MeetingFixture = z.looseObject({
  title: z.string().min(1),
  number: z.number().int().min(1),
  kind: z.enum(['regular', 'special']),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  presidedBy: Name.optional(),
  attendance: z.looseObject({ present: z.array(Name), onLeave: z.array(Name) }),
  nonVotingAttendees: z.looseObject({ groups: z.array(z.looseObject({ org: Name, names: z.array(Name) })) }).optional(),
  agenda: z.array(
    z.looseObject({
      n: z.number().int(),
      kind: z.string(),
      title: Name,
      proposer: z.string().optional(),
      presenter: z.string().optional(),
      presenterPost: z.string().optional(),
      explainedBy: z.string().optional(),
      explainerPost: z.string().optional(),
      outcome: z.string().optional(),
    }),
  ),
  personnel: z
    .looseObject({
      proposals: z.array(z.looseObject({ docNo: z.string().optional(), kind: z.string(), person: Name, post: Name, acting: z.string().optional() })).optional(),
      list: z.array(z.looseObject({ group: z.number().int(), act: z.string(), person: Name, post: Name, gender: z.string().optional() })),
    })
    .optional(),
});

/** The gazette's item kinds, onto the system's six. The original stays in details.sourceKind. */
const KIND_OF: Record<string, AgendaItemKind> = {
  briefing: 'briefing',
  'regulation-bill': 'bill',
  rules: 'bill',
  'final-accounts': 'resolution',
  'budget-adjustment': 'resolution',
  decision: 'resolution',
  'plan-report': 'report',
  'work-report': 'report',
  personnel: 'personnel',
  measures: 'other',
};

const ACT_OF: Record<string, PersonnelAct> = {
  任命: 'appoint',
  决定任命: 'decide_appoint',
  免去: 'remove',
  决定免去: 'decide_remove',
  决定代理: 'decide_acting',
  接受辞职: 'accept_resignation',
  撤职: 'dismiss',
  罢免: 'recall',
};

/** 'mandatory' unless the organ is a group of deputies (R-M7: deputies are invited). */
const categoryOf = (org: string): 'mandatory' | 'invited' => (org.includes('代表') ? 'invited' : 'mandatory');

export async function importFixtureMeeting(tx: Tx, congressId: string, termId: string, raw: unknown): Promise<number> {
  if (raw === undefined) return 0;
  const parsed = MeetingFixture.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw errors.invalid('INVALID_FIXTURE', `导入文件的会议部分格式不符（${i?.path.join('.') ?? ''}）`, `The import file's meeting does not match (${i?.path.join('.') ?? ''}: ${i?.message ?? ''})`);
  }
  const f = parsed.data;
  const exists = await tx
    .selectFrom('meetings')
    .select('id')
    .where('congress_id', '=', congressId)
    .where('term_id', '=', termId)
    .where('series', '=', 'standing')
    .where('number', '=', f.number)
    .executeTakeFirst();
  if (exists) return 0;

  let created = 0;
  const at = nowIso();
  const people = new Map((await tx.selectFrom('people').select(['id', 'name']).where('congress_id', '=', congressId).execute()).map((p) => [p.name, p.id]));
  const personId = async (name: string, gender: 'male' | 'female' | null): Promise<string> => {
    const found = people.get(name);
    if (found) return found;
    const id = newId();
    await tx.insertInto('people').values({ id, congress_id: congressId, name, gender, note: null, created_at: at }).execute();
    people.set(name, id);
    created++;
    return id;
  };
  const memberId = (name: string): string => {
    const id = people.get(name);
    if (!id) throw errors.invalid('INVALID_FIXTURE', `出缺席名单中的${name}不在组成人员名单中`, `${name} in the attendance list is not a member`);
    return id;
  };

  const meeting: MeetingRow = {
    id: newId(),
    congress_id: congressId,
    term_id: termId,
    body_id: null,
    kind: f.kind,
    number: f.number,
    title: f.title,
    date: f.date,
    place: null,
    state: 'notified', // as it stood before opening: the gazette is silent on the council's and the notice's dates
    presiding_person_id: f.presidedBy ? memberId(f.presidedBy) : null,
    council_date: null,
    notified_at: null,
    opened_at: null,
    closed_at: null,
    video_allowed: 0,
    checkin_code: randomCode(),
    current_agenda_item_id: null,
    created_at: at,
    series: 'standing',
    end_date: null,
    is_public: 1,
    schedule: '[]',
    attendee_scope: null,
    observer_seats: 0,
    agenda_adopted_at: null,
    groups_state: 'none',
    groups_approved_by: null,
    groups_approved_at: null,
  };
  await tx.insertInto('meetings').values(meeting).execute();
  created++;

  let personnelItemId: string | null = null;
  for (const [i, a] of [...f.agenda].sort((x, y) => x.n - y.n).entries()) {
    const { n, kind, title, proposer, presenter, presenterPost, explainedBy, explainerPost, outcome, ...rest } = a;
    const item: AgendaItemTable = {
      id: newId(),
      congress_id: congressId,
      meeting_id: meeting.id,
      position: i + 1,
      kind: KIND_OF[kind] ?? 'other',
      title,
      proposer: proposer ?? null,
      presenter: presenter ?? explainedBy ?? null,
      presenter_post: presenterPost ?? explainerPost ?? null,
      is_public: 1,
      status: 'proposed',
      outcome: 'pending',
      details: JSON.stringify({ n, sourceKind: kind, gazetteOutcome: outcome ?? null, ...rest }),
      created_at: at,
    };
    if (item.kind === 'personnel') personnelItemId = item.id;
    await tx.insertInto('agenda_items').values(item).execute();
    created++;
  }

  const attendance = [...f.attendance.present.map((name) => ({ name, status: 'present' as const })), ...f.attendance.onLeave.map((name) => ({ name, status: 'leave' as const }))];
  for (const a of attendance) {
    await tx
      .insertInto('attendance')
      .values({ congress_id: congressId, meeting_id: meeting.id, person_id: memberId(a.name), status: a.status, mode: a.status === 'present' ? 'onsite' : null, reason: null, recorded_at: at, recorded_by: null })
      .execute();
    created++;
  }

  let position = 0;
  for (const g of f.nonVotingAttendees?.groups ?? []) {
    for (const name of g.names) {
      await tx.insertInto('meeting_attendees').values({ id: newId(), congress_id: congressId, meeting_id: meeting.id, category: categoryOf(g.org), organ: g.org, name, post: null, position: ++position, created_at: at }).execute();
      created++;
    }
  }

  // The 任免名单 first, in its order; then the separate decisions the council proposed (接受辞职 before
  // 决定代理, which needs the post vacant and the deputy appointed).
  const rows: Omit<PersonnelProposalTable, 'id' | 'congress_id' | 'meeting_id' | 'agenda_item_id' | 'position' | 'created_at' | 'person_id'>[] = [];
  for (const p of f.personnel?.list ?? []) {
    const act = ACT_OF[p.act];
    if (!act) throw errors.invalid('INVALID_FIXTURE', `未知的任免类别：${p.act}`, `Unknown personnel act: ${p.act}`);
    rows.push({ section: 'list', group_no: p.group, act, act_zh: p.act, person_name: p.person, gender: p.gender === '女' ? 'female' : null, post: p.post, acting_post: null, doc_no: null });
  }
  const decisions = [...(f.personnel?.proposals ?? [])].sort((a, b) => (a.kind === 'accept-resignation' ? -1 : 0) - (b.kind === 'accept-resignation' ? -1 : 0));
  for (const p of decisions) {
    if (p.kind === 'accept-resignation') {
      rows.push({ section: 'decision', group_no: 0, act: 'accept_resignation', act_zh: '接受辞职', person_name: p.person, gender: null, post: p.post, acting_post: null, doc_no: p.docNo ?? null });
    } else if (p.kind === 'appoint-and-acting' && p.acting) {
      rows.push({ section: 'decision', group_no: 0, act: 'decide_acting', act_zh: '决定代理', person_name: p.person, gender: null, post: p.acting, acting_post: null, doc_no: p.docNo ?? null });
    }
  }
  for (const [i, r] of rows.entries()) {
    const pid = await personId(r.person_name, r.gender);
    await tx
      .insertInto('personnel_proposals')
      .values({ ...r, id: newId(), congress_id: congressId, meeting_id: meeting.id, agenda_item_id: personnelItemId, person_id: pid, position: i + 1, created_at: at })
      .execute();
    created++;
  }
  return created;
}
