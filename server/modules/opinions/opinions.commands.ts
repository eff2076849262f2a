import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type {
  ClassifyOpinion,
  ConcludeEvaluation,
  CreateIntakeBlock,
  DeclineOpinion,
  ExtendDeadline,
  FollowThrough,
  MarkKey,
  RateOpinion,
  RelayReply,
  ReplyOpinion,
  RouteOpinion,
  SetIntakeSettings,
  SetRoutingCategory,
  SubmitOpinion,
} from '../../../contracts/opinions.ts';
import { authorize, hasRole } from '../../platform/access.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repo.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { runCommand } from '../../platform/command.ts';
import type { Tx } from '../../platform/db.ts';
import { expectChanged } from '../../platform/guard.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { isValidIdNumber, isValidPhone, maskPhone, normalizePhone } from '../../platform/crypto/mask.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { addressKey, hourEnd, localDayEnd } from '../../platform/rate.ts';
import type { OpinionTable } from '../../platform/schema.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { actingAssignment, assertInScope, assignmentNow, inScope } from './opinions.access.ts';
import { runOpinionDeadlines } from './opinions.jobs.ts';
import { consumePhoneCode } from './opinions.phone.ts';
import { writeSubmission } from './opinions.intake.ts';
import { opinionsPolicy } from './opinions.policy.ts';
import {
  addEvent,
  assignmentsOf,
  clearIntakeCache,
  deputiesOf,
  deputyIdOfUser,
  isBlocked,
  isUnitHead,
  intakeCongressId,
  intakeSettingsOf,
  lockOpinion,
  moveOpinion,
  piiContext,
  requireByTrackingCode,
  requireHandlingUnits,
  requireOpinion,
  stationIdsOfUser,
  unitIdsOfUser,
  unitNames,
} from './opinions.repo.ts';
import {
  CLASS_ZH,
  CLOSURE_ZH,
  ROUTE_ZH,
  RULE,
  allReplied,
  assignmentDates,
  checkClassification,
  checkDecline,
  extendedDue,
  feedbackDue,
  formatTrackingCode,
  planRouting,
  ratingOutcome,
  reassignDue,
  replyKindFor,
  replyRecipients,
  requireStatus,
  statusAfterClassification,
  trackingCodeFrom,
} from './opinions.rules.ts';

export const today = (): string => localDateOf(nowIso());
const userIdOf = (ctx: PiiCtx): string | null => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

// ------------------------------------------------------------------ intake

/**
 * A citizen's opinion, from the public portal, a station desk or a deputy in the field. The opinion
 * and its audit entry are one transaction (public submissions share it with others that arrive at
 * the same moment: opinions.intake.ts): a crash leaves either nothing or the whole opinion, and the
 * tracking code is only shown after commit. Throttling counts per
 * source (keyed hashes of the IP address and the phone number), so a flood from one source does
 * not slow anyone else; staff entering opinions at a desk are not throttled.
 */
