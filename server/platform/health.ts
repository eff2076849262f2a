import { z } from 'zod';
import type { RouteModule } from './http.ts';
import { currentMigration, latestMigration } from './migrate.ts';

export const healthRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['system'],
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), migration: z.string(), migrationsPending: z.boolean() }) },
      },
    },
    async () => {
      const migration = await currentMigration(deps.handle.db, deps.handle.schema);
      return { status: 'ok' as const, database: deps.handle.kind, migration, migrationsPending: migration !== latestMigration };
    },
  );
};
