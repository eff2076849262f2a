// The operator's command line: `npm run yishi -- <command>` (see `--help`).
// Every command exits 0 on success; on failure it prints the reason in Chinese and English and
// exits non-zero. The database is the one the server uses: DATABASE_URL (PostgreSQL) or
// YISHI_SQLITE_PATH (SQLite, default ./data/yishi.sqlite).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { CreateUser } from '../contracts/accounts.ts';
import { findUserByName } from './modules/accounts/accounts.repo.ts';
import { SYSTEM_ACTOR, importFixture, readFixture } from './modules/imports/import-fixture.ts';
import { type BrokenCheckpoint, anchorFileOf, auditSignerFor, createAuditAnchors, describeSource, gatherCheckpoints, parsePublicKey, verifyCheckpoints } from './platform/audit-anchor.ts';
import { verifyAuditChain } from './platform/audit.ts';
import { checkPasswordPolicy, hashPassword } from './platform/auth/password.ts';
import type { BackupKeys, BackupSecret } from './platform/backup-crypto.ts';
import { backupPostgres, backupSqlite, ensurePgDatabase, opsError, pgDatabaseName, restorePostgres, restoreSqlite, withClearBackup } from './platform/backup.ts';
import { fieldCryptoFor } from './platform/crypto/keys.ts';
import { newId, nowIso } from './platform/clock.ts';
import { type Ctx, runCommand } from './platform/command.ts';
import { type Config, loadConfig } from './platform/config.ts';
import { type DbHandle, openDb } from './platform/db.ts';
import { DomainError, errors } from './platform/errors.ts';
import { openHub } from './platform/realtime/hubs.ts';
import { prepareBallotKeys } from './modules/polls/polls.keys.ts';
import { importDemoContent } from './bootstrap.ts';
import { currentMigration, latestMigration, migrateToLatest } from './platform/migrate.ts';
import { restrictUmask } from './platform/private-files.ts';

restrictUmask(); // what the commands create (databases, keys, checkpoints, backups) is the operator's alone
const config = loadConfig();
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Where the data lives, for messages (never includes a password). */
function where(c: Config): string {
  if (!c.databaseUrl) return `SQLite ${c.sqlitePath}`;
  const u = new URL(c.databaseUrl);
  return `PostgreSQL ${u.host}/${pgDatabaseName(c.databaseUrl)}`;
}

/**
 * Opens the database. Only `init` and `migrate` may create a SQLite file: any other command on a
 * path with no database would otherwise leave an empty file behind and report nonsense.
 */
function open(c: Config, opts: { create?: boolean } = {}): DbHandle {
  if (!c.databaseUrl && !opts.create && c.sqlitePath !== ':memory:' && !existsSync(c.sqlitePath)) {
    throw opsError('NO_DATABASE', `数据库文件不存在：${c.sqlitePath}（请先运行 yishi init，或设置 YISHI_SQLITE_PATH）`, `No database file at ${c.sqlitePath} (run "yishi init" first, or set YISHI_SQLITE_PATH)`);
  }
  return openDb({ databaseUrl: c.databaseUrl, sqlitePath: c.sqlitePath, poolSize: 2 });
}

async function withDb<T>(c: Config, opts: { create?: boolean; migrate?: boolean }, fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = open(c, opts);
  try {
    if (opts.migrate) await migrateToLatest(h.db, h.schema);
    else if (!opts.create && !(await currentMigration(h.db, h.schema))) {
      throw opsError('NOT_INITIALIZED', `数据库尚未初始化：${where(c)}（请先运行 yishi init）`, `The database is not initialised: ${where(c)} (run "yishi init" first)`);
    }
    return await fn(h);
  } finally {
    await h.close();
  }
}

/**
 * A command context on the installation's hub (PostgreSQL or Redis when configured), so that
 * running servers hear about what the command changed, as they would from one of their own.
 */
async function withCtx<T>(c: Config, h: DbHandle, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  await prepareBallotKeys(h.db, c);
  const hub = await openHub(c);
  try {
    return await fn({ db: h.db, hub, actor: SYSTEM_ACTOR });
  } finally {
    await hub.close();
  }
}

