import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactUrl } from '../server/app.ts';

void test('request logs never hold a bearer token given in the query', () => {
  assert.equal(redactUrl('/api/v1/live?token=abc.DEF-123&congressId=c1'), '/api/v1/live?token=[redacted]&congressId=c1');
  assert.equal(redactUrl('/api/v1/live?congressId=c1&TOKEN=secret'), '/api/v1/live?congressId=c1&TOKEN=[redacted]');
  assert.equal(redactUrl('/api/v1/meetings?tokenish=1'), '/api/v1/meetings?tokenish=1');
  assert.equal(redactUrl('/api/v1/health'), '/api/v1/health');
});
