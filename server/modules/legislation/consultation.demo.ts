// Demo content: the 鹤壁市卫河保护条例（草案） as printed in the 6th meeting's gazette, put out for public
// comment for 30 days from today, through the module's own commands (parsed, audited). Idempotent:
// when the work already has a draft under consultation nothing is added.
import { readFileSync } from 'node:fs';
import { addDays, localDateOf } from '../../platform/calendar/calendar.rules.ts';
import type { Ctx } from '../../platform/command.ts';
import { WEIHE_TITLE, demoAdminCtx, weiheDraftText } from '../imports/demo-seed.ts';
import { openConsultation } from './consultation.commands.ts';
import { createExpression, createWork } from './legislation.commands.ts';

export async function importDemoConsultation(ctx: Pick<Ctx, 'db' | 'hub'>, congressId: string, seedPath: string): Promise<{ consultationId: string | null }> {
  const c = await demoAdminCtx(ctx);
  if (!c) return { consultationId: null };
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
