import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newId, nowIso } from '../server/platform/clock.ts';
import { runCommand } from '../server/platform/command.ts';
import { type TestApp, startTestApp, tableCounts } from './harness.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const ctx = () => ({ db: t.yishi.handle.db, hub: t.yishi.hub, actor: { kind: 'public' as const, ip: null } });

test('a command that fails half-way leaves no rows, no audit entry and sends no event', async () => {
  const before = await tableCounts(t);
  const seen: unknown[] = [];
  const off = t.yishi.hub.subscribe((e) => seen.push(e));
  await assert.rejects(
    runCommand(ctx(), async (tx, rec) => {
      await tx.insertInto('people').values({ id: newId(), congress_id: t.hebiId, name: '半途', gender: null, note: null, created_at: nowIso() }).execute();
      rec.audit({ congressId: t.hebiId, action: 'person.created' });
      rec.emit({ topic: 'person', congressId: t.hebiId });
      throw new Error('boom');
    }),
    /boom/,
  );
  off();
  assert.deepEqual(await tableCounts(t), before);
  assert.deepEqual(seen, []);
});

test('a command without an audit entry is refused and rolled back', async () => {
  const before = await tableCounts(t);
  await assert.rejects(
    runCommand(ctx(), async (tx) => {
      await tx.insertInto('people').values({ id: newId(), congress_id: t.hebiId, name: '无审计', gender: null, note: null, created_at: nowIso() }).execute();
    }),
    /audit/,
  );
  assert.deepEqual(await tableCounts(t), before);
});

test('change events are published after commit, once', async () => {
  const seen: unknown[] = [];
  const off = t.yishi.hub.subscribe((e) => seen.push({ topic: e.topic, congressId: e.congressId, id: e.id }));
  await runCommand(ctx(), async (_tx, rec) => {
    rec.audit({ congressId: t.hebiId, action: 'test.event' });
    rec.emit({ topic: 'test', congressId: t.hebiId, id: 'x' });
  });
  off();
  assert.deepEqual(seen, [{ topic: 'test', congressId: t.hebiId, id: 'x' }]);
});

test('tenancy: every tenant table carries congress_id', async () => {
  const tenantTables = ['terms', 'bodies', 'people', 'memberships', 'rules_profiles', 'meetings', 'agenda_items', 'attendance'];
  for (const table of tenantTables) {
    const meta = (await t.yishi.handle.db.introspection.getTables()).find((x) => x.name === table);
    assert.ok(meta, table);
    assert.ok(meta.columns.some((c) => c.name === 'congress_id'), `${table} has congress_id`);
  }
});
