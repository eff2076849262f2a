import type { DeputyDto } from '../../../contracts/deputies.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { DeputyTable } from '../../platform/schema.ts';
import { LEVEL_ZH } from './deputies.rules.ts';

export const contactContext = (field: 'phone' | 'email' | 'address', deputyId: string): string => `deputies.${field}:${deputyId}`;

export async function requireDeputy(conn: Conn, congressId: string, deputyId: string): Promise<DeputyTable> {
  const d = await conn.selectFrom('deputies').selectAll().where('congress_id', '=', congressId).where('id', '=', deputyId).executeTakeFirst();
  if (!d) throw errors.notFound('Deputy', '该代表');
  return d;
}

/** The deputy a user is (users.person_id), if any. */
export async function deputyOfUser(conn: Conn, congressId: string, personId: string | null): Promise<DeputyTable | undefined> {
  if (!personId) return undefined;
  return conn.selectFrom('deputies').selectAll().where('congress_id', '=', congressId).where('person_id', '=', personId).where('status', '=', 'active').orderBy('created_at').executeTakeFirst();
}

export async function requireBodyOfKind(conn: Conn, congressId: string, bodyId: string, kind: 'delegation_group'): Promise<string> {
  const b = await conn.selectFrom('bodies').select(['id', 'kind', 'name']).where('congress_id', '=', congressId).where('id', '=', bodyId).executeTakeFirst();
  if (!b) throw errors.notFound('Delegation group', '该代表小组');
  if (b.kind !== kind) throw errors.invalid('NOT_A_DELEGATION_GROUP', `${b.name}不是代表小组`, `${b.name} is not a delegation group`);
  return b.name;
}

/** Deputies as DTOs with their names, groups and current stations; contacts decrypted only when `fc` is given. */
export async function toDeputyDtos(conn: Conn, rows: readonly DeputyTable[], fc: FieldCrypto | null): Promise<DeputyDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const people = await conn.selectFrom('people').select(['id', 'name', 'gender']).where('id', 'in', [...new Set(rows.map((r) => r.person_id))]).execute();
  const person = new Map(people.map((p) => [p.id, p]));
  const groupIds = [...new Set(rows.flatMap((r) => (r.delegation_group_id ? [r.delegation_group_id] : [])))];
  const groups = groupIds.length ? await conn.selectFrom('bodies').select(['id', 'name']).where('id', 'in', groupIds).execute() : [];
  const group = new Map(groups.map((g) => [g.id, g.name]));
  const st = await conn
    .selectFrom('station_deputies')
    .innerJoin('stations', 'stations.id', 'station_deputies.station_id')
    .select(['station_deputies.deputy_id', 'stations.id', 'stations.name'])
    .where('station_deputies.deputy_id', 'in', ids)
    .where('station_deputies.end_date', 'is', null)
    .orderBy('stations.code')
    .execute();
  const stationsOf = new Map<string, { stationId: string; name: string }[]>();
  for (const s of st) stationsOf.set(s.deputy_id, [...(stationsOf.get(s.deputy_id) ?? []), { stationId: s.id, name: s.name }]);
  const dec = (t: string | null, f: 'phone' | 'email' | 'address', id: string): string | null => (t === null || !fc ? null : fc.decrypt(t, contactContext(f, id)));
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    name: person.get(r.person_id)?.name ?? '',
    gender: person.get(r.person_id)?.gender ?? null,
    level: r.level,
    levelZh: LEVEL_ZH[r.level],
    termId: r.term_id,
    termLabel: r.term_label,
    constituency: r.constituency,
    delegationGroupId: r.delegation_group_id,
    delegationGroupName: r.delegation_group_id ? (group.get(r.delegation_group_id) ?? null) : null,
    occupation: r.occupation,
    status: r.status,
    startDate: r.start_date,
    endDate: r.end_date,
    stations: stationsOf.get(r.id) ?? [],
    contact: fc ? { phone: dec(r.phone_enc, 'phone', r.id), email: dec(r.email_enc, 'email', r.id), address: dec(r.address_enc, 'address', r.id) } : null,
  }));
}

export async function scoringTable(conn: Conn, congressId: string): Promise<Map<string, number>> {
  const rows = await conn.selectFrom('duty_scoring').select(['kind', 'points']).where('congress_id', '=', congressId).execute();
  return new Map(rows.map((r) => [r.kind, r.points]));
}
