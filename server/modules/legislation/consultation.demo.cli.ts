// npm run demo:consultation: puts the 鹤壁市卫河保护条例（草案） of the 6th meeting's gazette out for
// public comment in the demo congress (30 days from today). Run after the demo congress exists
// (npm start does that on an empty database). A second run changes nothing.
import { createYishi } from '../../bootstrap.ts';
import { loadConfig } from '../../platform/config.ts';
import { seedPath } from '../imports/import-meeting-texts.ts';
import { importDemoConsultation } from './consultation.demo.ts';

const config = loadConfig();
const y = await createYishi(config);
try {
  const c = await y.handle.db.selectFrom('congresses').select('id').where('slug', '=', 'hebi').executeTakeFirst();
  if (!c) {
    console.error('未找到演示人大 (no demo congress): start the server once on an empty database first');
    process.exitCode = 1;
  } else {
    const r = await importDemoConsultation({ db: y.handle.db, hub: y.hub }, c.id, seedPath());
    console.log(r.consultationId ? `consultation: /p/hebi/consultations/${r.consultationId}` : 'nothing imported (no admin account or no seed text)');
  }
} finally {
  await y.close();
}
