import type { z } from 'zod';
import type { AssignStation, CreateDeputy, EndDeputy, RecordDuty, SetScoring, UpdateDeputy } from '../../../contracts/deputies.ts';
import { authorize } from '../../platform/access.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { runCommand } from '../../platform/command.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { isValidPhone, normalizePhone } from '../../platform/crypto/mask.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged, forUpdate } from '../../platform/guard.ts';
import type { DeputyTable } from '../../platform/schema.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { deputiesPolicy } from './deputies.policy.ts';
import { contactContext, deputyOfUser, requireBodyOfKind, requireDeputy, scoringTable } from './deputies.repo.ts';
import { RULE, pointsFor } from './deputies.rules.ts';

type Contact = NonNullable<z.infer<typeof CreateDeputy>['contact']>;

/** Encrypts with the cipher of the congress's rules profile (`privacy.fieldCipher`). */
async function encryptContact(ctx: PiiCtx, congressId: string, id: string, c: Contact, before?: DeputyTable): Promise<Pick<DeputyTable, 'phone_enc' | 'email_enc' | 'address_enc'>> {
  if (c.phone && !isValidPhone(c.phone)) throw errors.invalid('INVALID_PHONE', '联系电话有误', 'The phone number is not valid');
  // The profile is read (and the key touched) only when there is something to encrypt.
  const given = [c.phone, c.email, c.address].some((v) => v !== undefined && v !== null && v !== '');
  const cipher = given ? (await loadProfile(ctx.db, congressId)).privacy.fieldCipher : null;
  const enc = (v: string | null | undefined, f: 'phone' | 'email' | 'address', prev: string | null): string | null => {
    if (v === undefined) return prev;
    if (v === null || v === '' || cipher === null) return null;
    return ctx.fc.withCipher(cipher).encrypt(v, contactContext(f, id));
  };
  return {
    phone_enc: enc(c.phone ? normalizePhone(c.phone) : c.phone, 'phone', before?.phone_enc ?? null),
    email_enc: enc(c.email, 'email', before?.email_enc ?? null),
    address_enc: enc(c.address, 'address', before?.address_enc ?? null),
  };
}

async function checkRefs(ctx: PiiCtx, congressId: string, input: { termId?: string | null | undefined; delegationGroupId?: string | null | undefined }) {
  if (input.termId) {
    const t = await ctx.db.selectFrom('terms').select('id').where('congress_id', '=', congressId).where('id', '=', input.termId).executeTakeFirst();
    if (!t) throw errors.notFound('Term', '该届次');
  }
  if (input.delegationGroupId) await requireBodyOfKind(ctx.db, congressId, input.delegationGroupId, 'delegation_group');
}

export async function createDeputy(ctx: PiiCtx, congressId: string, input: z.infer<typeof CreateDeputy>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, deputiesPolicy.manage(ctx.actor, c.id));
  await checkRefs(ctx, c.id, input);
  if (input.personId) {
    const p = await ctx.db.selectFrom('people').select('id').where('congress_id', '=', c.id).where('id', '=', input.personId).executeTakeFirst();
    if (!p) throw errors.notFound('Person', '该人员');
    const dup = await ctx.db.selectFrom('deputies').select('id').where('congress_id', '=', c.id).where('person_id', '=', input.personId).where('level', '=', input.level).where('status', '=', 'active').executeTakeFirst();
    if (dup) throw errors.conflict('DEPUTY_EXISTS', '该人员已是同级在任代表', 'This person is already a serving deputy at that level');
  }
  const id = newId();
  const contact = await encryptContact(ctx, c.id, id, input.contact ?? {});
  return runCommand(ctx, async (tx, rec) => {
    const at = nowIso();
    let personId = input.personId;
    if (!personId) {
      personId = newId();
      await tx.insertInto('people').values({ id: personId, congress_id: c.id, name: input.name ?? '', gender: input.gender ?? null, note: null, created_at: at }).execute();
    }
    await tx
      .insertInto('deputies')
      .values({
        id,
        congress_id: c.id,
        person_id: personId,
        level: input.level,
        term_id: input.termId ?? null,
        term_label: input.termLabel ?? null,
        constituency: input.constituency ?? null,
        delegation_group_id: input.delegationGroupId ?? null,
        occupation: input.occupation ?? null,
        status: 'active',
        start_date: input.startDate ?? null,
        end_date: null,
        end_reason: null,
        ...contact,
        created_at: at,
        updated_at: at,
      })
      .execute();
    // The audit entry records which contact fields changed, never their values.
    rec.audit({ congressId: c.id, action: 'deputy.created', targetType: 'deputy', targetId: id, data: { personId, level: input.level, contactFields: Object.keys(input.contact ?? {}) } });
    return id;
  });
}

