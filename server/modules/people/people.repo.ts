import type { MembershipRole } from '../../../contracts/people.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { PersonTable } from '../../platform/schema.ts';
import { standingCommitteeOf } from '../congress/congress.repo.ts';

export const ROLE_ZH: Record<MembershipRole, string> = {
  chair: '主任',
  vice_chair: '副主任',
  secretary_general: '秘书长',
  member: '委员',
  head: '负责人',
  deputy_head: '副职负责人',
  staff: '工作人员',
};

export const toPersonDto = (p: PersonTable) => ({ id: p.id, name: p.name, gender: p.gender, note: p.note });

export async function requirePerson(conn: Conn, congressId: string, personId: string): Promise<PersonTable> {
  const p = await conn.selectFrom('people').selectAll().where('congress_id', '=', congressId).where('id', '=', personId).executeTakeFirst();
  if (!p) throw errors.notFound('Person', '该人员');
  return p;
}

/** Current members of the standing committee, in rank order (leaders, then 以姓名笔画为序). */
export async function listMembers(conn: Conn, congressId: string, onDate?: string) {
  const sc = await standingCommitteeOf(conn, congressId);
  if (!sc) return [];
  let q = conn
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['people.id', 'people.name', 'memberships.role', 'memberships.rank', 'memberships.post'])
    .where('memberships.congress_id', '=', congressId)
    .where('memberships.body_id', '=', sc.id);
  q = onDate
    ? q.where((eb) => eb.and([eb.or([eb('start_date', 'is', null), eb('start_date', '<=', onDate)]), eb.or([eb('end_date', 'is', null), eb('end_date', '>', onDate)])]))
    : q.where('memberships.end_date', 'is', null);
  const rows = await q.orderBy('memberships.rank').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, roleZh: ROLE_ZH[r.role], rank: r.rank, post: r.post }));
}

export async function listMemberships(conn: Conn, congressId: string, filter: { bodyId?: string | undefined; personId?: string | undefined }) {
  let q = conn
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .innerJoin('bodies', 'bodies.id', 'memberships.body_id')
    .select([
      'memberships.id',
      'memberships.body_id',
      'bodies.name as body_name',
      'memberships.person_id',
      'people.name as person_name',
      'memberships.role',
      'memberships.rank',
      'memberships.post',
      'memberships.start_date',
      'memberships.end_date',
    ])
    .where('memberships.congress_id', '=', congressId);
  if (filter.bodyId) q = q.where('memberships.body_id', '=', filter.bodyId);
  if (filter.personId) q = q.where('memberships.person_id', '=', filter.personId);
  const rows = await q.orderBy('bodies.name').orderBy('memberships.rank').execute();
  return rows.map((r) => ({
    id: r.id,
    bodyId: r.body_id,
    bodyName: r.body_name,
    personId: r.person_id,
    personName: r.person_name,
    role: r.role,
    rank: r.rank,
    post: r.post,
    startDate: r.start_date,
    endDate: r.end_date,
  }));
}
