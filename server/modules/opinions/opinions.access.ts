import type { Actor } from '../../platform/access.ts';
import { authorize, denial } from '../../platform/access.ts';
import type { Conn } from '../../platform/db.ts';
import type { OpinionAssignmentTable, OpinionTable } from '../../platform/schema.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { opinionsPolicy } from './opinions.policy.ts';
import { deputyIdOfUser, stationIdsOfUser, unitIdsOfUser } from './opinions.repo.ts';

// Record-level scope on top of the role policy: station staff see their stations' opinions, deputies
// the ones they collected or took up, handling units the ones routed to them.

export async function inScope(conn: Conn, actor: Actor, o: OpinionTable): Promise<boolean> {
  if (actor.kind !== 'user') return false;
  const c = o.congress_id;
  if (opinionsPolicy.readAll(actor, c)) return true;
  if (o.entered_by === actor.userId && opinionsPolicy.readOwn(actor, c)) return true;
  if (opinionsPolicy.readOwn(actor, c)) {
    if (o.station_id && (await stationIdsOfUser(conn, c, actor.userId)).includes(o.station_id)) return true;
    const dep = await deputyIdOfUser(conn, c, actor.personId);
    if (dep) {
      if (o.deputy_id === dep) return true;
      const linked = await conn.selectFrom('opinion_deputies').select('deputy_id').where('opinion_id', '=', o.id).where('deputy_id', '=', dep).executeTakeFirst();
      if (linked) return true;
    }
  }
  if (opinionsPolicy.isUnitUser(actor, c)) {
    const mine = await unitIdsOfUser(conn, c, actor.userId);
    if (mine.size > 0) {
      const a = await conn
        .selectFrom('opinion_assignments')
        .select('id')
        .where('opinion_id', '=', o.id)
        .where('unit_id', 'in', [...mine])
        .where('state', 'in', ['active', 'replied'])
        .executeTakeFirst();
      if (a) return true;
    }
  }
  return false;
}

/** 401 for the public, 404 for another congress, 403 for a member of this congress out of scope. */
export async function assertInScope(conn: Conn, actor: Actor, o: OpinionTable): Promise<void> {
  if (await inScope(conn, actor, o)) return;
  throw denial(actor, o.congress_id);
}

/** The active assignment a handling-unit user acts through; refuses a unit the item was not routed to. */
export async function actingAssignment(conn: Conn, actor: Actor, o: OpinionTable, unitId: string | undefined, states: readonly OpinionAssignmentTable['state'][] = ['active']) {
  const c = o.congress_id;
  authorize(actor, c, opinionsPolicy.isUnitUser(actor, c));
  if (actor.kind !== 'user') throw errors.unauthenticated();
  const mine = await unitIdsOfUser(conn, c, actor.userId);
  const rows = await conn.selectFrom('opinion_assignments').selectAll().where('opinion_id', '=', o.id).where('state', 'in', [...states]).execute();
  const candidates = rows.filter((a) => opinionsPolicy.actAsUnit(actor, c, mine, a.unit_id) && (unitId === undefined || a.unit_id === unitId));
  const first = candidates[0];
  if (!first) {
    throw new DomainError(403, 'NOT_ROUTED', '该事项未交由您的单位办理，不能答复或处理', 'This item was not routed to your unit', 'H-14 办理办法第十四条（不得自行转交）');
  }
  if (candidates.length > 1) throw errors.invalid('UNIT_REQUIRED', '您属于多个承办单位，请选择以哪个单位处理', 'You work for several units routed this item: name the unit');
  return first;
}
