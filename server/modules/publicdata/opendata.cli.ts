// npm run opendata:export [-- <dir>]: writes every congress's open data (JSON and CSV) under <dir>
// (default YISHI_OPENDATA_DIR or ./data/opendata) and prints where.
import { createAuditAnchors } from '../../platform/audit-anchor.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDb } from '../../platform/db.ts';
import { migrateToLatest } from '../../platform/migrate.ts';
import { exportAllCongresses } from './opendata.export.ts';

const config = loadConfig();
const handle = openDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
try {
  await migrateToLatest(handle.db, handle.schema);
  const results = await exportAllCongresses(handle.db, process.argv[2] ?? config.openDataDir, createAuditAnchors(handle.db, config));
  for (const r of results) console.log(`${r.dir}: ${JSON.stringify(r.counts)}`);
} finally {
  await handle.close();
}
