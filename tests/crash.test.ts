// A real server process killed with SIGKILL in the middle of a vote restarts with every
// acknowledged ballot: the voted count and the totals at close are exactly what was acknowledged
// (ballots whose answer was lost in the crash are resolved by sending them again: a second send
// is refused as "already voted" exactly when the first one was committed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDb } from '../server/platform/db.ts';
import { DEMO_PASSWORD } from './harness.ts';
import { type Member, freshPgDatabase, http, meetingViaApi, startServer, tokenFor } from './polls.helpers.ts';

const CHOICES = ['yes', 'no', 'abstain'] as const;

void test('SIGKILL during voting: after a restart every acknowledged ballot is counted, and only those', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-crash-'));
  const pgTarget = process.env.DATABASE_URL ? await freshPgDatabase(process.env.DATABASE_URL) : null;
  const env: Record<string, string> = { YISHI_DEMO_PASSWORD: DEMO_PASSWORD, YISHI_SQLITE_PATH: join(dir, 'yishi.sqlite'), DATABASE_URL: pgTarget?.url ?? '' };
  let server = await startServer(env);
  const handle = openDb({ databaseUrl: pgTarget?.url, sqlitePath: env.YISHI_SQLITE_PATH });
  try {
    const db = handle.db;
    const hebi = (await db.selectFrom('congresses').select('id').where('slug', '=', 'hebi').executeTakeFirstOrThrow()).id;
    const office = (await http(server.url, 'POST', '/api/v1/auth/login', { body: { username: 'office', password: DEMO_PASSWORD } })).body.token as string;
    const mtg = await meetingViaApi((method, url, token, body) => http(server.url, method, url, { token, body }), db, office, hebi);
    const admin = await tokenFor(db, 'admin');
    const voters = mtg.present;
    const token = new Map<string, string>();
    for (const v of voters) token.set(v.personId, await tokenFor(db, v.username!));
    const choiceOf = new Map(voters.map((v, i) => [v.personId, CHOICES[i % 3]!]));

    const p = await http(server.url, 'POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, subject: '断电重启后的表决', kind: 'secret' } });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    const pollId = p.body.id as string;
    assert.equal((await http(server.url, 'POST', `/api/v1/polls/${pollId}/open`, { token: office })).status, 200);

    // Six clients vote in parallel; the process is killed once ten ballots are acknowledged.
    const acked = new Set<string>();
    const lost = new Set<string>(); // sent, no answer: committed or not, nobody knows yet
    const queue = [...voters];
    let killed = false;
    const worker = async () => {
      for (let v = queue.shift(); v; v = queue.shift()) {
        if (killed) {
          queue.unshift(v);
          return;
        }
        try {
          const r = await http(server.url, 'POST', `/api/v1/polls/${pollId}/ballots`, { token: token.get(v.personId)!, body: { choice: choiceOf.get(v.personId) } });
          assert.equal(r.status, 201, JSON.stringify(r.body));
          acked.add(v.personId);
          if (acked.size >= 10 && !killed) {
            killed = true;
            server.proc.kill('SIGKILL');
          }
        } catch (e) {
          if (e instanceof assert.AssertionError) throw e;
          lost.add(v.personId);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    assert.equal(await server.exited, null, 'killed by a signal');
    assert.ok(acked.size >= 10);
    const unsent = voters.filter((v) => !acked.has(v.personId) && !lost.has(v.personId));
    assert.ok(unsent.length > 0, 'the kill fell in the middle of the vote');

    server = await startServer(env);
    const afterCrash = (await http(server.url, 'GET', `/api/v1/polls/${pollId}`, { token: office })).body;
    assert.equal(afterCrash.status, 'open');
    const who = new Set(((await http(server.url, 'GET', `/api/v1/polls/${pollId}/voters`, { token: office })).body as { personId: string }[]).map((x) => x.personId));
    for (const id of acked) assert.ok(who.has(id), 'every acknowledged ballot survived');
    for (const id of who) assert.ok(acked.has(id) || lost.has(id), 'nothing was counted that was not sent');

    // Send the lost and unsent ballots again: a lost one that had been committed is refused.
    let committedLost = 0;
    for (const v of [...voters.filter((x) => lost.has(x.personId)), ...unsent] as Member[]) {
      const r = await http(server.url, 'POST', `/api/v1/polls/${pollId}/ballots`, { token: token.get(v.personId)!, body: { choice: choiceOf.get(v.personId) } });
      if (lost.has(v.personId) && r.status === 409) {
        assert.equal(r.body.code, 'ALREADY_VOTED');
        assert.ok(who.has(v.personId));
        committedLost++;
      } else {
        assert.equal(r.status, 201, `${v.name}: ${JSON.stringify(r.body)}`);
        assert.equal(who.has(v.personId), false);
      }
    }
    assert.equal(afterCrash.votedCount, acked.size + committedLost, 'the voted count after the restart is what was acknowledged before it');

    t.diagnostic(`acknowledged before the kill: ${acked.size}; lost in flight: ${lost.size} (committed: ${committedLost}); not yet sent: ${unsent.length}`);
    const closed = await http(server.url, 'POST', `/api/v1/polls/${pollId}/close`, { token: office });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const expected = { yes: 0, no: 0, abstain: 0 };
    for (const c of choiceOf.values()) expected[c]++;
    assert.deepEqual({ yes: closed.body.yes, no: closed.body.no, abstain: closed.body.abstain, votedCount: closed.body.votedCount }, { ...expected, votedCount: voters.length });
    const chain = await http(server.url, 'GET', '/api/v1/audit/verify', { token: admin });
    assert.equal(chain.body.ok, true, 'the audit chain is whole after the crash');
  } finally {
    server.proc.kill('SIGKILL');
    await server.exited;
    await handle.close();
    await pgTarget?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