export async function submitOpinion(ctx: PiiCtx, input: z.infer<typeof SubmitOpinion>): Promise<{ trackingCode: string }> {
  const c = { id: await intakeCongressId(ctx.db, input.congressId) };
  const phone = normalizePhone(input.phone);
  if (!isValidPhone(phone)) throw errors.invalid('INVALID_PHONE', '请填写正确的手机号码或带区号的固定电话', 'Enter a valid mobile or landline number');
  if (input.idNumber !== undefined && input.idNumber !== '' && !isValidIdNumber(input.idNumber)) throw errors.invalid('INVALID_ID_NUMBER', '身份证号码有误', 'The ID number is not valid');
  if (input.stationId) {
    const s = await ctx.db.selectFrom('stations').select(['id', 'active']).where('congress_id', '=', c.id).where('id', '=', input.stationId).executeTakeFirst();
    if (s?.active !== 1) throw errors.notFound('Station', '该联络站');
  }
  const actor = ctx.actor;
  const staff = actor.kind === 'user' && opinionsPolicy.enterForCitizen(actor, c.id);
  const channel = !staff ? 'online' : hasRole(actor, c.id, 'station_staff') ? 'station' : hasRole(actor, c.id, 'deputy') ? 'deputy' : 'station';
  const fc = ctx.fc;
  const phoneIndex = fc.blindIndex('phone', phone);
  const ip = actor.ip ?? 'unknown';
  const sourceIndex = fc.blindIndex('ip', ip);

  const now = nowIso();
  let limits: { perIpPerHour: number; perPhonePerDay: number } | null = null;
  if (!staff) {
    if (await isBlocked(ctx.db, c.id, [{ kind: 'ip', index: sourceIndex }, { kind: 'phone', index: phoneIndex }], now)) {
      throw new DomainError(403, 'SOURCE_BLOCKED', '该来源的网上提交已被暂停，请到就近的人大代表联络站当面反映', 'Online submissions from this source are suspended; please visit a liaison station');
    }
    const settings = await intakeSettingsOf(ctx.db, c.id);
    limits = settings;
    // PV-1: the phone number is checked by a one-time code when the congress asks for it (opinions.phone.ts).
    if (settings.requirePhoneVerification) await consumePhoneCode(ctx, c.id, phoneIndex, input.verificationCode);
  }

  const deputyId = channel === 'deputy' && actor.kind === 'user' ? await deputyIdOfUser(ctx.db, c.id, actor.personId) : null;
  let stationId = input.stationId ?? null;
  if (!stationId && channel === 'station' && actor.kind === 'user') stationId = (await stationIdsOfUser(ctx.db, c.id, actor.userId))[0] ?? null;

  const id = newId();
  const at = now;
  const code = trackingCodeFrom(randomBytes(8));
  // Personal data is encrypted with the cipher the congress's rules profile names.
  const enc = fc.withCipher((await loadProfile(ctx.db, c.id)).privacy.fieldCipher);
  const row: OpinionTable = {
    id,
    congress_id: c.id,
    station_id: stationId,
    tracking_code: code,
    channel,
    name_enc: enc.encrypt(input.name, piiContext('name', id)),
    phone_enc: enc.encrypt(phone, piiContext('phone', id)),
    id_number_enc: input.idNumber ? enc.encrypt(input.idNumber.toUpperCase(), piiContext('id_number', id)) : null,
    phone_index: phoneIndex,
    source_index: staff ? null : sourceIndex,
    content: input.content,
    category: input.category ?? null,
    class: null,
    disposition: null,
    route: null,
    answer: null,
    status: 'received',
    round: 1,
    is_key: 0,
    entered_by: userIdOf(ctx),
    deputy_id: deputyId,
    received_on: localDateOf(at),
    routed_on: null,
    route_due: null,
    replied_on: null,
    feedback_due: null,
    closed_at: null,
    closure: null,
    relayed_at: null,
    anonymized_at: null,
    created_at: at,
    updated_at: at,
  };
  // The history's first line is derived from this row (eventsOf); no change event is sent: staff
  // lists refresh on their own, and intake stays at the fewest statements (bench/opinions.ts).
  if (staff) {
    // Staff entries are audited under the staff member's name, one by one.
    await runCommand(ctx, async (tx, rec) => {
      await tx.insertInto('opinions').values(row).execute();
      rec.audit({ congressId: c.id, action: 'opinion.submitted', targetType: 'opinion', targetId: id, data: { channel, stationId } });
    });
  } else {
    const outcome = await writeSubmission(ctx, row, {
      ipKey: `ip:${c.id}:${fc.blindIndex('ip', addressKey(ip))}`,
      ipUntil: hourEnd(now),
      perIp: limits?.perIpPerHour ?? 0,
      phoneKey: `phone:${c.id}:${phoneIndex}`,
      phoneUntil: localDayEnd(now),
      perPhone: limits?.perPhonePerDay ?? 0,
    });
    if (outcome === 'throttled_ip') throw errors.tooMany('提交过于频繁，请稍后再试或到联络站当面反映', 'Too many submissions from this network; try later or visit a station');
    if (outcome === 'throttled_phone') throw errors.tooMany('该号码今天提交的意见已达上限，请明天再试', 'This phone number has reached today\'s limit');
  }
  return { trackingCode: formatTrackingCode(row.tracking_code) };
}

// ------------------------------------------------------------------ classification and routing

export async function classifyOpinion(ctx: PiiCtx, congressId: string, opinionId: string, input: z.infer<typeof ClassifyOpinion>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  authorize(ctx.actor, c.id, opinionsPolicy.classify(ctx.actor, c.id));
  await assertInScope(ctx.db, ctx.actor, found);
  checkClassification(input);
  const deputyIds = input.deputyIds ?? [];
  const status = statusAfterClassification(input.disposition);
  return runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    requireStatus(o.status, ['received', 'to_route'], '分类');
    if (deputyIds.length > 0) {
      const active = await tx.selectFrom('deputies').select('id').where('congress_id', '=', c.id).where('id', 'in', deputyIds).where('status', '=', 'active').execute();
      if (active.length !== deputyIds.length) throw errors.notFound('Deputy', '该代表');
    }
    const at = nowIso();
    const closure = status === 'answered' ? 'answered' : status === 'explained' ? 'explained' : null;
    await moveOpinion(tx, o, {
      class: input.class,
      disposition: input.disposition,
      route: input.route ?? null,
      answer: input.answer ?? null,
      category: input.category ?? o.category,
      status,
      closed_at: closure ? at : null,
      closure,
      updated_at: at,
    });
    await tx.deleteFrom('opinion_deputies').where('opinion_id', '=', o.id).execute();
    if (deputyIds.length > 0) {
      await tx
        .insertInto('opinion_deputies')
        .values(deputyIds.map((d, i) => ({ congress_id: c.id, opinion_id: o.id, deputy_id: d, role: i === 0 ? ('lead' as const) : ('cosigner' as const), position: i })))
        .execute();
    }
    await addEvent(tx, o, 'classified', true, { class: input.class, classZh: CLASS_ZH[input.class] }, at);
    if (status === 'answered') await addEvent(tx, o, 'answered', true, { answer: input.answer }, at);
    if (status === 'explained') await addEvent(tx, o, 'route_explained', true, { route: input.route, routeZh: input.route ? ROUTE_ZH[input.route] : '', answer: input.answer }, at);
    if (closure) await addEvent(tx, o, 'closed', true, { closure, closureZh: CLOSURE_ZH[closure] }, at);
    rec.audit({ congressId: c.id, action: 'opinion.classified', targetType: 'opinion', targetId: o.id, data: { class: input.class, disposition: input.disposition, route: input.route ?? null, deputyIds } });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
}

