import type { z } from 'zod';
import type { AnswerInterpellation, CreateInterpellation, CreateRectificationItems, RouteInterpellation, UpdateRectificationItem } from '../../../contracts/oversight.ts';
import { authorize } from '../../platform/access.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged } from '../../platform/guard.ts';
import type { InterpellationTable, RectificationItemTable } from '../../platform/schema.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { bodyMembers, findMeeting } from '../meetings/meetings.repo.ts';
import { requireHandlingUnits, unitIdsOfUser } from '../opinions/opinions.repo.ts';
import { oversightPolicy } from './oversight.policy.ts';
import { type InterpellationState, checkAnswer, checkInterpellation, checkRoute, nextInterpellationState } from './oversight.rules.ts';

const today = (): string => localDateOf(nowIso());
export const interpellationNotFound = () => errors.notFound('Interpellation', '该质询案');

export async function createInterpellation(ctx: Ctx, input: z.infer<typeof CreateInterpellation>): Promise<string> {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const m = await findMeeting(ctx.db, input.meetingId);
  if (!m) throw errors.notFound('Meeting', '该会议');
  authorize(ctx.actor, m.congress_id, oversightPolicy.register(ctx.actor, m.congress_id), () => errors.notFound('Meeting', '该会议'));
  const profile = await loadProfile(ctx.db, m.congress_id);
  const target = checkInterpellation({ meetingState: m.state, target: input.target, targetName: input.targetName, question: input.question, content: input.content, signers: input.signers }, profile);
  return runCommand(ctx, async (tx, rec) => {
    const members = new Set((await bodyMembers(tx, m)).map((x) => x.id));
    const outsiders = input.signers.filter((p) => !members.has(p));
    if (outsiders.length > 0) {
      throw errors.invalid('SIGNER_NOT_MEMBER', '联名人须为常委会组成人员（议事规则第三十八条）', 'Every signer must be a member of the Standing Committee (art. 38)', 'R-O6', { personIds: outsiders });
    }
    const row: InterpellationTable = {
      id: newId(),
      congress_id: m.congress_id,
      meeting_id: m.id,
      target,
      target_name: input.targetName ?? null,
      question: input.question ?? '',
      content: input.content ?? '',
      state: 'submitted',
      route: null,
      committee: null,
      answer_mode: null,
      answer_text: null,
      answer_signed_by: null,
      answered_on: null,
      created_at: nowIso(),
      unit_id: null,
    };
    await tx.insertInto('interpellations').values(row).execute();
    await tx
      .insertInto('interpellation_signers')
      .values(input.signers.map((p, i) => ({ interpellation_id: row.id, congress_id: m.congress_id, person_id: p, position: i + 1 })))
      .execute();
    rec.audit({ congressId: m.congress_id, action: 'interpellation.created', targetType: 'interpellation', targetId: row.id, data: { meetingId: m.id, target, signers: input.signers.length } });
    rec.emit({ topic: 'interpellation', congressId: m.congress_id, id: row.id });
    return row.id;
  });
}

