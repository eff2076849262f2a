import { buildApp } from './app.ts';
import { configureOffload } from './offload.ts';
import { type AuditAnchors, auditSignerFor, createAuditAnchors } from './platform/audit-anchor.ts';
import { sealClearTotpSecrets } from './platform/auth/totp.ts';
import { flushOutbox } from './platform/command.ts';
import { fieldCryptoFor } from './platform/crypto/keys.ts';
import type { Config } from './platform/config.ts';
import { type DbHandle, openDb } from './platform/db.ts';
import type { Hub } from './platform/hub.ts';
import type { App } from './platform/http.ts';
import { migrateToLatest } from './platform/migrate.ts';
import { openHub } from './platform/realtime/hubs.ts';
import { SYSTEM_ACTOR, importFixture, readFixture } from './modules/imports/import-fixture.ts';
import { importDemoConsultation } from './modules/legislation/consultation.demo.ts';
import { importDemoRegulations, seedPathOf } from './modules/imports/demo-regulations.ts';
import { importDemoStations } from './modules/imports/demo-stations.ts';
import { prepareBallotKeys } from './modules/polls/polls.keys.ts';

export interface Yishi {
  app: App;
  handle: DbHandle;
  hub: Hub;
  anchors: AuditAnchors;
  close(): Promise<void>;
}

/** Opens the database, migrates it, and builds the app: what `npm start`, the CLI and tests share. */
export async function createYishi(config: Config, opts: { pgSchema?: string; hub?: Hub } = {}): Promise<Yishi> {
  auditSignerFor(config); // production without an audit signing key does not start
  configureOffload(config.work);
  const handle = openDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, pgSchema: opts.pgSchema });
  await migrateToLatest(handle.db, handle.schema);
  await prepareBallotKeys(handle.db, config);
  const anchors = createAuditAnchors(handle.db, config);
  const hub = opts.hub ?? (await openHub(config, { scope: opts.pgSchema })); // realtime/README.md: which hub
  await sealClearTotpSecrets({ db: handle.db, hub, actor: SYSTEM_ACTOR }, () => fieldCryptoFor(config));
  await flushOutbox(handle.db, hub); // notices a crash left behind
  const app = await buildApp({ handle, hub, config, anchors });
  return {
    app,
    handle,
    hub,
    anchors,
    close: async () => {
      await app.close();
      await anchors.idle();
      await hub.close();
      await handle.close();
    },
  };
}

/** On an empty database, import the demo congress; returns the password to print once, if any. */
export async function importDemoIfEmpty(y: Yishi, config: Config): Promise<{ imported: boolean; demoPassword: string | null }> {
  const any = await y.handle.db.selectFrom('congresses').select('id').limit(1).executeTakeFirst();
  if (any) return { imported: false, demoPassword: null };
  const res = await importFixture({ db: y.handle.db, hub: y.hub, actor: SYSTEM_ACTOR }, readFixture(config.fixturePath), process.env.YISHI_DEMO_PASSWORD || undefined);
  await importDemoContent(y, res.congressId, config);
  return { imported: true, demoPassword: res.demoPassword };
}

/**
 * Real material for the portal: Hebi's regulations in force (searchable by article, with the
 * gazette's documents) and the Wei River draft of the 6th meeting, open for public comment; and
 * demonstration liaison stations with their service days (marked as such). Runs on
 * the first start; `yishi demo-content` adds it to a demo congress imported before. Idempotent.
 */
export async function importDemoContent(y: Pick<Yishi, 'handle' | 'hub'>, congressId: string, config: Pick<Config, 'fixturePath'>) {
  const ctx = { db: y.handle.db, hub: y.hub };
  const demo = { fixturePath: config.fixturePath };
  const regulations = await importDemoRegulations(ctx, congressId, demo);
  const consultation = await importDemoConsultation(ctx, congressId, seedPathOf(demo));
  const stations = await importDemoStations(ctx, congressId);
  return { ...regulations, consultationId: consultation.consultationId, ...stations };
}
