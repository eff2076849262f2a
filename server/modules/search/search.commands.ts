import { authorize } from '../../platform/access.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { searchPolicy } from './search.policy.ts';
import { reindexCongress } from './search.sources.ts';

/** Rebuilds the congress's index from its records (regulations, meetings, documents, opinion summaries). */
export async function reindexSearch(ctx: Ctx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, searchPolicy.reindex(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    const r = await reindexCongress(tx, c.id);
    rec.audit({ congressId: c.id, action: 'search.reindexed', targetType: 'congress', targetId: c.id, data: r });
    return r;
  });
}
