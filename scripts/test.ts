// Runs every *.test.ts with Node's test runner (through tsx). Usage: npm run test:only -- [<path filter> …]
// (a file runs when its path contains any of the filters).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['server', 'contracts', 'tests', 'web/src', 'scripts'];
const filters = process.argv.slice(2);
const files = roots
  .flatMap((root) => {
    try {
      return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => join(root, f));
    } catch {
      return [];
    }
  })
  .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules') && (filters.length === 0 || filters.some((x) => f.includes(x))))
  .sort();

if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
console.log(`Running ${files.length} test files on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