/**
 * H-13/H-14: the office assigns a lead unit with co-handlers, or several units separately, from its
 * category table or by hand. Re-routing keeps units that stay in the same role (and their dates),
 * withdraws the others and starts new ones today.
 */
export async function routeOpinion(ctx: PiiCtx, congressId: string, opinionId: string, input: z.infer<typeof RouteOpinion>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  authorize(ctx.actor, c.id, opinionsPolicy.route(ctx.actor, c.id));
  const profile = await loadProfile(ctx.db, c.id);
  const cal = await loadCalendar(ctx.db, c.id);
  const day = today();
  return runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    requireStatus(o.status, ['to_route', 'assigned'], '交办', RULE.H13);
    let spec: Parameters<typeof planRouting>[0];
    if (input.mode === 'category') {
      if (!o.category) throw errors.invalid('NO_CATEGORY', '该意见未分类别，请手动指定承办单位', 'The opinion has no category; name the units', RULE.H13);
      const rc = await tx.selectFrom('routing_categories').selectAll().where('congress_id', '=', c.id).where('category', '=', o.category).executeTakeFirst();
      if (!rc) throw errors.invalid('NO_CATEGORY_ROUTE', `交办对照表中没有“${o.category}”`, `The routing table has no entry for ${o.category}`, RULE.H13);
      spec = { mode: 'lead', leadUnitId: rc.lead_unit_id, coUnitIds: JSON.parse(rc.co_unit_ids) as string[] };
    } else spec = { mode: input.mode, leadUnitId: input.leadUnitId, coUnitIds: input.coUnitIds, unitIds: input.unitIds };
    const plan = planRouting(spec);
    const names = await requireHandlingUnits(tx, c.id, plan.map((p) => p.unitId));
    const at = nowIso();
    const existing = (await assignmentsOf(tx, o.id)).filter((a) => a.state === 'active');
    const kept = new Set<string>();
    for (const a of existing) {
      if (plan.some((p) => p.unitId === a.unit_id && p.role === a.role)) kept.add(a.unit_id);
      else await tx.updateTable('opinion_assignments').set({ state: 'withdrawn' }).where('id', '=', a.id).execute();
    }
    const added = plan.filter((p) => !kept.has(p.unitId));
    for (const p of added) {
      const d = assignmentDates(cal, profile.handling, p.role, day);
      await tx
        .insertInto('opinion_assignments')
        .values({ id: newId(), congress_id: c.id, opinion_id: o.id, unit_id: p.unitId, role: p.role, round: o.round, assigned_on: day, decline_by: d.declineBy, due_date: d.dueDate, state: 'active', declined_on: null, decline_reason: null, replied_on: null, extended: 0, extension_note: null, created_at: at })
        .execute();
    }
    const all = (await assignmentsOf(tx, o.id)).filter((a) => a.state === 'active');
    const due = all.filter((a) => a.role !== 'co').map((a) => a.due_date).sort().at(-1) ?? '';
    await moveOpinion(tx, o, { status: 'assigned', routed_on: o.routed_on ?? day, route_due: null, updated_at: at });
    await addEvent(tx, o, 'routed', true, { unitsZh: plan.map((p) => `${names.get(p.unitId) ?? ''}（${p.role === 'lead' ? '主办' : p.role === 'co' ? '协办' : '分别承办'}）`), dueDate: due, note: input.note ?? null }, at);
    rec.audit({ congressId: c.id, action: 'opinion.routed', targetType: 'opinion', targetId: o.id, data: { mode: input.mode, plan, kept: [...kept] } });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
}

/** H-14: a unit reports "not ours" within ten working days; the office must reassign within ten more. */
export async function declineOpinion(ctx: PiiCtx, congressId: string, opinionId: string, input: z.infer<typeof DeclineOpinion>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  const acting = await actingAssignment(ctx.db, ctx.actor, found, input.unitId);
  const day = today();
  const profile = await loadProfile(ctx.db, c.id);
  const cal = await loadCalendar(ctx.db, c.id);
  const unitName = (await unitNames(ctx.db, c.id, [acting.unit_id])).get(acting.unit_id) ?? '';
  return runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    const a = await assignmentNow(tx, acting);
    checkDecline({ declineBy: a.decline_by, round: a.round, state: a.state }, day);
    const at = nowIso();
    await tx.updateTable('opinion_assignments').set({ state: 'declined', declined_on: day, decline_reason: input.reason }).where('id', '=', a.id).execute();
    const rest = (await assignmentsOf(tx, o.id)).filter((x) => x.state === 'active' && x.role !== 'co');
    if ((a.role !== 'co' && rest.length === 0) || a.role === 'lead') {
      await moveOpinion(tx, o, { status: 'to_route', route_due: reassignDue(cal, profile.handling, day), updated_at: at });
    }
    await addEvent(tx, o, 'declined', false, { unitName, reason: input.reason }, at);
    rec.audit({ congressId: c.id, action: 'opinion.declined', targetType: 'opinion', targetId: o.id, data: { unitId: a.unit_id, role: a.role } });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
}