function printDemoPassword(password: string | null): void {
  if (password && !process.env.YISHI_DEMO_PASSWORD) {
    out(`演示账号 admin, office, m01…m41 的密码（仅显示这一次）/ demo password for admin, office, m01…m41 (shown once): ${password}`);
  }
}

/** Imports a fixture file; returns the congress it describes. */
async function importFile(c: Config, h: DbHandle, file: string): Promise<string> {
  const fixture = readFixture(file);
  const res = await withCtx(c, h, (ctx) => importFixture(ctx, fixture, process.env.YISHI_DEMO_PASSWORD || undefined));
  if (res.created === 0) {
    out('没有变化：导入文件中的数据均已存在 / Nothing changed: everything in the file is already there');
  } else {
    out(`已导入 ${res.created} 条记录 / Imported ${res.created} records: ${fixture.congress.name}`);
    printDemoPassword(res.demoPassword);
  }
  return res.congressId;
}

/** A password the policy accepts: letters and digits, 20 characters. */
function randomPassword(): string {
  for (;;) {
    const p = randomBytes(15).toString('base64url');
    if (/[A-Za-z]/.test(p) && /[0-9]/.test(p)) return p;
  }
}

/**
 * Creates an installation administrator (users.is_superadmin = 1): the first account of a fresh
 * installation, or a way back in when every admin is locked out. Audited like any other write.
 */
async function createInstallationAdmin(ctx: Ctx, input: { username: string; displayName: string; password: string }): Promise<{ id: string; username: string }> {
  const parsed = CreateUser.shape.username.safeParse(input.username);
  if (!parsed.success) {
    throw errors.invalid('INVALID_USERNAME', '用户名只能包含小写字母、数字、点、横线和下划线（2至32个字符，以字母或数字开头）', 'A username is 2 to 32 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit');
  }
  const username = parsed.data;
  checkPasswordPolicy(input.password);
  const hash = await hashPassword(input.password);
  return runCommand(ctx, async (tx, rec) => {
    if (await findUserByName(tx, username)) throw errors.conflict('USERNAME_TAKEN', '该用户名已被使用', 'That username is taken');
    const id = newId();
    const at = nowIso();
    await tx
      .insertInto('users')
      .values({ id, username, person_id: null, home_congress_id: null, display_name: input.displayName, password_hash: hash, is_superadmin: 1, locked: 0, totp_secret: null, totp_enabled: 0, created_at: at, password_changed_at: at })
      .execute();
    rec.audit({ congressId: null, action: 'user.superadmin_created', targetType: 'user', targetId: id, data: { username, displayName: input.displayName, via: 'cli' } });
    return { id, username };
  });
}

// ---------------------------------------------------------------- commands

const program = new Command();
program
  .name('yishi')
  .description('议事平台运维命令 / Yishi operator commands\n数据库 / database: DATABASE_URL=postgres://… 或 / or YISHI_SQLITE_PATH (默认 / default ./data/yishi.sqlite)')
  .helpOption('-h, --help', '显示帮助 / show help')
  .helpCommand('help [command]', '显示某个命令的帮助 / show help for a command')
  .version('0.1.0', '-V, --version', '显示版本 / show the version')
  .showHelpAfterError('（使用 --help 查看用法 / use --help for usage）')
  .configureOutput({ outputError: (str, write) => write(`命令行参数错误 / usage error: ${str.replace(/^error: /, '')}`) });

program
  .command('init')
  .description('创建数据库并迁移到最新版本 / create the database and run all migrations')
  .option('--demo', '同时导入演示数据（鹤壁市人大常委会）/ also import the demo data (Hebi standing committee)')
  .action(async (opts: { demo?: boolean }) => {
    let created: boolean;
    if (config.databaseUrl) created = await ensurePgDatabase(config.databaseUrl);
    else created = config.sqlitePath !== ':memory:' && !existsSync(config.sqlitePath);
    await withDb(config, { create: true }, async (h) => {
      const level = await migrateToLatest(h.db, h.schema);
      out(`${created ? '已创建数据库 / created the database' : '数据库已存在 / the database exists'}: ${where(config)}`);
      out(`迁移级别 / migration level: ${level}`);
      if (opts.demo) {
        const congressId = await importFile(config, h, config.fixturePath);
        await withCtx(config, h, (ctx) => importDemoContent({ handle: h, hub: ctx.hub }, congressId, config));
      }
    });
  });

