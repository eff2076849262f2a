import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  production: boolean;
  databaseUrl: string | undefined;
  sqlitePath: string;
  redisUrl: string | undefined;
  fixturePath: string;
  webDist: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    production: env.NODE_ENV === 'production',
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.YISHI_SQLITE_PATH ?? './data/yishi.sqlite',
    redisUrl: env.REDIS_URL || undefined,
    fixturePath: env.YISHI_FIXTURE ?? resolve(import.meta.dirname, '../../../shared/fixtures/hebi-12th-6th-meeting.json'),
    webDist: resolve(import.meta.dirname, '../../web/dist'),
  };
}
