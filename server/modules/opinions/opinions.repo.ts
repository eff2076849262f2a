import type { Updateable } from 'kysely';
import type { Conn, Tx } from '../../platform/db.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged, forUpdate } from '../../platform/guard.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import { maskName, maskPhone } from '../../platform/crypto/mask.ts';
import type { OpinionAssignmentTable, OpinionTable } from '../../platform/schema.ts';
import { describeEvent } from './opinions.rules.ts';

/** The first 80 characters (code points) of a text. */
export const excerptOf = (text: string): string => Array.from(text).slice(0, 80).join('');

/** Limits of citizens' online intake when the office has set none; verification codes: per network address per hour, per congress per day. */
export const DEFAULT_INTAKE = { perIpPerHour: 60, perPhonePerDay: 5, retentionYears: 5, requirePhoneVerification: false, codesPerIpPerHour: 5, codesPerDay: 1000 } as const;

/** Associated data binding each encrypted column to its row (field-crypto.ts). */
export const piiContext = (column: 'name' | 'phone' | 'id_number', opinionId: string): string => `opinions.${column}:${opinionId}`;

export async function requireOpinion(conn: Conn, congressId: string, opinionId: string): Promise<OpinionTable> {
  const o = await conn.selectFrom('opinions').selectAll().where('congress_id', '=', congressId).where('id', '=', opinionId).executeTakeFirst();
  if (!o) throw errors.notFound('Opinion', '该意见');
  return o;
}

/**
 * The opinion as a command's transaction sees it, locked until commit on PostgreSQL: a command
 * decides on this row and the rows under it (assignments, replies, ratings), never on a read made
 * before its transaction, and commands on one opinion run one after the other.
 */
export async function lockOpinion(tx: Tx, congressId: string, opinionId: string): Promise<OpinionTable> {
  const o = await forUpdate(tx, tx.selectFrom('opinions').selectAll().where('congress_id', '=', congressId).where('id', '=', opinionId)).executeTakeFirst();
  if (!o) throw errors.notFound('Opinion', '该意见');
  return o;
}

/** Writes the opinion only if its status is still the one `o` was read in; CONCURRENT_CHANGE when another command moved it first. */
export async function moveOpinion(tx: Tx, o: Pick<OpinionTable, 'id' | 'congress_id' | 'status'>, patch: Updateable<OpinionTable>): Promise<void> {
  expectChanged(await tx.updateTable('opinions').set({ updated_at: nowIso(), ...patch }).where('congress_id', '=', o.congress_id).where('id', '=', o.id).where('status', '=', o.status).executeTakeFirst());
}

export async function findByTrackingCode(conn: Conn, code: string): Promise<OpinionTable | undefined> {
  return conn.selectFrom('opinions').selectAll().where('tracking_code', '=', code).executeTakeFirst();
}

export async function requireByTrackingCode(conn: Conn, code: string): Promise<OpinionTable> {
  const o = await findByTrackingCode(conn, code);
  if (!o) throw errors.notFound('Tracking code', '该查询码');
  return o;
}

/** The handling units a user works for in a congress (unit_users). */
export async function unitIdsOfUser(conn: Conn, congressId: string, userId: string): Promise<Set<string>> {
  const rows = await conn.selectFrom('unit_users').select('unit_id').where('congress_id', '=', congressId).where('user_id', '=', userId).execute();
  return new Set(rows.map((r) => r.unit_id));
}

export async function isUnitHead(conn: Conn, congressId: string, unitId: string, userId: string): Promise<boolean> {
  const r = await conn.selectFrom('unit_users').select('is_head').where('congress_id', '=', congressId).where('unit_id', '=', unitId).where('user_id', '=', userId).executeTakeFirst();
  return r?.is_head === 1;
}