/** H-20: a hard case, explained to the deputy before three months pass, gets six. */
export async function extendOpinionDeadline(ctx: PiiCtx, congressId: string, opinionId: string, input: z.infer<typeof ExtendDeadline>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  const acting = await actingAssignment(ctx.db, ctx.actor, found, input.unitId);
  const profile = await loadProfile(ctx.db, c.id);
  const cal = await loadCalendar(ctx.db, c.id);
  const unitName = (await unitNames(ctx.db, c.id, [acting.unit_id])).get(acting.unit_id) ?? '';
  return runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    const a = await assignmentNow(tx, acting);
    const due = extendedDue(cal, profile.handling, { role: a.role, assignedOn: a.assigned_on, dueDate: a.due_date, extended: a.extended === 1, round: a.round }, today());
    await tx.updateTable('opinion_assignments').set({ due_date: due, extended: 1, extension_note: input.explanation }).where('id', '=', a.id).execute();
    await addEvent(tx, o, 'extended', true, { unitName, dueDate: due }, nowIso());
    rec.audit({ congressId: c.id, action: 'opinion.extended', targetType: 'opinion', targetId: o.id, data: { unitId: a.unit_id, from: a.due_date, to: due } });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
}

// ------------------------------------------------------------------ replies (H-18, H-21)

/**
 * A routed unit's reply (lead or separate: graded A–D) or a co-handler's view to the lead unit.
 * One letter per co-signing deputy (H-21 逐人答复). A reply is issued when the unit head signs it
 * off: at once when the head writes it, otherwise through signOffReply.
 */
export async function replyOpinion(ctx: PiiCtx, congressId: string, opinionId: string, input: z.infer<typeof ReplyOpinion>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  const acting = await actingAssignment(ctx.db, ctx.actor, found, input.unitId);
  const kind = replyKindFor(acting.role, input.grade);
  const userId = userIdOf(ctx) ?? '';
  const head = await isUnitHead(ctx.db, c.id, acting.unit_id, userId);
  const groupId = newId();
  await runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    requireStatus(o.status, ['assigned', 'rehandling'], '答复');
    const a = await assignmentNow(tx, acting);
    const pending = await tx.selectFrom('opinion_replies').select('id').where('assignment_id', '=', a.id).where('round', '=', a.round).where('status', '=', 'draft').executeTakeFirst();
    if (pending) throw errors.conflict('DRAFT_PENDING', '本单位已有待签发的答复，请先签发或修改', 'A reply of this unit awaits sign-off', RULE.H21);
    const recipients = replyRecipients(kind, (await deputiesOf(tx, o.id)).map((d) => d.deputy_id));
    const at = nowIso();
    await tx
      .insertInto('opinion_replies')
      .values(
        recipients.map((r) => ({
          id: newId(),
          congress_id: c.id,
          opinion_id: o.id,
          assignment_id: a.id,
          unit_id: a.unit_id,
          group_id: groupId,
          kind,
          round: a.round,
          grade: input.grade ?? null,
          text: input.text,
          recipient_deputy_id: r,
          status: 'draft' as const,
          drafted_by: userId,
          drafted_at: at,
          signed_by: null,
          signed_at: null,
        })),
      )
      .execute();
    const unitName = (await unitNames(tx, c.id, [a.unit_id])).get(a.unit_id) ?? '';
    if (head) await issue(tx, o, groupId, userId, at);
    else await addEvent(tx, o, 'reply_drafted', false, { unitName }, at);
    rec.audit({ congressId: c.id, action: head ? 'opinion.replied' : 'opinion.reply_drafted', targetType: 'opinion', targetId: o.id, data: { unitId: a.unit_id, kind, grade: input.grade ?? null, letters: recipients.length, groupId } });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
  return { groupId, issued: head };
}

