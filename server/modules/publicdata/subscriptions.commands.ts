// Email subscriptions to a feed, with double opt-in: subscribing stores a pending row and mails a
// confirmation link; only a confirmed subscription receives alerts, and every alert carries an
// unsubscribe link. Tokens are random; only their SHA-256 is stored. The answer to a subscription
// request is the same whether or not the address was already subscribed. Addresses are stored
// field-encrypted with the congress's cipher; a blind index finds an existing subscription.
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Subscribe } from '../../../contracts/publicdata.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { runCommand } from '../../platform/command.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { expectChanged } from '../../platform/guard.ts';
import { loadProfile } from '../congress/congress.repo.ts';
import { feedItems } from './feeds.ts';
import { sendMail } from './mail.ts';
import { requirePublicCongress } from './publicdata.queries.ts';

const hash = (t: string): string => createHash('sha256').update(t).digest('hex');
const token = (): string => randomBytes(24).toString('base64url');
export const publicBase = (): string => process.env.YISHI_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;

function describe(kind: string, target: string | null): string {
  if (kind === 'search') return `检索“${target ?? ''}”的新结果`;
  if (kind === 'body') return `${target ?? ''}的会议`;
  return '会议和法规';
}

export const emailContext = (subscriptionId: string): string => `feed_subscriptions.email:${subscriptionId}`;
const emailIndex = (ctx: PiiCtx, email: string): string => ctx.fc.blindIndex('email', email);
const cipherOf = async (ctx: PiiCtx, congressId: string) => ctx.fc.withCipher((await loadProfile(ctx.db, congressId)).privacy.fieldCipher);

export async function subscribe(ctx: PiiCtx, congressId: string, input: z.infer<typeof Subscribe>): Promise<{ state: 'pending' }> {
  const c = await requirePublicCongress(ctx.db, congressId);
  let bodyName: string | null = null;
  if (input.kind === 'body') {
    if (!input.bodyId) throw errors.invalid('BODY_REQUIRED', '请选择要订阅的机构', 'Name the body to subscribe to (bodyId)');
    const b = await ctx.db.selectFrom('bodies').select('name').where('congress_id', '=', c.id).where('id', '=', input.bodyId).executeTakeFirst();
    if (!b) throw errors.notFound('Body', '该机构');
    bodyName = b.name;
  }
  if (input.kind === 'search' && !input.q?.trim()) throw errors.invalid('QUERY_REQUIRED', '请输入要订阅的检索词', 'Give the search words to subscribe to (q)');
  const email = input.email.trim().toLowerCase();
  const index = emailIndex(ctx, email);
  const enc = await cipherOf(ctx, c.id);
  const confirm = token();
  const unsub = token();
  await runCommand(ctx, async (tx, rec) => {
    const open = await tx
      .selectFrom('feed_subscriptions')
      .select(['id', 'state'])
      .where('congress_id', '=', c.id)
      .where('email_index', '=', index)
      .where('kind', '=', input.kind)
      .where('state', '!=', 'ended')
      .where((eb) => (input.kind === 'body' ? eb('body_id', '=', input.bodyId ?? '') : input.kind === 'search' ? eb('query', '=', input.q?.trim() ?? '') : eb.lit(true)))
      .executeTakeFirst();
    if (open?.state === 'active') {
      rec.audit({ congressId: c.id, action: 'feeds.subscription.repeated', targetType: 'feed_subscription', targetId: open.id, data: { kind: input.kind } });
      return;
    }
    const id = open?.id ?? newId();
    if (open) await tx.updateTable('feed_subscriptions').set({ confirm_hash: hash(confirm), unsubscribe_hash: hash(unsub), created_at: nowIso() }).where('id', '=', id).execute();
    else {
      await tx
        .insertInto('feed_subscriptions')
        .values({
          id,
          congress_id: c.id,
          email_enc: enc.encrypt(email, emailContext(id)),
          email_index: index,
          kind: input.kind,
          body_id: input.kind === 'body' ? (input.bodyId ?? null) : null,
          query: input.kind === 'search' ? (input.q?.trim() ?? null) : null,
          confirm_hash: hash(confirm),
          unsubscribe_hash: hash(unsub),
          state: 'pending',
          created_at: nowIso(),
          confirmed_at: null,
          ended_at: null,
          last_sent_at: null,
        })
        .execute();
    }
    const base = publicBase();
    await sendMail(tx, enc, {
      congressId: c.id,
      to: email,
      subject: `请确认订阅：${c.name}${describe(input.kind, bodyName ?? input.q ?? null)}`,
      text: [
        `您（或他人使用您的邮箱）申请订阅${c.name}${describe(input.kind, bodyName ?? input.q ?? null)}。`,
        `确认订阅请打开：${base}/api/v1/subscriptions/confirm?token=${confirm}`,
        `如非本人操作，请忽略本邮件；退订：${base}/api/v1/subscriptions/unsubscribe?token=${unsub}`,
      ].join('\n'),
    });
    rec.audit({ congressId: c.id, action: 'feeds.subscription.requested', targetType: 'feed_subscription', targetId: id, data: { kind: input.kind } });
  });
  return { state: 'pending' };
}