program
  .command('migrate')
  .description('运行尚未执行的迁移并显示迁移级别 / run pending migrations and print the level')
  .action(async () => {
    await withDb(config, { create: true }, async (h) => {
      const before = await currentMigration(h.db, h.schema);
      const level = await migrateToLatest(h.db, h.schema);
      out(before === level ? `已是最新，无需迁移 / already up to date` : `已迁移 / migrated: ${before || '(空 / empty)'} → ${level}`);
      out(`迁移级别 / migration level: ${level}`);
    });
  });

program
  .command('import')
  .description('导入常委会数据文件（可重复执行，已有数据不会重复）/ import a congress data file (idempotent)')
  .argument('<file>', 'JSON 文件，格式同 fixtures/hebi-12th-6th-meeting.json / a JSON file shaped like fixtures/hebi-12th-6th-meeting.json')
  .addHelpText('after', '\n新建的演示账号共用一个密码：YISHI_DEMO_PASSWORD，未设置时随机生成并只显示一次。\nNew demo accounts share one password: YISHI_DEMO_PASSWORD, or a random one printed once.')
  .action(async (file: string) => {
    await withDb(config, { migrate: true }, async (h) => {
      await importFile(config, h, file);
    });
  });

program
  .command('create-admin')
  .description('创建安装管理员（超级管理员）/ create an installation administrator (superadmin)')
  .requiredOption('--username <name>', '用户名 / username')
  .option('--password <password>', '密码（建议改用环境变量 YISHI_ADMIN_PASSWORD；都未给出时随机生成并只显示一次）/ password (prefer YISHI_ADMIN_PASSWORD; if neither is given a random one is printed once)')
  .option('--display-name <name>', '显示名称 / display name', '系统管理员')
  .action(async (opts: { username: string; password?: string; displayName: string }) => {
    const given = opts.password ?? (process.env.YISHI_ADMIN_PASSWORD || undefined);
    const password = given ?? randomPassword();
    await withDb(config, { migrate: true }, async (h) => {
      const u = await withCtx(config, h, (ctx) => createInstallationAdmin(ctx, { username: opts.username.trim().toLowerCase(), displayName: opts.displayName, password }));
      out(`已创建安装管理员 / created installation administrator: ${u.username}`);
      if (!given) out(`初始密码（仅显示这一次，请登录后修改）/ initial password (shown once; change it after logging in): ${password}`);
    });
  });

program
  .command('demo-content')
  .description('为已导入的演示人大补充法规、检索索引、征求意见和演示联络站 / add the regulations, search index, consultation and demo stations to a demo congress imported earlier')
  .action(async () => {
    await withDb(config, { migrate: true }, async (h) => {
      const c = await h.db.selectFrom('congresses').select('id').where('slug', '=', 'hebi').executeTakeFirst();
      if (!c) throw opsError('NO_DEMO', '未找到演示人大：请先在空数据库上启动一次或运行 yishi init --demo', 'No demo congress: start once on an empty database, or run "yishi init --demo"');
      const r = await withCtx(config, h, (ctx) => importDemoContent({ handle: h, hub: ctx.hub }, c.id, config));
      out(
        `法规 ${String(r.works)} 部，检索单元 ${String(r.indexed)} 个，演示联络站 ${String(r.stations)} 个（为民服务活动日 ${String(r.serviceDays)} 次）${r.consultationId ? '，征求意见已开放' : ''} / regulations: ${String(r.works)}, search units: ${String(r.indexed)}, demo stations: ${String(r.stations)} (service days: ${String(r.serviceDays)})${r.consultationId ? ', consultation open' : ''}`,
      );
    });
  });

const audit = program.command('audit').description('审计日志 / audit log');

/** Where a checkpoint was read ("file … line 3; database"), in both languages. */
function placesOf(b: BrokenCheckpoint): { zh: string; en: string } {
  const places = b.sources.map(describeSource);
  return { zh: places.map((p) => p.zh).join('；'), en: places.map((p) => p.en).join('; ') };
}