/** H-21: the unit head signs the reply off; it is then issued to the deputy or citizen. */
export async function signOffReply(ctx: PiiCtx, congressId: string, opinionId: string, groupId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  const letter = await ctx.db.selectFrom('opinion_replies').selectAll().where('opinion_id', '=', found.id).where('group_id', '=', groupId).executeTakeFirst();
  if (!letter) throw errors.notFound('Reply', '该答复');
  await actingAssignment(ctx.db, ctx.actor, found, letter.unit_id);
  const userId = userIdOf(ctx) ?? '';
  if (!(await isUnitHead(ctx.db, c.id, letter.unit_id, userId))) {
    throw new DomainError(403, 'HEAD_REQUIRED', '答复须经单位主要负责人签发', 'A reply is signed off by the head of the unit', RULE.H21);
  }
  await runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    const now = await tx.selectFrom('opinion_replies').select('status').where('opinion_id', '=', o.id).where('group_id', '=', groupId).executeTakeFirstOrThrow();
    if (now.status === 'issued') throw errors.conflict('ALREADY_ISSUED', '该答复已签发', 'This reply has already been issued', RULE.H21);
    requireStatus(o.status, ['assigned', 'rehandling'], '签发答复');
    await issue(tx, o, groupId, userId, nowIso());
    rec.audit({ congressId: c.id, action: 'opinion.replied', targetType: 'opinion', targetId: o.id, data: { unitId: letter.unit_id, groupId, kind: letter.kind } });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
  return { groupId, issued: true };
}

/** Issues a signed reply; when every answering unit has replied, the item awaits feedback (H-22). */
async function issue(tx: Tx, o: OpinionTable, groupId: string, signer: string, at: string): Promise<void> {
  expectChanged(await tx.updateTable('opinion_replies').set({ status: 'issued', signed_by: signer, signed_at: at }).where('group_id', '=', groupId).where('status', '=', 'draft').executeTakeFirst());
  const letter = await tx.selectFrom('opinion_replies').selectAll().where('group_id', '=', groupId).executeTakeFirstOrThrow();
  const day = localDateOf(at);
  // The unit's assignment must still be the active one it replies through (not withdrawn by a re-routing meanwhile).
  expectChanged(await tx.updateTable('opinion_assignments').set({ state: 'replied', replied_on: day }).where('id', '=', letter.assignment_id).where('state', '=', 'active').executeTakeFirst());
  const unitName = (await unitNames(tx, o.congress_id, [letter.unit_id])).get(letter.unit_id) ?? '';
  if (letter.kind === 'co_view') await addEvent(tx, o, 'co_view', false, { unitName }, at);
  else await addEvent(tx, o, 'replied', true, { unitName, grade: letter.grade, text: letter.text }, at);
  const assignments = await assignmentsOf(tx, o.id);
  if (letter.kind === 'reply' && allReplied(assignments)) {
    const profile = await loadProfile(tx, o.congress_id);
    const cal = await loadCalendar(tx, o.congress_id);
    const fb = feedbackDue(cal, profile.handling, day);
    await moveOpinion(tx, o, { status: 'replied', replied_on: day, feedback_due: fb, updated_at: at });
    await addEvent(tx, o, 'all_replied', true, { feedbackDue: fb }, at);
  }
}

/** H-23: the unit reports how what it promised was carried out. */
export async function recordFollowThrough(ctx: PiiCtx, congressId: string, opinionId: string, input: z.infer<typeof FollowThrough>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  const acting = await actingAssignment(ctx.db, ctx.actor, found, input.unitId, ['replied']);
  const unitName = (await unitNames(ctx.db, c.id, [acting.unit_id])).get(acting.unit_id) ?? '';
  await runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    const a = await assignmentNow(tx, acting, ['replied']);
    const at = nowIso();
    await tx
      .insertInto('opinion_replies')
      .values({ id: newId(), congress_id: c.id, opinion_id: o.id, assignment_id: a.id, unit_id: a.unit_id, group_id: newId(), kind: 'follow_up', round: a.round, grade: null, text: input.text, recipient_deputy_id: null, status: 'issued', drafted_by: userIdOf(ctx), drafted_at: at, signed_by: userIdOf(ctx), signed_at: at })
      .execute();
    await addEvent(tx, o, 'follow_through', true, { unitName, text: input.text }, at);
    rec.audit({ congressId: c.id, action: 'opinion.follow_through', targetType: 'opinion', targetId: o.id, data: { unitId: a.unit_id } });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
}

// ------------------------------------------------------------------ closing the loop (H-22)

/**
 * H-22: the deputy (or the station, or the office) brings the unit's reply to the citizen. The
 * feedback is its own record — who, how, on which day, for which round — and is audited; the
 * citizen sees that the reply was relayed.
 */