/** The named bodies, each a handling unit of this congress; otherwise 404 (another congress) or 422. */
export async function requireHandlingUnits(conn: Conn, congressId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await conn.selectFrom('bodies').select(['id', 'name', 'kind']).where('congress_id', '=', congressId).where('id', 'in', [...ids]).execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const b = found.get(id);
    if (!b) throw errors.notFound('Handling unit', '该承办单位');
    if (b.kind !== 'handling_unit') throw errors.invalid('NOT_A_HANDLING_UNIT', `${b.name}不是承办单位`, `${b.name} is not a handling unit`);
  }
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function unitNames(conn: Conn, congressId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await conn.selectFrom('bodies').select(['id', 'name']).where('congress_id', '=', congressId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function assignmentsOf(conn: Conn, opinionId: string): Promise<OpinionAssignmentTable[]> {
  const rows = await conn.selectFrom('opinion_assignments').selectAll().where('opinion_id', '=', opinionId).orderBy('created_at').orderBy('id').execute();
  const rank = { lead: 0, separate: 1, co: 2 } as const;
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || rank[a.role] - rank[b.role]);
}

export async function deputiesOf(conn: Conn, opinionId: string) {
  return conn
    .selectFrom('opinion_deputies')
    .innerJoin('deputies', 'deputies.id', 'opinion_deputies.deputy_id')
    .innerJoin('people', 'people.id', 'deputies.person_id')
    .select(['opinion_deputies.deputy_id', 'opinion_deputies.role', 'people.name'])
    .where('opinion_deputies.opinion_id', '=', opinionId)
    .orderBy('opinion_deputies.position')
    .execute();
}

export async function addEvent(conn: Conn, o: { id: string; congress_id: string }, kind: string, isPublic: boolean, data: Record<string, unknown> = {}, at = nowIso()): Promise<void> {
  await conn.insertInto('opinion_events').values({ id: newId(), congress_id: o.congress_id, opinion_id: o.id, at, kind, is_public: isPublic ? 1 : 0, data: JSON.stringify(data) }).execute();
}

const CHANNEL_ZH = { online: '网上', station: '联络站', deputy: '代表' } as const;

/**
 * The history of an opinion. Its first line, the submission, comes from the opinion row itself
 * (intake writes one row less; see bench/opinions.ts).
 */
export async function eventsOf(conn: Conn, o: Pick<OpinionTable, 'id' | 'created_at' | 'channel'>, publicOnly: boolean) {
  let q = conn.selectFrom('opinion_events').select(['at', 'kind', 'is_public', 'data']).where('opinion_id', '=', o.id);
  if (publicOnly) q = q.where('is_public', '=', 1);
  const rows = await q.orderBy('at').orderBy('id').execute();
  const first = describeEvent('submitted', { channel: o.channel, channelZh: CHANNEL_ZH[o.channel] });
  return [
    { at: o.created_at, kind: 'submitted', isPublic: true, text_zh: first.zh, text_en: first.en },
    ...rows.map((r) => {
      const t = describeEvent(r.kind, JSON.parse(r.data) as Record<string, unknown>);
      return { at: r.at, kind: r.kind, isPublic: r.is_public === 1, text_zh: t.zh, text_en: t.en };
    }),
  ];
}

/** The person the user is, as a deputy of this congress (users.person_id → deputies.person_id). */
export async function deputyIdOfUser(conn: Conn, congressId: string, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const d = await conn.selectFrom('deputies').select('id').where('congress_id', '=', congressId).where('person_id', '=', personId).where('status', '=', 'active').orderBy('created_at').executeTakeFirst();
  return d?.id ?? null;
}

/** The stations a user staffs in this congress. */
export async function stationIdsOfUser(conn: Conn, congressId: string, userId: string): Promise<string[]> {
  const rows = await conn.selectFrom('station_staff').select('station_id').where('congress_id', '=', congressId).where('user_id', '=', userId).execute();
  return rows.map((r) => r.station_id);
}

export function decryptOpt(fc: FieldCrypto, token: string | null, context: string): string | null {
  return token === null ? null : fc.decrypt(token, context);
}

/** The list view: personal data masked, content shortened. */
export function toSummary(o: OpinionTable, fc: FieldCrypto, dueDate: string | null) {
  const name = decryptOpt(fc, o.name_enc, piiContext('name', o.id));
  const phone = decryptOpt(fc, o.phone_enc, piiContext('phone', o.id));
  return {
    id: o.id,
    trackingCode: o.tracking_code,
    status: o.status,
    class: o.class,
    category: o.category,
    channel: o.channel,
    stationId: o.station_id,
    name: name === null ? '（已匿名）' : maskName(name),
    phone: phone === null ? '' : maskPhone(phone),
    excerpt: excerptOf(o.content),
    receivedOn: o.received_on,
    dueDate,
    isKey: o.is_key === 1,
    round: o.round,
  };
}

/** The current reply deadline: the latest due date among active lead or separate assignments. */
export function currentDue(assignments: readonly Pick<OpinionAssignmentTable, 'role' | 'state' | 'due_date'>[]): string | null {
  const due = assignments.filter((a) => a.state === 'active' && a.role !== 'co').map((a) => a.due_date);
  return due.length === 0 ? null : due.sort().at(-1) ?? null;
}

export const toAssignmentDto = (a: OpinionAssignmentTable, names: ReadonlyMap<string, string>) => ({
  id: a.id,
  unitId: a.unit_id,
  unitName: names.get(a.unit_id) ?? '',
  role: a.role,
  round: a.round,
  assignedOn: a.assigned_on,
  declineBy: a.decline_by,
  dueDate: a.due_date,
  state: a.state,
  declinedOn: a.declined_on,
  declineReason: a.decline_reason,
  repliedOn: a.replied_on,
  extended: a.extended === 1,
  extensionNote: a.extension_note,
});

// Intake reads a few small, rarely changed things on every submission: the congress, its limits and
// its abuse list. They are cached per database handle for a few seconds; a change made through
// this process clears the cache at once, other processes see it within CACHE_MS.
const CACHE_MS = 5000;
interface Cached<T> {
  at: number;
  value: T;
}
const caches = new WeakMap<Conn, Map<string, Cached<unknown>>>();
async function cached<T>(conn: Conn, key: string, load: () => Promise<T>, ttl = CACHE_MS): Promise<T> {
  let m = caches.get(conn);
  if (!m) caches.set(conn, (m = new Map<string, Cached<unknown>>()));
  const hit = m.get(key);
  const now = Date.now();
  if (hit && now - hit.at < ttl) return hit.value as T;
  const value = await load();
  m.set(key, { at: now, value });
  return value;
}
export function clearIntakeCache(conn: Conn, congressId: string): void {
  const m = caches.get(conn);
  m?.delete(`settings:${congressId}`);
  m?.delete(`blocks:${congressId}`);
}

/** The congress a submission names (id or slug); ids never change, so this is cached for a minute. */
export async function intakeCongressId(conn: Conn, idOrSlug: string): Promise<string> {
  const id = await cached(
    conn,
    `congress:${idOrSlug}`,
    async () => (await conn.selectFrom('congresses').select('id').where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)])).executeTakeFirst())?.id ?? null,
    60_000,
  );
  if (!id) throw errors.notFound('Congress', '该人大');
  return id;
}