audit
  .command('verify')
  .description('校验审计日志哈希链及其签名检查点，退出码 1 表示不符 / verify the audit hash chain and its signed checkpoints; exit code 1 when either fails')
  .option('--anchors <file>', '检查点文件（默认：YISHI_AUDIT_ANCHOR_FILE 或数据旁的文件）/ the checkpoint file (default: YISHI_AUDIT_ANCHOR_FILE or the one next to the data)')
  .option('--public-key <file>', '验证用的公钥（PEM，可重复；默认由配置的签名密钥得出）/ a public key to verify with (PEM, repeatable; default: from the configured signing key)', (v: string, all: string[]) => [...all, v], [] as string[])
  .addHelpText(
    'after',
    '\n先逐条校验哈希链，再用公钥校验每个检查点（检查点文件中的与数据库中的）的签名，并核对链中该序号处的哈希。\n' +
      'Checks every link of the chain, then each checkpoint (from the checkpoint file and from the database): its signature with the public key, and the chain\'s hash at its seq.\n' +
      '改写某条记录并重算其后所有哈希，链本身仍然完整，但其后的检查点不再相符。\n' +
      'A rewritten entry with every later hash recomputed leaves the links whole, but the checkpoints after it no longer match.',
  )
  .action(async (opts: { anchors?: string; publicKey: string[] }) => {
    const file = opts.anchors ? resolve(opts.anchors) : anchorFileOf(config);
    if (opts.anchors && !existsSync(file)) throw opsError('NO_ANCHOR_FILE', `检查点文件不存在：${file}`, `No checkpoint file at ${file}`);
    const keys = opts.publicKey.length > 0 ? opts.publicKey.map((f) => parsePublicKey(readFileSync(f, 'utf8'), f)) : [auditSignerFor(config).publicKey];
    await withDb(config, {}, async (h) => {
      const chain = await verifyAuditChain(h.db);
      const { found, inFile, inDatabase } = await gatherCheckpoints(h.db, file);
      const cps = await verifyCheckpoints(h.db, found, keys);
      const b = chain.firstBroken;
      if (!chain.ok) out(`broken: seq ${b?.seq ?? '?'}, ${b?.reason ?? 'unknown'} (${chain.checked} entries verified before it)`);
      else out(cps.ok ? `ok: ${chain.checked} entries` : `links ok: ${chain.checked} entries`);
      const fileNote = inFile === null ? `file ${file}: absent` : `file ${file}: ${inFile}`;
      if (cps.checked === 0) out(`checkpoints: none (${fileNote}, database: ${inDatabase})`);
      else out(`checkpoints: ${cps.checked - cps.broken.length} ok, ${cps.broken.length} broken${cps.newest ? `; newest holding at seq ${cps.newest.seq} (key ${cps.newest.keyId})` : ''} (${fileNote}, database: ${inDatabase})`);
      for (const x of cps.broken) out(`broken checkpoint: seq ${x.seq ?? '?'}, ${x.reason} (${placesOf(x).en})`);

      if (!chain.ok) {
        process.stderr.write(`审计链在第 ${b?.seq ?? '?'} 条断裂（${b?.reason ?? 'unknown'}）/ the audit chain is broken at seq ${b?.seq ?? '?'} (${b?.reason ?? 'unknown'})\n`);
      }
      for (const x of cps.broken) {
        const w = placesOf(x);
        process.stderr.write(`第 ${x.seq ?? '?'} 条处的检查点不成立（${x.reason}，${w.zh}）/ the checkpoint at seq ${x.seq ?? '?'} does not hold (${x.reason}; ${w.en})\n`);
      }
      if (!chain.ok || !cps.ok) {
        process.exitCode = 1;
        return;
      }
      if (cps.checked === 0) {
        process.stderr.write('警告：尚无检查点，无法发现重算哈希的改写（运行 yishi audit anchor）/ warning: no checkpoints yet, so a rewrite that recomputes the hashes cannot be detected (run "yishi audit anchor")\n');
      }
      out(`审计链完整，共 ${chain.checked} 条；检查点 ${cps.checked} 个均相符 / the audit chain holds: ${chain.checked} entries; ${cps.checked} checkpoints match`);
    });
  });

