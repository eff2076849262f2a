import { type Yishi, createYishi, importDemoIfEmpty } from './bootstrap.ts';
import { loadConfig } from './platform/config.ts';
import { DomainError } from './platform/errors.ts';
import { restrictUmask } from './platform/private-files.ts';

restrictUmask(); // the database, its WAL, uploads and keys are the server's alone (0600, folders 0700)
const config = loadConfig();
let yishi: Yishi;
try {
  yishi = await createYishi(config);
} catch (e) {
  // A missing key or another refusal to start: say why in both languages, without a stack trace.
  if (!(e instanceof DomainError)) throw e;
  console.error(`无法启动：${e.messageZh}\nCannot start: ${e.messageEn}`);
  process.exit(1);
}
// An empty database gets the demo congress, except in production unless YISHI_DEMO=1 asks for it.
const demoWanted = process.env.YISHI_DEMO ? process.env.YISHI_DEMO === '1' : !config.production;
const demo = demoWanted ? await importDemoIfEmpty(yishi, config) : { imported: false, demoPassword: null };
if (demo.imported) {
  console.log('已导入演示数据：鹤壁市第十二届人大常委会 (demo data imported)');
  if (demo.demoPassword && !process.env.YISHI_DEMO_PASSWORD) {
    console.log(`演示账号 admin, office, m01…m41 的密码 (demo password, shown once): ${demo.demoPassword}`);
  }
}
await yishi.app.listen({ port: config.port, host: config.host });
console.log(`Yishi 议事 ready on http://localhost:${config.port} (${yishi.handle.kind}: ${yishi.handle.location})`);

const shutdown = (): void => {
  yishi.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
