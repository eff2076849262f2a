import type { RulesProfile } from '../../../contracts/profile.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { BodyTable, CongressTable } from '../../platform/schema.ts';
import { DEFAULT_PROFILE } from './profile.presets.ts';
import { RulesProfileSchema } from '../../../contracts/profile.ts';

export const toCongressDto = (c: CongressTable, currentTerm: number | null) => ({
  id: c.id,
  parentId: c.parent_id,
  level: c.level,
  name: c.name,
  nameEn: c.name_en,
  standingCommitteeName: c.standing_committee_name,
  shortName: c.short_name,
  region: c.region,
  slug: c.slug,
  currentTerm,
});

export const toBodyDto = (b: BodyTable) => ({ id: b.id, kind: b.kind, name: b.name, termId: b.term_id, parentBodyId: b.parent_body_id, sortOrder: b.sort_order });

export async function findCongress(conn: Conn, idOrSlug: string): Promise<CongressTable | undefined> {
  return conn.selectFrom('congresses').selectAll().where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)])).executeTakeFirst();
}

/** The congress a request names, by id or slug; 404 when there is none. */
export async function requireCongress(conn: Conn, idOrSlug: string): Promise<CongressTable> {
  const c = await findCongress(conn, idOrSlug);
  if (!c) throw errors.notFound('Congress', '该人大');
  return c;
}

export async function currentTermOf(conn: Conn, congressId: string): Promise<{ id: string; number: number } | undefined> {
  return conn.selectFrom('terms').select(['id', 'number']).where('congress_id', '=', congressId).orderBy('number', 'desc').limit(1).executeTakeFirst();
}

export async function listCongresses(conn: Conn) {
  const rows = await conn.selectFrom('congresses').selectAll().orderBy('created_at').execute();
  const terms = await conn.selectFrom('terms').select(['congress_id', (eb) => eb.fn.max('number').as('n')]).groupBy('congress_id').execute();
  const termOf = new Map(terms.map((t) => [t.congress_id, t.n]));
  return rows.map((c) => toCongressDto(c, termOf.get(c.id) ?? null));
}

/** A body of this congress; another congress's body is simply not found. */
export async function requireBody(conn: Conn, congressId: string, bodyId: string): Promise<BodyTable> {
  const b = await conn.selectFrom('bodies').selectAll().where('congress_id', '=', congressId).where('id', '=', bodyId).executeTakeFirst();
  if (!b) throw errors.notFound('Body', '该机构');
  return b;
}

/** The standing committee of the current term (of any term while the congress has none recorded). */
export async function standingCommitteeOf(conn: Conn, congressId: string): Promise<BodyTable | undefined> {
  const latestTerm = conn.selectFrom('terms').select('id').where('congress_id', '=', congressId).orderBy('number', 'desc').limit(1);
  return conn
    .selectFrom('bodies')
    .selectAll()
    .where('congress_id', '=', congressId)
    .where('kind', '=', 'standing_committee')
    .where((eb) => eb.or([eb('term_id', '=', latestTerm), eb.not(eb.exists(conn.selectFrom('terms').select('id').where('congress_id', '=', congressId)))]))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The congress's rules profile; Hebi's numbers when none has been saved. */
export async function loadProfile(conn: Conn, congressId: string): Promise<RulesProfile> {
  const row = await conn.selectFrom('rules_profiles').select('data').where('congress_id', '=', congressId).executeTakeFirst();
  return row ? RulesProfileSchema.parse(JSON.parse(row.data)) : DEFAULT_PROFILE;
}
