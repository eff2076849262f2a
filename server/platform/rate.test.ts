import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig, trustedProxies } from './config.ts';
import { addressKey, hourEnd, localDayEnd, windowFor } from './rate.ts';

void test('a per-address limit counts IPv4 addresses as they are and IPv6 addresses by their /64', () => {
  assert.equal(addressKey('203.0.113.7'), '203.0.113.7');
  assert.equal(addressKey('::ffff:203.0.113.7'), '203.0.113.7', 'an IPv4 client seen through an IPv6 socket');
  assert.equal(addressKey('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64', 'the same subscriber, another address');
  assert.notEqual(addressKey('2001:db8:1:3::1'), addressKey('2001:db8:1:2::1'));
  assert.equal(addressKey(null), 'unknown');
});

void test('windows end after their length, at the end of the hour, and at midnight in Beijing', () => {
  assert.equal(windowFor(15 * 60_000, '2026-03-01T10:50:00.000Z'), '2026-03-01T11:05:00.000Z');
  assert.equal(hourEnd('2026-03-01T10:50:00.000Z'), '2026-03-01T11:00:00.000Z');
  // 17:30 UTC is 01:30 on 2 March in Beijing: that day ends at 16:00 UTC on 2 March.
  assert.equal(localDayEnd('2026-03-01T17:30:00.000Z'), '2026-03-02T16:00:00.000Z');
  assert.equal(localDayEnd('2026-03-01T15:59:59.999Z'), '2026-03-01T16:00:00.000Z');
});

void test('YISHI_TRUST_PROXY: off unless set; addresses, CIDR ranges and proxy-addr names; a typo stops the start', () => {
  assert.deepEqual(loadConfig({}).trustProxy, []);
  assert.deepEqual(loadConfig({ NODE_ENV: 'production' }).trustProxy, [], 'production does not trust a proxy by itself');
  assert.deepEqual(trustedProxies(' 10.0.0.1, 10.1.0.0/16 ,2001:db8::/32,loopback'), ['10.0.0.1', '10.1.0.0/16', '2001:db8::/32', 'loopback']);
  assert.throws(() => trustedProxies('10.0.0.1,proxy.example'), /YISHI_TRUST_PROXY: "proxy.example"/);
  assert.throws(() => trustedProxies('10.0.0.0/33'), /YISHI_TRUST_PROXY/);
});