async function interpellationFor(ctx: Ctx, id: string, allowed: (a: Ctx['actor'], c: string) => boolean): Promise<InterpellationTable> {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const row = await ctx.db.selectFrom('interpellations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw interpellationNotFound();
  authorize(ctx.actor, row.congress_id, allowed(ctx.actor, row.congress_id), interpellationNotFound);
  return row;
}

export { interpellationFor };

/** The interpellation inside the command's transaction: what the command decides on. */
async function interpellationInTx(tx: Tx, row: Pick<InterpellationTable, 'id' | 'congress_id'>): Promise<InterpellationTable> {
  const now = await tx.selectFrom('interpellations').selectAll().where('congress_id', '=', row.congress_id).where('id', '=', row.id).executeTakeFirst();
  if (!now) throw interpellationNotFound();
  return now;
}

/** Moves an interpellation on from the state it was read in; CONCURRENT_CHANGE when another command moved it first. */
async function moveInterpellation(tx: Tx, row: Pick<InterpellationTable, 'id' | 'congress_id' | 'state'>, patch: Partial<InterpellationTable>): Promise<void> {
  expectChanged(await tx.updateTable('interpellations').set(patch).where('congress_id', '=', row.congress_id).where('id', '=', row.id).where('state', '=', row.state).executeTakeFirst());
}

export async function routeInterpellation(ctx: Ctx, id: string, input: z.infer<typeof RouteInterpellation>): Promise<void> {
  const found = await interpellationFor(ctx, id, oversightPolicy.route);
  checkRoute(input.route, input.committee);
  await runCommand(ctx, async (tx, rec) => {
    const row = await interpellationInTx(tx, found);
    const state = nextInterpellationState(row.state as InterpellationState, 'route');
    if (input.unitId) await requireHandlingUnits(tx, row.congress_id, [input.unitId]);
    await moveInterpellation(tx, row, { state, route: input.route, committee: input.route === 'committee' ? (input.committee ?? null) : null, unit_id: input.unitId ?? null });
    rec.audit({ congressId: row.congress_id, action: 'interpellation.routed', targetType: 'interpellation', targetId: row.id, data: input });
    rec.emit({ topic: 'interpellation', congressId: row.congress_id, id: row.id });
  });
}

export async function answerInterpellation(ctx: Ctx, id: string, input: z.infer<typeof AnswerInterpellation>): Promise<void> {
  const found = await interpellationFor(ctx, id, (a, c) => oversightPolicy.register(a, c) || oversightPolicy.answerLetter(a, c));
  // A handling unit answers only the interpellations routed to it; others are not disclosed.
  if (!oversightPolicy.register(ctx.actor, found.congress_id) && ctx.actor.kind === 'user') {
    const mine = await unitIdsOfUser(ctx.db, found.congress_id, ctx.actor.userId);
    if (!found.unit_id || !mine.has(found.unit_id)) throw interpellationNotFound();
  }
  checkAnswer(input);
  await runCommand(ctx, async (tx, rec) => {
    const row = await interpellationInTx(tx, found);
    const state = nextInterpellationState(row.state as InterpellationState, 'answer');
    await moveInterpellation(tx, row, { state, answer_mode: input.mode, answer_text: input.text ?? '', answer_signed_by: input.signedBy ?? null, answered_on: input.date ?? today() });
    rec.audit({ congressId: row.congress_id, action: 'interpellation.answered', targetType: 'interpellation', targetId: row.id, data: { mode: input.mode, signedBy: input.signedBy ?? null } });
    rec.emit({ topic: 'interpellation', congressId: row.congress_id, id: row.id });
  });
}

// ---- rectification (R-O8) ------------------------------------------------------------------------

export async function createRectificationItems(ctx: Ctx, congressId: string, input: z.infer<typeof CreateRectificationItems>): Promise<number> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    const at = nowIso();
    const rows: RectificationItemTable[] = input.items.map((i) => {
      const status = i.status ?? 'open';
      return {
        id: newId(),
        congress_id: c.id,
        report_id: input.reportId ?? null,
        title: i.title,
        unit: i.unit ?? null,
        due_date: i.dueDate,
        status,
        rectified_on: status === 'rectified' ? (i.rectifiedOn ?? today()) : null,
        created_at: at,
        updated_at: at,
      };
    });
    for (let k = 0; k < rows.length; k += 200) await tx.insertInto('rectification_items').values(rows.slice(k, k + 200)).execute();
    rec.audit({ congressId: c.id, action: 'rectification.items_created', targetType: 'congress', targetId: c.id, data: { reportId: input.reportId ?? null, count: rows.length } });
    rec.emit({ topic: 'rectification', congressId: c.id, id: c.id });
    return rows.length;
  });
}

export async function updateRectificationItem(ctx: Ctx, congressId: string, itemId: string, input: z.infer<typeof UpdateRectificationItem>): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const item = await tx.selectFrom('rectification_items').selectAll().where('congress_id', '=', c.id).where('id', '=', itemId).executeTakeFirst();
    if (!item) throw errors.notFound('Rectification item', '该整改事项');
    const rectifiedOn = input.status === 'rectified' ? (input.rectifiedOn ?? today()) : null;
    // Guarded on the status read, so the audit's "before" is what this change replaced.
    expectChanged(await tx.updateTable('rectification_items').set({ status: input.status, rectified_on: rectifiedOn, updated_at: nowIso() }).where('id', '=', item.id).where('status', '=', item.status).executeTakeFirst());
    rec.audit({ congressId: c.id, action: 'rectification.item_updated', targetType: 'rectification_item', targetId: item.id, data: { before: item.status, after: input.status } });
    rec.emit({ topic: 'rectification', congressId: c.id, id: item.id });
  });
}