audit
  .command('anchor')
  .description('立即为审计链签署一个检查点，写入检查点文件和数据库 / sign a checkpoint of the audit chain now, into the checkpoint file and the database')
  .action(async () => {
    await withDb(config, {}, async (h) => {
      const anchors = createAuditAnchors(h.db, config);
      const cp = await anchors.now();
      if (!cp) {
        out('审计链为空，无需检查点 / the audit chain is empty: nothing to anchor');
        return;
      }
      out(`checkpoint: seq ${cp.seq}, hash ${cp.hash}, at ${cp.at}, key ${cp.keyId}`);
      out(`检查点文件 / checkpoint file: ${anchors.file}`);
    });
  });

audit
  .command('public-key')
  .description('显示审计签名密钥的公钥（PEM），供核验检查点 / print the audit signing key\'s public key (PEM), which verifiers need')
  .action(() => {
    const signer = auditSignerFor(config);
    out(`key id: ${signer.keyId}`);
    process.stdout.write(signer.publicKeyPem);
  });

/** What seals a backup: YISHI_BACKUP_PASSPHRASE when set, else the field key. */
function backupSecret(): BackupSecret {
  const passphrase = process.env.YISHI_BACKUP_PASSPHRASE;
  if (passphrase) {
    if (Buffer.byteLength(passphrase, 'utf8') < 12) throw opsError('WEAK_PASSPHRASE', '备份口令至少 12 个字节（UTF-8）', 'The backup passphrase must be at least 12 bytes (UTF-8)');
    return { kind: 'passphrase', passphrase };
  }
  return { kind: 'field-key', ...fieldCryptoFor(config).fileKey() };
}

const backupKeys: BackupKeys = {
  fieldKey: (keyId) => fieldCryptoFor(config).fileKey(keyId).key,
  passphrase: process.env.YISHI_BACKUP_PASSPHRASE || undefined,
};

program
  .command('backup')
  .description('备份数据库：SQLite 在线复制（服务可继续运行），PostgreSQL 用 pg_dump 自定义格式 / back up: SQLite online copy (the server may keep running); PostgreSQL pg_dump custom format')
  .argument('<file>', '备份文件 / backup file')
  .option('--force', '覆盖已存在的备份文件 / overwrite an existing backup file')
  .option('--encrypt', '加密备份（AES-256-GCM）：设置了 YISHI_BACKUP_PASSPHRASE 时用口令（scrypt），否则用字段密钥 / seal the backup (AES-256-GCM): with YISHI_BACKUP_PASSPHRASE (scrypt) when set, else with the field key')
  .addHelpText(
    'after',
    '\n备份文件权限为 0600。加密的备份由 yishi restore 自动识别并解密（需相同的字段密钥或口令）。\n' +
      'Backups are written 0600. "yishi restore" recognises an encrypted backup and decrypts it (with the same field key or passphrase).\n' +
      'SQLite：用 SQLite 备份接口在线复制为单个文件，并做完整性检查。\n' +
      'SQLite: an online copy through SQLite\'s backup API, as one self-contained file, integrity-checked.\n' +
      'PostgreSQL：运行 pg_dump --format=custom --schema=<服务所用模式> --file=<文件> --dbname=<不含密码的 DATABASE_URL>（密码经 PGPASSWORD 传递）。\n' +
      'PostgreSQL: runs pg_dump --format=custom --schema=<the server\'s schema> --file=<file> --dbname=<DATABASE_URL without its password> (the password goes in PGPASSWORD).',
  )
  .action(async (file: string, opts: { force?: boolean; encrypt?: boolean }) => {
    const secret = opts.encrypt ? backupSecret() : undefined;
    const sealed = secret ? `, ${secret.kind === 'passphrase' ? '口令加密 / sealed with the passphrase' : `字段密钥加密 / sealed with the field key ${secret.keyId}`}` : '';
    if (config.databaseUrl) {
      const r = await backupPostgres(config.databaseUrl, file, { force: opts.force === true, secret });
      out(`已备份 / backed up ${where(config)} → ${r.file} (${r.bytes} bytes, pg_dump --format=custom --schema=${r.schema}${sealed})`);
      return;
    }
    const r = await backupSqlite(config.sqlitePath, file, { force: opts.force === true, secret });
    out(`已备份 / backed up ${where(config)} → ${r.file} (${r.bytes} bytes${sealed})`);
    out(`迁移级别 / migration level: ${r.migration}; 审计 / audit entries: ${r.auditEntries}; 用户 / users: ${r.users}`);
  });