export async function updateDeputy(ctx: PiiCtx, congressId: string, deputyId: string, input: z.infer<typeof UpdateDeputy>) {
  const c = await requireCongress(ctx.db, congressId);
  const before = await requireDeputy(ctx.db, c.id, deputyId);
  authorize(ctx.actor, c.id, deputiesPolicy.manage(ctx.actor, c.id));
  await checkRefs(ctx, c.id, input);
  const contact = input.contact ? await encryptContact(ctx, c.id, before.id, input.contact, before) : {};
  await runCommand(ctx, async (tx, rec) => {
    const patch = {
      ...(input.level !== undefined ? { level: input.level } : {}),
      ...(input.termId !== undefined ? { term_id: input.termId } : {}),
      ...(input.termLabel !== undefined ? { term_label: input.termLabel } : {}),
      ...(input.constituency !== undefined ? { constituency: input.constituency } : {}),
      ...(input.delegationGroupId !== undefined ? { delegation_group_id: input.delegationGroupId } : {}),
      ...(input.occupation !== undefined ? { occupation: input.occupation } : {}),
      ...contact,
      updated_at: nowIso(),
    };
    await tx.updateTable('deputies').set(patch).where('id', '=', before.id).execute();
    const { contact: changedContact, ...rest } = input;
    rec.audit({ congressId: c.id, action: 'deputy.updated', targetType: 'deputy', targetId: before.id, data: { patch: rest, contactFields: Object.keys(changedContact ?? {}) } });
  });
}

/** The end of a deputy's term of office (终止代表资格, re-election, resignation): kept in the roster as ended. */
export async function endDeputy(ctx: PiiCtx, congressId: string, deputyId: string, input: z.infer<typeof EndDeputy>) {
  const c = await requireCongress(ctx.db, congressId);
  const d = await requireDeputy(ctx.db, c.id, deputyId);
  authorize(ctx.actor, c.id, deputiesPolicy.manage(ctx.actor, c.id));
  const ended = () => errors.conflict('ALREADY_ENDED', '该代表的任期已结束', 'This deputy has already left office');
  await runCommand(ctx, async (tx, rec) => {
    // Guarded: only a serving deputy's term ends, once.
    expectChanged(await tx.updateTable('deputies').set({ status: 'ended', end_date: input.endDate, end_reason: input.reason ?? null, updated_at: nowIso() }).where('id', '=', d.id).where('status', '=', 'active').executeTakeFirst(), ended);
    await tx.updateTable('station_deputies').set({ end_date: input.endDate }).where('deputy_id', '=', d.id).where('end_date', 'is', null).execute();
    rec.audit({ congressId: c.id, action: 'deputy.ended', targetType: 'deputy', targetId: d.id, data: input });
  });
}

/** Measures art. 10: deputies are assigned (编入) to stations; one deputy may be at several. */
export async function assignDeputyToStation(ctx: PiiCtx, congressId: string, deputyId: string, input: z.infer<typeof AssignStation>) {
  const c = await requireCongress(ctx.db, congressId);
  const d = await requireDeputy(ctx.db, c.id, deputyId);
  authorize(ctx.actor, c.id, deputiesPolicy.manage(ctx.actor, c.id));
  const s = await ctx.db.selectFrom('stations').select('id').where('congress_id', '=', c.id).where('id', '=', input.stationId).executeTakeFirst();
  if (!s) throw errors.notFound('Station', '该联络站');
  await runCommand(ctx, async (tx, rec) => {
    // Read and locked inside the transaction: a deputy whose term ends meanwhile is not assigned.
    const now = await forUpdate(tx, tx.selectFrom('deputies').select('status').where('congress_id', '=', c.id).where('id', '=', d.id)).executeTakeFirst();
    if (now?.status !== 'active') throw errors.conflict('DEPUTY_ENDED', '该代表已离任', 'This deputy has left office');
    const existing = await tx.selectFrom('station_deputies').select('end_date').where('station_id', '=', s.id).where('deputy_id', '=', d.id).executeTakeFirst();
    if (existing && existing.end_date === null) throw errors.conflict('ALREADY_ASSIGNED', '该代表已编入此联络站', 'The deputy is already assigned to this station');
    if (existing) await tx.updateTable('station_deputies').set({ end_date: null, start_date: input.startDate ?? null }).where('station_id', '=', s.id).where('deputy_id', '=', d.id).execute();
    else await tx.insertInto('station_deputies').values({ congress_id: c.id, station_id: s.id, deputy_id: d.id, start_date: input.startDate ?? null, end_date: null, created_at: nowIso() }).execute();
    rec.audit({ congressId: c.id, action: 'deputy.station_assigned', targetType: 'deputy', targetId: d.id, data: { stationId: s.id } });
  });
}

