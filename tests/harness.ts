// Starts a real Yishi app for API tests: SQLite in a temporary file, or, when DATABASE_URL is set,
// PostgreSQL in a schema of its own that is dropped afterwards. Requests go through Fastify's inject.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Yishi, createYishi } from '../server/bootstrap.ts';
import { SYSTEM_ACTOR, importFixture, readFixture } from '../server/modules/imports/import-fixture.ts';
import { generateAuditKey } from '../server/platform/audit-anchor.ts';
import { type Config, loadConfig } from '../server/platform/config.ts';
import { generateFieldKey } from '../server/platform/crypto/field-crypto.ts';
import type { ChangeEvent } from '../server/platform/hub.ts';

export const DEMO_PASSWORD = 'demo-pass-2026';
export const dbKind = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

export interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  headers: Record<string, string | string[] | undefined>;
}

export interface TestApp {
  yishi: Yishi;
  config: Config;
  hebiId: string;
  henanId: string;
  /** Every change event published since the app started, in order (what live clients are told). */
  events: ChangeEvent[];
  request(method: string, url: string, opts?: { token?: string | undefined; body?: unknown; rawBody?: string; headers?: Record<string, string>; ip?: string }): Promise<Res>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(opts: { demo?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-test-'));
  const config: Config = { ...loadConfig({ ...process.env, ...opts.env }), sqlitePath: join(dir, 'test.sqlite') };
  // Production refuses to start without its keys: a production-mode test app gets throwaway ones,
  // given as an operator gives them (the environment), unless the test sets its own.
  if (config.production) {
    config.fieldKey ??= generateFieldKey();
    config.auditKey ??= generateAuditKey();
  }
  let schema: string | undefined;
  if (config.databaseUrl) {
    schema = `t_${randomBytes(6).toString('hex')}`;
    const c = new pg.Client({ connectionString: config.databaseUrl });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const yishi = await createYishi(config, schema ? { pgSchema: schema } : {});
  const events: ChangeEvent[] = [];
  yishi.hub.subscribe((e) => events.push(e));
  let hebiId = '';
  let henanId = '';
  if (opts.demo !== false) {
    const res = await importFixture({ db: yishi.handle.db, hub: yishi.hub, actor: SYSTEM_ACTOR }, readFixture(config.fixturePath), DEMO_PASSWORD);
    hebiId = res.congressId;
    henanId = (await yishi.handle.db.selectFrom('congresses').select('id').where('slug', '=', 'henan').executeTakeFirstOrThrow()).id;
  }

  const request: TestApp['request'] = async (method, url, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let payload: string | undefined;
    if (o.rawBody !== undefined) payload = o.rawBody;
    else if (o.body !== undefined) payload = JSON.stringify(o.body);
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const r = await yishi.app.inject({ method: method as 'GET', url, headers, remoteAddress: o.ip ?? '127.0.0.1', ...(payload !== undefined ? { payload } : {}) });
    let body: unknown = r.body;
    try {
      body = r.body ? JSON.parse(r.body) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: r.statusCode, body, headers: r.headers as Res['headers'] };
  };

  return {
    yishi,
    config,
    events,
    hebiId,
    henanId,
    request,
    async login(username, password = DEMO_PASSWORD) {
      const r = await request('POST', '/api/v1/auth/login', { body: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    async close() {
      await yishi.close();
      rmSync(dir, { recursive: true, force: true });
      if (schema && config.databaseUrl) {
        const c = new pg.Client({ connectionString: config.databaseUrl });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      }
    },
  };
}

/** Counts rows in every table: "nothing changed" is asserted by comparing two of these. */
export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = ['congresses', 'terms', 'bodies', 'people', 'memberships', 'users', 'role_grants', 'rules_profiles', 'audit_log'] as const;
  const out: Record<string, number> = {};
  for (const name of tables) {
    const r = await t.yishi.handle.db.selectFrom(name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[name] = r.n;
  }
  return out;
}
