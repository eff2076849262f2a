import type { Actor } from '../../platform/access.ts';
import { authorize, denial } from '../../platform/access.ts';
import type { Conn } from '../../platform/db.ts';
import type { OpinionAssignmentTable, OpinionTable } from '../../platform/schema.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { concurrentChange } from '../../platform/guard.ts';
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
  const rows = await conn.selectFrom('opinion_assignments').selectAll().where('opinion_id', '=', o.id).execute();
  const ours = rows.filter((a) => opinionsPolicy.actAsUnit(actor, c, mine, a.unit_id) && (unitId === undefined || a.unit_id === unitId));
  const candidates = ours.filter((a) => states.includes(a.state));
  const first = candidates[0];
  if (!first) {
    if (ours.length === 0) throw new DomainError(403, 'NOT_ROUTED', '该事项未交由您的单位办理，不能答复或处理', 'This item was not routed to your unit', 'H-14 办理办法第十四条（不得自行转交）');
    // Routed to the unit once, but withdrawn, declined or answered since: a conflict of state, not of rights.
    throw errors.conflict('NOT_ACTIVE', '该交办已不在办理中', 'This assignment is no longer active', 'H-14 办理办法第十四条');
  }
  if (candidates.length > 1) throw errors.invalid('UNIT_REQUIRED', '您属于多个承办单位，请选择以哪个单位处理', 'You work for several units routed this item: name the unit');
  return first;
}

/**
 * Inside the command's transaction (after lockOpinion): the assignment actingAssignment found, as it
 * is now. Another command may have withdrawn, declined or answered it since: then the command is refused.
 */
export async function assignmentNow(tx: Conn, a: OpinionAssignmentTable, states: readonly OpinionAssignmentTable['state'][] = ['active']): Promise<OpinionAssignmentTable> {
  const now = await tx.selectFrom('opinion_assignments').selectAll().where('id', '=', a.id).executeTakeFirst();
  if (!now || !states.includes(now.state)) throw concurrentChange();
  return now;
}
