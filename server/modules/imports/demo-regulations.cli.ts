// npm run demo:regulations: imports the Hebi regulations (reference corpus and the 卫河保护条例 of
// the 6th meeting's gazette) into the demo congress as regulations in force, and builds the
// search index with the gazette's documents. Run after the demo congress exists (npm start does
// that on an empty database). A second run imports nothing and refreshes the index.
import { createYishi } from '../../bootstrap.ts';
import { loadConfig } from '../../platform/config.ts';
import { importDemoRegulations } from './demo-regulations.ts';

const config = loadConfig();
const y = await createYishi(config);
try {
  const c = await y.handle.db.selectFrom('congresses').select('id').where('slug', '=', 'hebi').executeTakeFirst();
  if (!c) {
    console.error('未找到演示人大 (no demo congress): start the server once on an empty database first');
    process.exitCode = 1;
  } else {
    const r = await importDemoRegulations({ db: y.handle.db, hub: y.hub }, c.id, { fixturePath: config.fixturePath });
    console.log(`regulations imported: ${String(r.works)}; search units indexed: ${String(r.indexed)}`);
  }
} finally {
  await y.close();
}