export async function relayReply(ctx: PiiCtx, congressId: string, opinionId: string, input: z.infer<typeof RelayReply>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  authorize(ctx.actor, c.id, opinionsPolicy.relay(ctx.actor, c.id));
  await assertInScope(ctx.db, ctx.actor, found);
  const day = today();
  const contactedOn = input.contactedOn ?? day;
  if (contactedOn > day) throw errors.invalid('FEEDBACK_IN_FUTURE', '反馈日期不能晚于今天', 'The feedback date cannot be in the future', RULE.H22);
  if (contactedOn < found.received_on) throw errors.invalid('FEEDBACK_BEFORE_RECEIPT', '反馈日期不能早于收到意见的日期', 'The feedback date cannot be before the opinion was received', RULE.H22);
  const deputyId = ctx.actor.kind === 'user' && hasRole(ctx.actor, c.id, 'deputy') ? await deputyIdOfUser(ctx.db, c.id, ctx.actor.personId) : null;
  const method = input.method ?? 'phone';
  const feedbackId = newId();
  await runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    requireStatus(o.status, ['replied', 'closed', 'evaluation', 'rehandling'], '转达答复');
    const at = nowIso();
    await tx
      .insertInto('opinion_feedbacks')
      .values({ id: feedbackId, congress_id: c.id, opinion_id: o.id, round: o.round, deputy_id: deputyId, by_user: userIdOf(ctx), method, contacted_on: contactedOn, note: input.note ?? null, created_at: at })
      .execute();
    await moveOpinion(tx, o, { relayed_at: at, updated_at: at });
    await addEvent(tx, o, 'relayed', true, { note: input.note ?? null, method }, at);
    rec.audit({ congressId: c.id, action: 'opinion.relayed', targetType: 'opinion', targetId: o.id, data: { feedbackId, method, contactedOn, round: o.round, deputyId } });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
}

/** The citizen (by tracking code) or a deputy on the citizen's behalf rates the answer. */
export async function rateOpinion(ctx: PiiCtx, input: z.infer<typeof RateOpinion>) {
  const found = await requireByTrackingCode(ctx.db, input.trackingCode);
  const profile = await loadProfile(ctx.db, found.congress_id);
  const cal = await loadCalendar(ctx.db, found.congress_id);
  const day = today();
  const via = ctx.actor.kind === 'user' && hasRole(ctx.actor, found.congress_id, 'deputy') ? 'deputy' : 'citizen';
  return runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, found.congress_id, found.id);
    const outcome = ratingOutcome(cal, profile.handling, { status: o.status, round: o.round, feedbackDue: o.feedback_due }, input, day);
    const at = nowIso();
    await tx
      .insertInto('opinion_ratings')
      .values({ id: newId(), congress_id: o.congress_id, opinion_id: o.id, round: o.round, satisfied: input.satisfied ? 1 : 0, reason: input.reason ?? null, via, by_user: userIdOf(ctx), rated_at: at })
      .execute();
    await addEvent(tx, o, 'rated', true, { satisfied: input.satisfied, reason: input.reason ?? null }, at);
    switch (outcome.status) {
      case 'closed':
        await moveOpinion(tx, o, { status: 'closed', closed_at: at, closure: 'satisfied', updated_at: at });
        await addEvent(tx, o, 'closed', true, { closure: 'satisfied', closureZh: CLOSURE_ZH.satisfied }, at);
        break;
      case 'rehandling': {
        // The units that answered handle it again and reply within one month; no "not ours" now.
        const answering = (await assignmentsOf(tx, o.id)).filter((a) => a.state === 'replied' && a.role !== 'co');
        for (const a of answering) {
          await tx.updateTable('opinion_assignments').set({ state: 'active', round: o.round + 1, due_date: outcome.dueDate, decline_by: day, replied_on: null }).where('id', '=', a.id).execute();
        }
        await moveOpinion(tx, o, { status: 'rehandling', round: o.round + 1, feedback_due: null, updated_at: at });
        await addEvent(tx, o, 'rehandling', true, { dueDate: outcome.dueDate }, at);
        break;
      }
      case 'evaluation':
        await moveOpinion(tx, o, { status: 'evaluation', feedback_due: null, updated_at: at });
        await addEvent(tx, o, 'evaluation', true, {}, at);
        break;
    }
    rec.audit({ congressId: o.congress_id, action: 'opinion.rated', targetType: 'opinion', targetId: o.id, data: { satisfied: input.satisfied, round: o.round, via, outcome: outcome.status } });
    rec.emit({ topic: 'opinions', congressId: o.congress_id, id: o.id });
    return outcome.status;
  });
}

