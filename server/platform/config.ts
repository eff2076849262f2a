import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import ipaddr from 'ipaddr.js';

/** The folder holding package.json: the same answer from the sources and from the bundled server. */
function findProjectRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}
export const projectRoot = findProjectRoot(import.meta.dirname);

export interface Config {
  port: number;
  host: string;
  production: boolean;
  databaseUrl: string | undefined;
  sqlitePath: string;
  redisUrl: string | undefined;
  /** How change events reach other processes (server/platform/realtime/README.md). */
  hub: HubChoice;
  hubChannel: string;
  live: LiveSettings;
  fixturePath: string;
  webDist: string;
  /**
   * Field encryption of personal data (server/platform/crypto/README.md). YISHI_FIELD_KEY: 32 bytes
   * as 64 hex digits or base64; required in production. Without it, development and tests
   * generate a random key once into YISHI_FIELD_KEY_FILE (default: field.key next to the SQLite file).
   */
  fieldKey: string | undefined;
  fieldKeyPrevious: string[];
  fieldKeyFile: string | undefined;
  /**
   * Where each open secret poll's sealing key is kept until its close (server/modules/polls/SECRECY.md):
   * YISHI_BALLOT_KEYS_DIR, default `ballot-keys` next to the SQLite file. Not in the database, not in
   * backups; every process of an installation must see the same directory.
   */
  ballotKeysDir: string | undefined;
  /** Where the daily open-data export (JSON and CSV) is written: YISHI_OPENDATA_DIR, default ./data/opendata. */
  openDataDir: string;
  /**
   * The reverse proxies whose X-Forwarded-For is believed (YISHI_TRUST_PROXY: addresses or CIDRs,
   * comma-separated). Empty: the client is the peer of the TCP connection, whatever a header says,
   * so nobody can pick the address that per-address limits count and the logs keep.
   */
  trustProxy: string[];
  /**
   * The audit chain's signing key (Ed25519, platform/audit-anchor.ts), kept outside the database:
   * YISHI_AUDIT_KEY (PEM or base64 PKCS#8) or the file YISHI_AUDIT_KEY_FILE; required in production.
   * Without either, development and tests generate one into `audit.key` next to the SQLite file.
   */
  auditKey: string | undefined;
  auditKeyFile: string | undefined;
  /** The checkpoint file (JSON lines): YISHI_AUDIT_ANCHOR_FILE, default `<name>.audit-anchors.jsonl` next to the SQLite file. */
  auditAnchorFile: string | undefined;
  /** The worker pool for parsing and document conversion (server/offload.ts). */
  work: WorkSettings;
}

export interface WorkSettings {
  /** Worker threads: YISHI_WORKERS, default one per core but one (the event loop keeps a core). */
  threads: number;
  /** Tasks waiting beyond those running; more are refused with 503: YISHI_WORK_QUEUE, default 64. */
  queue: number;
  /** A task running longer is stopped and answered 503: YISHI_WORK_TIMEOUT_MS, default 120 s. */
  timeoutMs: number;
}

/** auto: Redis when REDIS_URL is set, else PostgreSQL LISTEN/NOTIFY when DATABASE_URL is set, else in-process. */
export type HubChoice = 'auto' | 'local' | 'postgres' | 'redis';
export interface LiveSettings {
  /** WebSocket ping interval; a socket that missed one pong is dropped. */
  heartbeatMs: number;
  /** Repeats of the same notice within this window are merged into one (the client refetches anyway). */
  coalesceMs: number;
  /** How often open sockets' sessions are re-checked (logout, expiry, lock, role changes). */
  sessionCheckMs: number;
}

const num = (v: string | undefined, d: number): number => (v && Number.isFinite(Number(v)) ? Number(v) : d);

/** The names Fastify's proxy-addr knows besides addresses and CIDRs. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** YISHI_TRUST_PROXY as a list; a typo stops the start rather than silently trusting nobody (or everybody). */
export function trustedProxies(value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of list) {
    if (!PROXY_NAMES.has(p) && !ipaddr.isValid(p) && !ipaddr.isValidCIDR(p)) {
      throw new Error(`YISHI_TRUST_PROXY: "${p}" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal`);
    }
  }
  return list;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    production: env.NODE_ENV === 'production',
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.YISHI_SQLITE_PATH ?? './data/yishi.sqlite',
    redisUrl: env.REDIS_URL || undefined,
    hub: (['local', 'postgres', 'redis'] as const).find((h) => h === env.YISHI_HUB) ?? 'auto',
    hubChannel: env.YISHI_HUB_CHANNEL ?? 'yishi_changes',
    live: {
      heartbeatMs: num(env.YISHI_LIVE_HEARTBEAT_MS, 30_000),
      coalesceMs: num(env.YISHI_LIVE_COALESCE_MS, 250),
      sessionCheckMs: num(env.YISHI_LIVE_SESSION_CHECK_MS, 60_000),
    },
    fixturePath: env.YISHI_FIXTURE ?? resolve(projectRoot, '../shared/fixtures/hebi-12th-6th-meeting.json'),
    webDist: resolve(projectRoot, 'web/dist'),
    fieldKey: env.YISHI_FIELD_KEY || undefined,
    fieldKeyPrevious: (env.YISHI_FIELD_KEY_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    fieldKeyFile: env.YISHI_FIELD_KEY_FILE || undefined,
    openDataDir: env.YISHI_OPENDATA_DIR || './data/opendata',
    ballotKeysDir: env.YISHI_BALLOT_KEYS_DIR || undefined,
    trustProxy: trustedProxies(env.YISHI_TRUST_PROXY),
    work: {
      threads: Math.max(1, Math.floor(num(env.YISHI_WORKERS, availableParallelism() - 1))),
      queue: Math.max(0, Math.floor(num(env.YISHI_WORK_QUEUE, 64))),
      timeoutMs: Math.max(1000, num(env.YISHI_WORK_TIMEOUT_MS, 120_000)),
    },
    auditKey: env.YISHI_AUDIT_KEY || undefined,
    auditKeyFile: env.YISHI_AUDIT_KEY_FILE || undefined,
    auditAnchorFile: env.YISHI_AUDIT_ANCHOR_FILE || undefined,
  };
}
