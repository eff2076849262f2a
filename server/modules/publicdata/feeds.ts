// RSS 2.0 and Atom 1.0 feeds per congress, per body and per saved search, and an iCalendar of
// meetings. Everything here is public: the items come from publicdata.repo.ts and the search index.
import { Feed } from 'feed';
import ical from 'ical-generator';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { search } from '../search/search.queries.ts';
import { publicMeetings, publishedRegulations } from './publicdata.repo.ts';
import { requirePublicCongress } from './publicdata.queries.ts';

export interface FeedItem {
  id: string;
  title: string;
  link: string;
  description: string;
  /** YYYY-MM-DD or ISO instant */
  date: string;
}

export interface FeedScope {
  bodyId?: string | undefined;
  q?: string | undefined;
}

const STATE_ZH: Record<string, string> = { scheduled: '已安排', notified: '已通知', in_session: '正在举行', closed: '已闭会' };

/** The newest public items of a congress: meetings and regulations; a body's meetings; or a saved search's hits. */
export async function feedItems(conn: Conn, congressId: string, scope: FeedScope, limit = 30): Promise<{ title: string; items: FeedItem[]; slug: string; congressName: string }> {
  const c = await requirePublicCongress(conn, congressId);
  if (scope.q !== undefined) {
    const r = await search(conn, { q: scope.q, congressId: c.id, limit: 50, offset: 0 });
    return {
      slug: c.slug,
      congressName: c.name,
      title: `${c.name} · 检索“${scope.q.slice(0, 40)}”`,
      items: r.hits.slice(0, limit).map((h) => ({ id: `search:${h.url}`, title: h.title, link: h.url, description: h.snippet, date: h.publishedOn ?? '1970-01-01' })),
    };
  }
  let title = c.name;
  if (scope.bodyId) {
    const b = await conn.selectFrom('bodies').select(['id', 'name', 'kind']).where('congress_id', '=', c.id).where('id', '=', scope.bodyId).executeTakeFirst();
    if (!b) throw errors.notFound('Body', '该机构');
    title = `${c.name} · ${b.name}`;
  }
  const meetings = await publicMeetings(conn, c.id, { bodyId: scope.bodyId, limit });
  const items: FeedItem[] = meetings.map((m) => ({
    id: `meeting:${m.id}`,
    title: m.title,
    link: `/p/${c.slug}/meetings/${m.id}`,
    description: `${m.date}${m.place ? ` · ${m.place}` : ''} · ${STATE_ZH[m.state] ?? m.state}${m.body_name ? ` · ${m.body_name}` : ''}`,
    date: m.notified_at ?? m.created_at,
  }));
  if (!scope.bodyId) {
    for (const r of await publishedRegulations(conn, c.id)) {
      items.push({ id: `regulation:${r.expressionId}`, title: r.title, link: `/p/${c.slug}/regulations/${r.workId}`, description: `${r.title}（共${String(r.doc.body.length > 0 ? countArticles(r.doc.body) : 0)}条）`, date: r.createdAt });
    }
  }
  items.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  return { slug: c.slug, congressName: c.name, title, items: items.slice(0, limit) };
}

function countArticles(nodes: readonly { kind: string; children?: unknown }[]): number {
  let n = 0;
  for (const x of nodes) n += x.kind === 'article' ? 1 : countArticles((x.children ?? []) as { kind: string }[]);
  return n;
}

const absolute = (base: string, link: string): string => (/^https?:/.test(link) ? link : `${base}${link}`);
const toDate = (s: string): Date => new Date(s.length === 10 ? `${s}T00:00:00+08:00` : s);

export function renderFeed(base: string, selfUrl: string, f: { title: string; items: FeedItem[]; slug: string }, format: 'rss' | 'atom'): string {
  const updated = f.items[0] ? toDate(f.items[0].date) : new Date(0);
  const feed = new Feed({
    title: f.title,
    id: absolute(base, selfUrl),
    link: absolute(base, `/p/${f.slug}`),
    language: 'zh-CN',
    copyright: f.title,
    updated,
    feedLinks: { [format]: absolute(base, selfUrl) },
  });
  for (const i of f.items) feed.addItem({ title: i.title, id: i.id, link: absolute(base, i.link), description: i.description, date: toDate(i.date) });
  return format === 'rss' ? feed.rss2() : feed.atom1();
}

/** The public meetings as an iCalendar (all-day events in Asia/Shanghai dates). */
export async function meetingsCalendar(conn: Conn, congressId: string, base: string): Promise<string> {
  const c = await requirePublicCongress(conn, congressId);
  const cal = ical({ name: `${c.name} 会议`, prodId: { company: 'Yishi', product: 'meetings', language: 'ZH' }, timezone: 'Asia/Shanghai' });
  for (const m of await publicMeetings(conn, c.id)) {
    const start = new Date(`${m.date}T00:00:00Z`);
    const endDay = new Date(`${m.end_date ?? m.date}T00:00:00Z`);
    endDay.setUTCDate(endDay.getUTCDate() + 1);
    cal.createEvent({
      id: `${m.id}@yishi`,
      start,
      end: endDay,
      allDay: true,
      summary: m.title,
      ...(m.place ? { location: m.place } : {}),
      description: `${m.body_name ?? ''} ${STATE_ZH[m.state] ?? m.state}`.trim(),
      url: absolute(base, `/p/${c.slug}/meetings/${m.id}`),
    });
  }
  return cal.toString();
}
