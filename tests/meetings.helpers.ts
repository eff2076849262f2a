// Shared by the meetings API tests: logins, dates, and a fresh meeting in a chosen state.
import assert from 'node:assert/strict';
import type { Res, TestApp } from './harness.ts';

export const localToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
export const shiftDays = (d: string, n: number): string => {
  const dt = new Date(`${d}T00:00:00Z`);
  dt.setUTCDate(dt.getUTCDate() + n);
  return dt.toISOString().slice(0, 10);
};

/** Demo accounts: m01 史全新 (主任), m02 尚欣, m03 王海涛 … m06 郑辉 (副主任), m07 方在敏 (秘书长), m08… 委员. */
export class Actors {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly t: TestApp) {}
  async token(username: string, password?: string): Promise<string> {
    let tok = this.tokens.get(username);
    if (!tok) {
      tok = await this.t.login(username, password);
      this.tokens.set(username, tok);
    }
    return tok;
  }
}

export function expectOk(r: Res, status = 200): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
}

/** A 4xx with both languages and, when given, the rule cited. */
export function expectRefusal(r: Res, status: number, rule?: string, code?: string): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.ok(typeof r.body?.message_zh === 'string' && r.body.message_zh.length > 0, 'a Chinese message');
  assert.ok(typeof r.body?.message_en === 'string' && r.body.message_en.length > 0, 'an English message');
  if (rule) assert.ok(typeof r.body.rule === 'string' && r.body.rule.startsWith(rule), `rule ${rule} expected, got ${String(r.body.rule)}`);
  if (code) assert.equal(r.body.code, code);
}

export interface MemberRef {
  id: string;
  name: string;
  role: string;
  rank: number;
}

export async function members(t: TestApp): Promise<MemberRef[]> {
  const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/members`);
  expectOk(r);
  return r.body as MemberRef[];
}

export const username = (rank: number): string => `m${String(rank).padStart(2, '0')}`;

/** Creates a regular (or given) meeting and walks it to `state` through the API. */
export async function meetingIn(
  t: TestApp,
  office: string,
  state: 'draft' | 'scheduled' | 'notified',
  opts: { kind?: string; date?: string; councilDate?: string; videoAllowed?: boolean; observerSeats?: number; items?: number } = {},
): Promise<{ id: string; items: string[] }> {
  const date = opts.date ?? localToday();
  const c = await t.request('POST', '/api/v1/meetings', {
    token: office,
    body: { congressId: t.hebiId, kind: opts.kind ?? 'regular', date, ...(opts.observerSeats !== undefined ? { observerSeats: opts.observerSeats } : {}) },
  });
  expectOk(c, 201);
  const id = c.body.id as string;
  const items: string[] = [];
  for (let i = 0; i < (opts.items ?? 2); i++) {
    const r = await t.request('POST', `/api/v1/meetings/${id}/agenda-items`, { token: office, body: { kind: i === 0 ? 'report' : 'bill', title: `议题${i + 1}` } });
    expectOk(r, 201);
    items.push(r.body.id);
  }
  if (state === 'draft') return { id, items };
  const s = await t.request('POST', `/api/v1/meetings/${id}/schedule`, {
    token: office,
    body: { councilDate: opts.councilDate ?? date, ...(opts.videoAllowed !== undefined ? { videoAllowed: opts.videoAllowed } : {}) },
  });
  expectOk(s);
  if (state === 'scheduled') return { id, items };
  expectOk(await t.request('POST', `/api/v1/meetings/${id}/notify`, { token: office }));
  return { id, items };
}

/** Signs in the first n members (by roster order) as staff would. */
export async function signIn(t: TestApp, office: string, meetingId: string, people: readonly MemberRef[]): Promise<void> {
  for (const p of people) expectOk(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { personId: p.id, status: 'present' } }));
}