/** H-22: the office's evaluation after a second unsatisfied rating closes the item. */
export async function concludeEvaluation(ctx: PiiCtx, congressId: string, opinionId: string, input: z.infer<typeof ConcludeEvaluation>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  authorize(ctx.actor, c.id, opinionsPolicy.route(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    requireStatus(o.status, ['evaluation'], '结束评估', RULE.H22);
    const at = nowIso();
    await moveOpinion(tx, o, { status: 'closed', closed_at: at, closure: 'evaluated', updated_at: at });
    await addEvent(tx, o, 'evaluated', true, { conclusion: input.conclusion }, at);
    await addEvent(tx, o, 'closed', true, { closure: 'evaluated', closureZh: CLOSURE_ZH.evaluated }, at);
    rec.audit({ congressId: c.id, action: 'opinion.evaluated', targetType: 'opinion', targetId: o.id });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
}

/** H-15: the chairpersons' council marks key suggestions (recorded by the office or a council member). */
export async function markKeyOpinion(ctx: PiiCtx, congressId: string, opinionId: string, input: z.infer<typeof MarkKey>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  authorize(ctx.actor, c.id, opinionsPolicy.markKey(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const o = await lockOpinion(tx, c.id, found.id);
    const at = nowIso();
    await moveOpinion(tx, o, { is_key: input.isKey ? 1 : 0, updated_at: at });
    await addEvent(tx, o, 'key_marked', true, { isKey: input.isKey }, at);
    rec.audit({ congressId: c.id, action: 'opinion.key_marked', targetType: 'opinion', targetId: o.id, data: { isKey: input.isKey } });
    rec.emit({ topic: 'opinions', congressId: c.id, id: o.id });
  });
}

/** The full contact of the citizen, for those who must call back; every reading is audited. */
export async function readOpinionContact(ctx: PiiCtx, congressId: string, opinionId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const o = await requireOpinion(ctx.db, c.id, opinionId);
  const officeAllowed = opinionsPolicy.readContactAsOffice(ctx.actor, c.id);
  const unitOrStation = !officeAllowed && !opinionsPolicy.readAll(ctx.actor, c.id) && (await inScope(ctx.db, ctx.actor, o));
  authorize(ctx.actor, c.id, officeAllowed || unitOrStation);
  const fc = ctx.fc;
  const contact = {
    name: o.name_enc ? fc.decrypt(o.name_enc, piiContext('name', o.id)) : null,
    phone: o.phone_enc ? fc.decrypt(o.phone_enc, piiContext('phone', o.id)) : null,
    idNumber: o.id_number_enc ? fc.decrypt(o.id_number_enc, piiContext('id_number', o.id)) : null,
  };
  await runCommand(ctx, (_tx, rec) => {
    rec.audit({ congressId: c.id, action: 'opinion.contact_viewed', targetType: 'opinion', targetId: o.id });
    return Promise.resolve();
  });
  return contact;
}

// ------------------------------------------------------------------ the office's tables

export async function setUnitUser(ctx: PiiCtx, congressId: string, unitId: string, userId: string, isHead: boolean) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  await requireHandlingUnits(ctx.db, c.id, [unitId]);
  const grant = await ctx.db.selectFrom('role_grants').select('role').where('user_id', '=', userId).where('congress_id', '=', c.id).where('role', '=', 'handling_unit').executeTakeFirst();
  if (!grant) {
    const known = await ctx.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!known) throw errors.notFound('User', '该用户');
    throw errors.invalid('NOT_A_UNIT_USER', '该用户没有“承办单位”角色', 'The user does not have the handling_unit role in this congress');
  }
  await runCommand(ctx, async (tx, rec) => {
    const at = nowIso();
    const existing = await tx.selectFrom('unit_users').select('is_head').where('unit_id', '=', unitId).where('user_id', '=', userId).executeTakeFirst();
    if (existing) await tx.updateTable('unit_users').set({ is_head: isHead ? 1 : 0 }).where('unit_id', '=', unitId).where('user_id', '=', userId).execute();
    else await tx.insertInto('unit_users').values({ congress_id: c.id, unit_id: unitId, user_id: userId, is_head: isHead ? 1 : 0, created_at: at }).execute();
    rec.audit({ congressId: c.id, action: 'unit_user.set', targetType: 'body', targetId: unitId, data: { userId, isHead } });
  });
}

export async function removeUnitUser(ctx: PiiCtx, congressId: string, unitId: string, userId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const r = await tx.deleteFrom('unit_users').where('congress_id', '=', c.id).where('unit_id', '=', unitId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw errors.notFound('Unit user', '该单位用户');
    rec.audit({ congressId: c.id, action: 'unit_user.removed', targetType: 'body', targetId: unitId, data: { userId } });
  });
}

export async function setRoutingCategory(ctx: PiiCtx, congressId: string, category: string, input: z.infer<typeof SetRoutingCategory>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  planRouting({ mode: 'lead', leadUnitId: input.leadUnitId, coUnitIds: input.coUnitIds });
  await requireHandlingUnits(ctx.db, c.id, [input.leadUnitId, ...input.coUnitIds]);
  return runCommand(ctx, async (tx, rec) => {
    const at = nowIso();
    await tx
      .insertInto('routing_categories')
      .values({ congress_id: c.id, category, lead_unit_id: input.leadUnitId, co_unit_ids: JSON.stringify(input.coUnitIds), updated_at: at })
      .onConflict((oc) => oc.columns(['congress_id', 'category']).doUpdateSet({ lead_unit_id: input.leadUnitId, co_unit_ids: JSON.stringify(input.coUnitIds), updated_at: at }))
      .execute();
    rec.audit({ congressId: c.id, action: 'routing_category.set', targetType: 'routing_category', targetId: category, data: { after: input } });
    return { category, leadUnitId: input.leadUnitId, coUnitIds: input.coUnitIds, updatedAt: at };
  });
}

export async function deleteRoutingCategory(ctx: PiiCtx, congressId: string, category: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const r = await tx.deleteFrom('routing_categories').where('congress_id', '=', c.id).where('category', '=', category).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw errors.notFound('Routing category', '该类别');
    rec.audit({ congressId: c.id, action: 'routing_category.deleted', targetType: 'routing_category', targetId: category });
  });
}

