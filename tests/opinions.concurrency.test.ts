// Conflicting commands on one citizen's opinion fired at once through HTTP: exactly one succeeds, the
// other is refused with 409 (CONCURRENT_CHANGE or the rule's own conflict), the opinion ends in the
// winner's state and the audit chain holds one entry for the step. The order of firing alternates
// between rounds. On SQLite the app runs one transaction at a time, so each pair is also staged as a
// stale read (interleave.ts): the command reads, the other command runs to completion, and the first
// must be refused; the guarded write itself is tested with a stale row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { classifyOpinion, rateOpinion, replyOpinion, signOffReply } from '../server/modules/opinions/opinions.commands.ts';
import { moveOpinion, requireOpinion } from '../server/modules/opinions/opinions.repo.ts';
import type { PiiCtx } from '../server/platform/crypto/context.ts';
import { type Res, type TestApp, dbKind, startTestApp } from './harness.ts';
import { ctxFor, interleaved } from './interleave.ts';

const ROUNDS = 10;
let t: TestApp;
let admin: string;
let office: string;
const units = new Map<string, string>(); // name → body id
const tok = new Map<string, string>(); // unit user → token
let seq = 0;
const C = () => `/api/v1/congresses/${t.hebiId}`;

async function ok(method: string, url: string, token: string | undefined, body?: unknown) {
  const r = await t.request(method, url, { token, body });
  assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const post = (url: string, token: string | undefined, body: unknown = {}) => () => t.request('POST', url, { token, body });

async function unitUser(username: string, unitName: string, isHead: boolean) {
  const u = await ok('POST', `${C()}/users`, admin, { username, displayName: username, password: 'Passw0rd-unit', roles: ['handling_unit'] });
  const r = await t.request('PUT', `${C()}/units/${units.get(unitName)!}/users/${u.id}`, { token: office, body: { isHead } });
  assert.equal(r.status, 204, JSON.stringify(r.body));
  tok.set(username, await t.login(username, 'Passw0rd-unit'));
}

/** A new opinion (each from its own address, so intake throttling never applies) and, as asked, classified for forwarding and routed to one lead unit. */
async function opinion(upTo: 'received' | 'assigned' | 'replied'): Promise<{ id: string; code: string }> {
  seq++;
  const r = await t.request('POST', '/api/v1/opinions', { ip: `198.51.${100 + Math.floor(seq / 250)}.${seq % 250}`, body: { congressId: t.hebiId, name: '王小明', phone: `139${String(20_000_000 + seq).slice(-8)}`, content: '小区门口路灯损坏三个月无人维修。' } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const code = (r.body.trackingCode as string).replace(/-/g, '');
  const { id } = await t.yishi.handle.db.selectFrom('opinions').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
  if (upTo !== 'received') {
    await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: units.get('市城市管理局') });
  }
  if (upTo === 'replied') await ok('POST', `${C()}/opinions/${id}/replies`, tok.get('cg.head'), { text: '已安排维修。', grade: 'A' });
  return { id, code };
}

const status = async (id: string) => (await requireOpinion(t.yishi.handle.db, t.hebiId, id)).status;
const auditSeq = async () => (await t.yishi.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;
/** The audit actions on an opinion after a point of the chain. */
async function auditsSince(since: number, id: string): Promise<string[]> {
  const rows = await t.yishi.handle.db.selectFrom('audit_log').select('action').where('seq', '>', since).where('target_id', '=', id).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

/** Fires both at once (order alternating by round); exactly one succeeds, the other gets 409 in both languages. Returns the winner. */
async function race(round: number, a: () => Promise<Res>, b: () => Promise<Res>): Promise<0 | 1> {
  const fired = round % 2 === 0 ? await Promise.all([a(), b()]) : (await Promise.all([b(), a()])).reverse();
  const won = fired.filter((r) => r.status >= 200 && r.status < 300);
  assert.equal(won.length, 1, `round ${round}: exactly one succeeds, got ${fired.map((r) => `${r.status} ${JSON.stringify(r.body?.code ?? r.body?.status)}`).join(' / ')}`);
  const lost = fired.find((r) => r.status >= 300)!;
  assert.equal(lost.status, 409, JSON.stringify(lost.body));
  assert.ok(lost.body.message_zh && lost.body.message_en, 'the refusal speaks both languages');
  return fired[0]!.status < 300 ? 0 : 1;
}

/** The stale read, staged: right after `command`'s first read of `table`, `other` runs to completion; `command` must be refused with 409. */
async function afterOther(token: string | null, table: string, command: (ctx: PiiCtx) => Promise<unknown>, other: () => Promise<Res>, codes: string[]): Promise<void> {
  const ctx = await ctxFor(t, token, interleaved(t.yishi.handle.db, table, async () => {
    const r = await other();
    assert.ok(r.status < 300, JSON.stringify(r.body));
  }));
  await assert.rejects(command(ctx), (e: { status?: number; code?: string }) => {
    assert.equal(e.status, 409);
    assert.ok(e.code !== undefined && [...codes, 'CONCURRENT_CHANGE'].includes(e.code), `${String(e.code)} (expected ${codes.join(' or ')})`);
    return true;
  });
}

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
  for (const b of await ok('GET', `${C()}/bodies`, undefined)) if (b.kind === 'handling_unit') units.set(b.name, b.id);
  await unitUser('cg.staff', '市城市管理局', false);
  await unitUser('cg.head', '市城市管理局', true);
  await unitUser('zj.head', '市住房和城乡建设局', true);
});
after(() => t.close());

describe(`opinions: conflicting commands at once (${dbKind})`, () => {
  const answer = { class: 'mass_opinion', disposition: 'answer_on_spot', answer: '已联系街道办，本周内修复。' };
  const explain = { class: 'petition', disposition: 'explain_route', route: 'litigation', answer: '该事项属于民事纠纷，可依法提起诉讼。' };

  test('S-13: two classifications of one opinion at once — one of the two', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const o = await opinion('received');
      const since = await auditSeq();
      const w = await race(i, post(`${C()}/opinions/${o.id}/classify`, office, answer), post(`${C()}/opinions/${o.id}/classify`, office, explain));
      assert.equal(await status(o.id), w === 0 ? 'answered' : 'explained');
      assert.deepEqual(await auditsSince(since, o.id), ['opinion.classified']);
      const events = await t.yishi.handle.db.selectFrom('opinion_events').select('kind').where('opinion_id', '=', o.id).where('kind', '=', 'classified').execute();
      assert.equal(events.length, 1);
    }
  });

  test('H-14 / H-21: the unit’s reply and the office’s reassignment at once — one of the two', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const o = await opinion('assigned');
      const since = await auditSeq();
      const w = await race(
        i,
        post(`${C()}/opinions/${o.id}/replies`, tok.get('cg.head'), { text: '已安排维修。', grade: 'A' }),
        post(`${C()}/opinions/${o.id}/route`, office, { mode: 'lead', leadUnitId: units.get('市住房和城乡建设局') }),
      );
      const as = await t.yishi.handle.db.selectFrom('opinion_assignments').select(['unit_id', 'state']).where('opinion_id', '=', o.id).orderBy('created_at').execute();
      if (w === 0) {
        assert.equal(await status(o.id), 'replied');
        assert.deepEqual(as.map((a) => a.state), ['replied']);
        assert.deepEqual(await auditsSince(since, o.id), ['opinion.replied']);
      } else {
        assert.equal(await status(o.id), 'assigned');
        assert.deepEqual(as.map((a) => a.state), ['withdrawn', 'active']);
        assert.deepEqual(await auditsSince(since, o.id), ['opinion.routed']);
        const replies = await t.yishi.handle.db.selectFrom('opinion_replies').select('id').where('opinion_id', '=', o.id).execute();
        assert.equal(replies.length, 0, 'no reply through a withdrawn assignment');
      }
    }
  });

  test('H-21: the head signs one reply off twice at once — issued once', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const o = await opinion('assigned');
      const draft = await ok('POST', `${C()}/opinions/${o.id}/replies`, tok.get('cg.staff'), { text: '已列入本月维修计划。', grade: 'B' });
      const since = await auditSeq();
      const signOff = post(`${C()}/opinions/${o.id}/replies/${draft.groupId}/sign-off`, tok.get('cg.head'));
      await race(i, signOff, signOff);
      assert.equal(await status(o.id), 'replied');
      assert.deepEqual(await auditsSince(since, o.id), ['opinion.replied']);
      const events = await t.yishi.handle.db.selectFrom('opinion_events').select('kind').where('opinion_id', '=', o.id).where('kind', 'in', ['replied', 'all_replied']).execute();
      assert.equal(events.length, 2, 'one reply and one "all replied" in the history');
    }
  });

  test('H-22: two ratings of one reply at once — one of the two', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const o = await opinion('replied');
      const since = await auditSeq();
      const w = await race(i, post('/api/v1/opinions/rating', undefined, { trackingCode: o.code, satisfied: true }), post('/api/v1/opinions/rating', undefined, { trackingCode: o.code, satisfied: false, reason: '仍未修复' }));
      assert.equal(await status(o.id), w === 0 ? 'closed' : 'rehandling');
      assert.deepEqual(await auditsSince(since, o.id), ['opinion.rated']);
      const ratings = await t.yishi.handle.db.selectFrom('opinion_ratings').select('satisfied').where('opinion_id', '=', o.id).execute();
      assert.deepEqual(ratings.map((r) => r.satisfied), [w === 0 ? 1 : 0]);
    }
  });

  test('a command that read the opinion before another command moved it is refused, whatever the database', async () => {
    // Classified meanwhile.
    const a = await opinion('received');
    await afterOther(office, 'opinions', (ctx) => classifyOpinion(ctx, t.hebiId, a.id, { class: 'petition', disposition: 'explain_route', route: 'litigation', answer: '可依法提起诉讼。' }), post(`${C()}/opinions/${a.id}/classify`, office, answer), ['WRONG_STATUS']);
    assert.equal(await status(a.id), 'answered');

    // Reassigned between the unit's lookup of its assignment and its reply.
    const b = await opinion('assigned');
    await afterOther(tok.get('cg.head')!, 'opinion_assignments', (ctx) => replyOpinion(ctx, t.hebiId, b.id, { text: '已安排维修。', grade: 'A' }), post(`${C()}/opinions/${b.id}/route`, office, { mode: 'lead', leadUnitId: units.get('市住房和城乡建设局') }), ['NOT_ACTIVE']);
    assert.equal(await status(b.id), 'assigned');
    assert.equal((await t.yishi.handle.db.selectFrom('opinion_replies').select('id').where('opinion_id', '=', b.id).execute()).length, 0);

    // Signed off meanwhile.
    const c = await opinion('assigned');
    const draft = await ok('POST', `${C()}/opinions/${c.id}/replies`, tok.get('cg.staff'), { text: '已列入本月维修计划。', grade: 'B' });
    const since = await auditSeq();
    await afterOther(tok.get('cg.head')!, 'opinion_replies', (ctx) => signOffReply(ctx, t.hebiId, c.id, draft.groupId as string), post(`${C()}/opinions/${c.id}/replies/${draft.groupId}/sign-off`, tok.get('cg.head')), ['ALREADY_ISSUED', 'NOT_ACTIVE']);
    assert.deepEqual(await auditsSince(since, c.id), ['opinion.replied']);

    // Rated meanwhile.
    const d = await opinion('replied');
    await afterOther(null, 'opinions', (ctx) => rateOpinion(ctx, { trackingCode: d.code, satisfied: false, reason: '仍未修复' }), post('/api/v1/opinions/rating', undefined, { trackingCode: d.code, satisfied: true }), ['NOT_AWAITING_FEEDBACK']);
    assert.equal(await status(d.id), 'closed');
    assert.equal((await t.yishi.handle.db.selectFrom('opinion_ratings').select('id').where('opinion_id', '=', d.id).execute()).length, 1);
  });

  test('a guarded move refuses a stale row: the opinion moved underneath, nothing is written', async () => {
    const o = await opinion('received');
    const stale = await requireOpinion(t.yishi.handle.db, t.hebiId, o.id);
    await ok('POST', `${C()}/opinions/${o.id}/classify`, office, answer);
    await assert.rejects(
      t.yishi.handle.db.transaction().execute((tx) => moveOpinion(tx, stale, { status: 'to_route', class: 'mass_opinion', disposition: 'forward' })),
      (e: { status?: number; code?: string }) => e.status === 409 && e.code === 'CONCURRENT_CHANGE',
    );
    const now = await requireOpinion(t.yishi.handle.db, t.hebiId, o.id);
    assert.equal(now.status, 'answered');
    assert.equal(now.disposition, 'answer_on_spot');
  });
});