export async function intakeSettingsOf(conn: Conn, congressId: string, fresh = false) {
  const load = async () => {
    const r = await conn.selectFrom('intake_settings').selectAll().where('congress_id', '=', congressId).executeTakeFirst();
    return r
      ? {
          perIpPerHour: r.per_ip_per_hour,
          perPhonePerDay: r.per_phone_per_day,
          retentionYears: r.retention_years,
          requirePhoneVerification: r.require_phone_verification === 1,
          codesPerIpPerHour: r.codes_per_ip_per_hour ?? DEFAULT_INTAKE.codesPerIpPerHour,
          codesPerDay: r.codes_per_day ?? DEFAULT_INTAKE.codesPerDay,
        }
      : { ...DEFAULT_INTAKE };
  };
  return fresh ? load() : cached(conn, `settings:${congressId}`, load);
}

export async function isBlocked(conn: Conn, congressId: string, entries: readonly { kind: 'ip' | 'phone'; index: string }[], now: string): Promise<boolean> {
  const blocks = await cached(conn, `blocks:${congressId}`, () => conn.selectFrom('intake_blocks').select(['kind', 'value_index', 'until']).where('congress_id', '=', congressId).execute());
  return blocks.some((r) => (r.until === null || r.until > now) && entries.some((e) => e.kind === r.kind && e.index === r.value_index));
}