export async function setIntakeSettings(ctx: PiiCtx, congressId: string, input: z.infer<typeof SetIntakeSettings>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  // Fields left out keep the current choice.
  const current = await intakeSettingsOf(ctx.db, c.id, true);
  const after = {
    ...input,
    requirePhoneVerification: input.requirePhoneVerification ?? current.requirePhoneVerification,
    codesPerIpPerHour: input.codesPerIpPerHour ?? current.codesPerIpPerHour,
    codesPerDay: input.codesPerDay ?? current.codesPerDay,
  };
  const saved = await runCommand(ctx, async (tx, rec) => {
    const row = {
      per_ip_per_hour: after.perIpPerHour,
      per_phone_per_day: after.perPhonePerDay,
      retention_years: after.retentionYears,
      require_phone_verification: after.requirePhoneVerification ? 1 : 0,
      codes_per_ip_per_hour: after.codesPerIpPerHour,
      codes_per_day: after.codesPerDay,
      updated_at: nowIso(),
    };
    await tx
      .insertInto('intake_settings')
      .values({ congress_id: c.id, ...row })
      .onConflict((oc) => oc.column('congress_id').doUpdateSet(row))
      .execute();
    rec.audit({ congressId: c.id, action: 'intake_settings.set', targetType: 'congress', targetId: c.id, data: { before: current, after } });
    return after;
  });
  clearIntakeCache(ctx.db, c.id);
  return saved;
}

/** The abuse list: a phone number or an IP address whose online submissions are refused. Stored as keyed hashes. */
export async function blockIntakeSource(ctx: PiiCtx, congressId: string, input: z.infer<typeof CreateIntakeBlock>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  const value = input.kind === 'phone' ? normalizePhone(input.value) : input.value.trim();
  const index = ctx.fc.blindIndex(input.kind, value);
  const masked = input.kind === 'phone' ? maskPhone(value) : value.replace(/\d+$/, '*');
  const block = await runCommand(ctx, async (tx, rec) => {
    const dup = await tx.selectFrom('intake_blocks').select('id').where('congress_id', '=', c.id).where('kind', '=', input.kind).where('value_index', '=', index).executeTakeFirst();
    if (dup) throw errors.conflict('ALREADY_BLOCKED', '该来源已在限制名单中', 'That source is already blocked');
    const row = { id: newId(), congress_id: c.id, kind: input.kind, value_index: index, note: `${masked}${input.note ? ` ${input.note}` : ''}`, until: input.until ?? null, created_at: nowIso(), created_by: userIdOf(ctx) };
    await tx.insertInto('intake_blocks').values(row).execute();
    rec.audit({ congressId: c.id, action: 'intake_block.created', targetType: 'intake_block', targetId: row.id, data: { kind: input.kind, until: row.until } });
    return { id: row.id, kind: row.kind, masked, note: input.note ?? null, until: row.until, createdAt: row.created_at };
  });
  clearIntakeCache(ctx.db, c.id);
  return block;
}

export async function deleteIntakeBlock(ctx: PiiCtx, congressId: string, blockId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const r = await tx.deleteFrom('intake_blocks').where('congress_id', '=', c.id).where('id', '=', blockId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw errors.notFound('Block', '该限制');
    rec.audit({ congressId: c.id, action: 'intake_block.deleted', targetType: 'intake_block', targetId: blockId });
  });
  clearIntakeCache(ctx.db, c.id);
}

export async function acknowledgeAlert(ctx: PiiCtx, congressId: string, alertId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const alert = await ctx.db.selectFrom('opinion_alerts').selectAll().where('congress_id', '=', c.id).where('id', '=', alertId).executeTakeFirst();
  if (!alert) throw errors.notFound('Alert', '该提醒');
  let allowed = opinionsPolicy.manage(ctx.actor, c.id);
  if (!allowed && alert.unit_id && ctx.actor.kind === 'user' && opinionsPolicy.isUnitUser(ctx.actor, c.id)) {
    allowed = (await unitIdsOfUser(ctx.db, c.id, ctx.actor.userId)).has(alert.unit_id);
  }
  authorize(ctx.actor, c.id, allowed);
  await runCommand(ctx, async (tx, rec) => {
    await tx.updateTable('opinion_alerts').set({ acknowledged_at: nowIso(), acknowledged_by: userIdOf(ctx) }).where('id', '=', alert.id).execute();
    rec.audit({ congressId: c.id, action: 'opinion_alert.acknowledged', targetType: 'opinion_alert', targetId: alert.id });
  });
}

/** The deadline job for one congress, run by the office now (for today, or a past day it missed). */
export async function runDeadlinesNow(ctx: PiiCtx, congressId: string, asOf: string | undefined, filesDir?: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  if (asOf && asOf > today()) throw errors.invalid('FUTURE_DATE', '不能按将来的日期督办', 'The job cannot run for a future day');
  return runOpinionDeadlines(ctx, { congressId: c.id, ...(asOf ? { asOf } : {}), ...(filesDir ? { filesDir } : {}) });
}
