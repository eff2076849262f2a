// What the demo imports share: the account they act as, and texts cut from the gazette seed.
import type { UserActor } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';

/**
 * Demo content goes in through the modules' own commands (validated, audited) as the installation's
 * `admin` account; null when there is none (nothing is imported then).
 */
export async function demoAdminCtx(ctx: Pick<Ctx, 'db' | 'hub'>): Promise<Ctx | null> {
  const admin = await ctx.db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', 'admin').executeTakeFirst();
  if (!admin) return null;
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
  return { db: ctx.db, hub: ctx.hub, actor };
}

export const WEIHE_TITLE = '鹤壁市卫河保护条例';

/** The draft as printed in the seed: from its title (with the (草案) line) to the line before the committee's review report. */
export function weiheDraftText(seed: string): string {
  const lines = seed.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === WEIHE_TITLE);
  const end = lines.findIndex((l, i) => i > start && l.includes('审议意见的报告'));
  return start < 0 || end < 0 ? '' : lines.slice(start, end).join('\n').trim();
}

/** The same text as the regulation in force: without the (草案) line. */
export const weiheText = (seed: string): string =>
  weiheDraftText(seed)
    .split('\n')
    .filter((l) => !/^\s*[(（]\s*草案\s*[)）]\s*$/.test(l))
    .join('\n');