export async function removeDeputyFromStation(ctx: PiiCtx, congressId: string, deputyId: string, stationId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const d = await requireDeputy(ctx.db, c.id, deputyId);
  authorize(ctx.actor, c.id, deputiesPolicy.manage(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const r = await tx.updateTable('station_deputies').set({ end_date: nowIso().slice(0, 10) }).where('congress_id', '=', c.id).where('station_id', '=', stationId).where('deputy_id', '=', d.id).where('end_date', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw errors.notFound('Station assignment', '该编组');
    rec.audit({ congressId: c.id, action: 'deputy.station_removed', targetType: 'deputy', targetId: d.id, data: { stationId } });
  });
}

/**
 * One entry of the duty registration form (履职登记表) with its evidence; the points come from the
 * office's table at the time of recording. The office records for anyone, station staff for deputies
 * at their station, a deputy for themself.
 */
export async function recordDutyActivity(ctx: PiiCtx, congressId: string, input: z.infer<typeof RecordDuty>) {
  const c = await requireCongress(ctx.db, congressId);
  const d = await requireDeputy(ctx.db, c.id, input.deputyId);
  let allowed = deputiesPolicy.manage(ctx.actor, c.id);
  if (!allowed && ctx.actor.kind === 'user' && deputiesPolicy.isDeputy(ctx.actor, c.id)) allowed = (await deputyOfUser(ctx.db, c.id, ctx.actor.personId))?.id === d.id;
  if (!allowed && ctx.actor.kind === 'user' && deputiesPolicy.recordAsStation(ctx.actor, c.id)) {
    const mine = await ctx.db
      .selectFrom('station_staff')
      .innerJoin('station_deputies', 'station_deputies.station_id', 'station_staff.station_id')
      .select('station_staff.station_id')
      .where('station_staff.congress_id', '=', c.id)
      .where('station_staff.user_id', '=', ctx.actor.userId)
      .where('station_deputies.deputy_id', '=', d.id)
      .execute();
    allowed = mine.length > 0 && (input.stationId === undefined || mine.some((m) => m.station_id === input.stationId));
  }
  authorize(ctx.actor, c.id, allowed);
  if (input.stationId) {
    const s = await ctx.db.selectFrom('stations').select('id').where('congress_id', '=', c.id).where('id', '=', input.stationId).executeTakeFirst();
    if (!s) throw errors.notFound('Station', '该联络站');
  }
  if (input.eventId) {
    const e = await ctx.db.selectFrom('station_events').select('id').where('congress_id', '=', c.id).where('id', '=', input.eventId).executeTakeFirst();
    if (!e) throw errors.notFound('Event', '该活动');
  }
  if (input.kind === 'report_back' && !input.evaluation) throw errors.invalid('EVALUATION_REQUIRED', '述职评议须记录选民评议结果', 'A report-back meeting records the voters\' evaluation', RULE.S18);
  const table = await scoringTable(ctx.db, c.id);
  const points = pointsFor(input.kind, table);
  return runCommand(ctx, async (tx, rec) => {
    const id = newId();
    await tx
      .insertInto('duty_activities')
      .values({
        id,
        congress_id: c.id,
        deputy_id: d.id,
        kind: input.kind,
        date: input.date,
        station_id: input.stationId ?? null,
        event_id: input.eventId ?? null,
        title: input.title,
        evidence: JSON.stringify(input.evidence),
        evaluation: input.evaluation ? JSON.stringify(input.evaluation) : null,
        points,
        recorded_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        created_at: nowIso(),
      })
      .execute();
    rec.audit({ congressId: c.id, action: 'duty.recorded', targetType: 'deputy', targetId: d.id, data: { activityId: id, kind: input.kind, date: input.date, points } });
    return id;
  });
}

export async function setDutyScoring(ctx: PiiCtx, congressId: string, input: z.infer<typeof SetScoring>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, deputiesPolicy.manage(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const at = nowIso();
    for (const e of input.entries) {
      await tx
        .insertInto('duty_scoring')
        .values({ congress_id: c.id, kind: e.kind, points: e.points, note: e.note ?? null, updated_at: at })
        .onConflict((oc) => oc.columns(['congress_id', 'kind']).doUpdateSet({ points: e.points, note: e.note ?? null, updated_at: at }))
        .execute();
    }
    rec.audit({ congressId: c.id, action: 'duty_scoring.set', targetType: 'congress', targetId: c.id, data: { entries: input.entries } });
  });
}