program
  .command('restore')
  .description('从备份恢复数据库（须先停止服务）/ restore the database from a backup (stop the server first)')
  .argument('<file>', '由 yishi backup 生成的备份文件 / a file made by "yishi backup"')
  .option('--force', 'PostgreSQL：即使仍有其他连接也恢复 / PostgreSQL: restore even while other sessions are connected')
  .addHelpText(
    'after',
    '\nSQLite：检查备份后替换数据库文件，原文件保留为 <路径>.before-restore；服务运行时拒绝执行。\n' +
      'SQLite: checks the backup, then replaces the database file; the previous file is kept as <path>.before-restore. Refused while the server runs.\n' +
      'PostgreSQL：原模式改名保留（<模式>_before_restore_<时间>），备份在单个事务中恢复到新模式；失败时改回原样。\n' +
      'PostgreSQL: the current schema is renamed aside (<schema>_before_restore_<time>) and the dump is restored into a fresh one in a single transaction; on failure the rename is undone.',
  )
  .action(async (file: string, opts: { force?: boolean }) => {
    // A sealed backup is opened into a 0600 file beside the data (SQLite) or the backup (PostgreSQL), removed afterwards.
    const workDir = config.databaseUrl ? dirname(resolve(file)) : dirname(resolve(config.sqlitePath));
    await withClearBackup(file, backupKeys, workDir, async (clear, sealed) => {
      if (sealed) out(`已解密加密备份 / opened the encrypted backup: ${file}`);
      if (config.databaseUrl) {
        const r = await restorePostgres(config.databaseUrl, clear, { force: opts.force === true });
        out(`已恢复 / restored ${where(config)} ← ${file}`);
        out(`原数据保留在模式 / the previous data is kept in schema: ${r.previous}`);
        out(`  确认无误后可删除 / drop it once satisfied: DROP SCHEMA "${r.previous}" CASCADE;`);
      } else {
        const r = restoreSqlite(clear, config.sqlitePath);
        out(`已恢复 / restored ${where(config)} ← ${file}`);
        if (r.previous) out(`原数据库已保留为 / the previous database is kept as: ${r.previous}`);
      }
    });
    await withDb(config, {}, async (h) => {
      const level = await currentMigration(h.db, h.schema);
      const v = await verifyAuditChain(h.db);
      out(`迁移级别 / migration level: ${level}${level === latestMigration ? '' : '（服务启动时将自动迁移 / the server migrates it on start）'}`);
      out(v.ok ? `审计链完整 / audit chain ok: ${v.checked} entries` : `警告：审计链断裂 / warning: audit chain broken at seq ${v.firstBroken?.seq ?? '?'} (${v.firstBroken?.reason ?? ''})`);
      // A restore takes the chain back to the backup's head: checkpoints signed after the backup was
      // taken no longer match. Checked with the configured key; without one, `audit verify --public-key` does it.
      if (!config.auditKey && config.production && !config.auditKeyFile) return;
      const { found } = await gatherCheckpoints(h.db, anchorFileOf(config));
      const cps = await verifyCheckpoints(h.db, found, [auditSignerFor(config).publicKey]);
      if (!cps.ok) {
        out(
          `警告：${cps.broken.length} 个检查点与恢复后的审计链不符（如为备份之后签署的，属恢复所致）；请保留 ${anchorFileOf(config)} 作为记录，并改用新的检查点文件（YISHI_AUDIT_ANCHOR_FILE）/ ` +
            `warning: ${cps.broken.length} checkpoints do not match the restored chain (expected for those signed after the backup was taken); keep ${anchorFileOf(config)} as a record and start a new checkpoint file (YISHI_AUDIT_ANCHOR_FILE)`,
        );
      }
    });
  });

function report(e: unknown): void {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode;
    return;
  }
  if (e instanceof DomainError) {
    process.stderr.write(`错误：${e.messageZh}\nError: ${e.messageEn}\n`);
  } else {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`错误：操作失败：${msg}\nError: the operation failed: ${msg}\n`);
    if (process.env.YISHI_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  }
  process.exitCode = 1;
}

await program.parseAsync(process.argv).catch(report);
