// Demo content: the 鹤壁市卫河保护条例（草案） as printed in the 6th meeting's gazette, put out for public
// comment for 30 days from today, through the module's own commands (parsed, audited). Idempotent:
// when the work already has a draft under consultation nothing is added.
import { readFileSync } from 'node:fs';
import type { UserActor } from '../../platform/access.ts';
import { addDays, localDateOf } from '../../platform/calendar/calendar.rules.ts';
import type { Ctx } from '../../platform/command.ts';
import { openConsultation } from './consultation.commands.ts';
import { createExpression, createWork } from './legislation.commands.ts';

export const WEIHE_TITLE = '鹤壁市卫河保护条例';

/** The draft as printed: from its title (with the (草案) line) to the line before the committee's review report. */
export function weiheDraftText(seed: string): string {
  const lines = seed.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === WEIHE_TITLE);
  const end = lines.findIndex((l, i) => i > start && l.includes('审议意见的报告'));
  return start < 0 || end < 0 ? '' : lines.slice(start, end).join('\n').trim();
}

export async function importDemoConsultation(ctx: Pick<Ctx, 'db' | 'hub'>, congressId: string, seedPath: string): Promise<{ consultationId: string | null }> {
  const admin = await ctx.db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', 'admin').executeTakeFirst();
  if (!admin) return { consultationId: null };
  const actor: UserActor = {
    kind: 'user',
    userId: admin.id,
    username: admin.username,
    displayName: admin.display_name,
    personId: null,
    isSuperadmin: true,
    roles: new Map(),
    sessionId: 'demo-import',
    sessionKind: 'bearer',
    totpEnrollmentOnly: false,
    ip: null,
  };
  const c: Ctx = { db: ctx.db, hub: ctx.hub, actor };
  const text = weiheDraftText(readFileSync(seedPath, 'utf8'));
  if (!text) return { consultationId: null };
  const existing = await ctx.db.selectFrom('legislation_works').select('id').where('congress_id', '=', congressId).where('title', '=', WEIHE_TITLE).executeTakeFirst();
  const workId = existing?.id ?? (await createWork(c, congressId, { title: WEIHE_TITLE, kind: 'regulation', note: '市人民政府提请审议' })).id;
  const already = await ctx.db
    .selectFrom('legislation_consultations')
    .select('id')
    .where('congress_id', '=', congressId)
    .where('work_id', '=', workId)
    .executeTakeFirst();
  if (already) return { consultationId: already.id };
  const draft = await createExpression(c, congressId, workId, { stage: 'draft', format: 'text', text, fileName: 'gazette-12-6.txt' });
  const today = localDateOf(new Date());
  const k = await openConsultation(c, congressId, draft.id, {
    opensOn: today,
    closesOn: addDays(today, 30),
    note: '为增强立法的公开性和透明度，现将《鹤壁市卫河保护条例（草案）》全文公布，欢迎社会各界对具体条款提出意见和建议。',
  });
  return { consultationId: k.id };
}
