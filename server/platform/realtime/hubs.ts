import type { Config } from '../config.ts';
import { type Hub, LocalHub } from '../hub.ts';
import type { HubLog } from './envelope.ts';
import { PgHub } from './pg-hub.ts';
import { RedisHub } from './redis-hub.ts';

export type HubKind = 'local' | 'postgres' | 'redis';

/**
 * Which hub a process uses. Redis wins when REDIS_URL is set: it keeps the pub/sub traffic and the
 * extra connections off the database. Otherwise PostgreSQL LISTEN/NOTIFY when DATABASE_URL is set,
 * else in-process only (SQLite is one process). YISHI_HUB forces a choice.
 */
export function chooseHub(config: Pick<Config, 'hub' | 'redisUrl' | 'databaseUrl'>): HubKind {
  if (config.hub !== 'auto') return config.hub;
  if (config.redisUrl) return 'redis';
  if (config.databaseUrl) return 'postgres';
  return 'local';
}

/**
 * Opens the hub. `scope` separates installations that share one database or Redis (the tests give
 * each app a schema of its own and a channel to match); processes that must share events use the
 * same channel and scope.
 */
export async function openHub(config: Pick<Config, 'hub' | 'redisUrl' | 'databaseUrl' | 'hubChannel'>, opts: { scope?: string | undefined; log?: HubLog } = {}): Promise<Hub> {
  const kind = chooseHub(config);
  const channel = opts.scope ? `${config.hubChannel}_${opts.scope}`.toLowerCase() : config.hubChannel;
  switch (kind) {
    case 'local':
      return new LocalHub();
    case 'postgres':
      if (!config.databaseUrl) throw new Error('YISHI_HUB=postgres needs DATABASE_URL');
      return PgHub.open({ url: config.databaseUrl, channel, ...(opts.log ? { log: opts.log } : {}) });
    case 'redis':
      if (!config.redisUrl) throw new Error('YISHI_HUB=redis needs REDIS_URL');
      return RedisHub.open({ url: config.redisUrl, channel, ...(opts.log ? { log: opts.log } : {}) });
  }
}