const badToken = () => new DomainError(404, 'TOKEN_UNKNOWN', '链接无效或已过期', 'The link is not valid or has expired');

export async function confirmSubscription(ctx: PiiCtx, tok: string): Promise<{ state: 'active' }> {
  const found = await ctx.db.selectFrom('feed_subscriptions').select(['id', 'congress_id', 'state']).where('confirm_hash', '=', hash(tok)).executeTakeFirst();
  if (!found || found.state === 'ended') throw badToken();
  if (found.state === 'active') return { state: 'active' };
  await runCommand(ctx, async (tx, rec) => {
    // Decided on the row as the transaction sees it: one ended meanwhile is not made active again.
    const row = await tx.selectFrom('feed_subscriptions').select(['id', 'state']).where('id', '=', found.id).executeTakeFirstOrThrow();
    if (row.state === 'ended') throw badToken();
    if (row.state === 'active') {
      rec.audit({ congressId: found.congress_id, action: 'feeds.subscription.repeated', targetType: 'feed_subscription', targetId: row.id, data: { confirm: true } });
      return;
    }
    const at = nowIso();
    expectChanged(await tx.updateTable('feed_subscriptions').set({ state: 'active', confirmed_at: at, last_sent_at: at }).where('id', '=', row.id).where('state', '=', row.state).executeTakeFirst());
    rec.audit({ congressId: found.congress_id, action: 'feeds.subscription.confirmed', targetType: 'feed_subscription', targetId: row.id, data: {} });
  });
  return { state: 'active' };
}

export async function unsubscribe(ctx: PiiCtx, tok: string): Promise<{ state: 'ended' }> {
  const found = await ctx.db.selectFrom('feed_subscriptions').select(['id', 'congress_id', 'state']).where('unsubscribe_hash', '=', hash(tok)).executeTakeFirst();
  if (!found) throw badToken();
  if (found.state === 'ended') return { state: 'ended' };
  await runCommand(ctx, async (tx, rec) => {
    // Ended once: a second click at the same moment finds nothing left to end and changes nothing.
    const r = await tx.updateTable('feed_subscriptions').set({ state: 'ended', ended_at: nowIso() }).where('id', '=', found.id).where('state', '!=', 'ended').executeTakeFirst();
    rec.audit({ congressId: found.congress_id, action: Number(r.numUpdatedRows) > 0 ? 'feeds.subscription.ended' : 'feeds.subscription.repeated', targetType: 'feed_subscription', targetId: found.id, data: {} });
  });
  return { state: 'ended' };
}

/**
 * The alert job: each active subscription gets one mail listing the feed items newer than its
 * last mail, with a fresh unsubscribe link. Returns how many mails were sent.
 */
export async function runFeedAlerts(ctx: PiiCtx): Promise<number> {
  const subs = await ctx.db.selectFrom('feed_subscriptions').selectAll().where('state', '=', 'active').execute();
  let sent = 0;
  for (const s of subs) {
    const since = s.last_sent_at ?? s.confirmed_at ?? s.created_at;
    const f = await feedItems(ctx.db, s.congress_id, s.kind === 'search' ? { q: s.query ?? '' } : { bodyId: s.body_id ?? undefined });
    // A search feed's items carry their publication date; alerts name what appeared since the last mail.
    const fresh = f.items.filter((i) => (i.date.length === 10 ? `${i.date}T23:59:59.999Z` : i.date) > since);
    if (fresh.length === 0) continue;
    const unsub = token();
    const base = publicBase();
    const enc = await cipherOf(ctx, s.congress_id);
    const to = ctx.fc.decrypt(s.email_enc, emailContext(s.id));
    await runCommand(ctx, async (tx, rec) => {
      await tx.updateTable('feed_subscriptions').set({ last_sent_at: nowIso(), unsubscribe_hash: hash(unsub) }).where('id', '=', s.id).execute();
      await sendMail(tx, enc, {
        congressId: s.congress_id,
        to,
        subject: `${f.title}：${String(fresh.length)}条新内容`,
        text: [...fresh.map((i) => `· ${i.title}\n  ${base}${i.link}`), '', `退订：${base}/api/v1/subscriptions/unsubscribe?token=${unsub}`].join('\n'),
      });
      rec.audit({ congressId: s.congress_id, action: 'feeds.alert.sent', targetType: 'feed_subscription', targetId: s.id, data: { items: fresh.length } });
    });
    sent++;
  }
  return sent;
}
