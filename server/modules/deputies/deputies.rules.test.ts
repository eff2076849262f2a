import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POINTS, compliance, countVisits, pointsFor, requiredVisits, summarize } from './deputies.rules.ts';

void test('S-10: city deputies need four station visits a year; other levels follow other rules', () => {
  assert.equal(requiredVisits('city'), 4);
  assert.equal(requiredVisits('national'), null);
  assert.equal(requiredVisits('township'), null);
  assert.deepEqual(compliance('city', 4, 2026), { year: 2026, requiredVisits: 4, visits: 4, met: true });
  assert.deepEqual(compliance('city', 3, 2026).met, false);
  assert.equal(compliance('county', 0, 2026).met, null);
});

void test('S-10: visits are distinct days at a station, of visit kinds, in the year', () => {
  const a = [
    { kind: 'station_visit' as const, date: '2026-01-16', stationId: 's1' },
    { kind: 'reception' as const, date: '2026-01-16', stationId: 's2' },
    { kind: 'service_day' as const, date: '2026-02-20', stationId: 's1' },
    { kind: 'inspection' as const, date: '2026-03-01', stationId: 's1' },
    { kind: 'station_visit' as const, date: '2026-04-01', stationId: null },
    { kind: 'station_visit' as const, date: '2025-12-19', stationId: 's1' },
  ];
  assert.equal(countVisits(a, 2026), 2);
});

void test('SD-P: points from the office table, else the defaults; sums by kind', () => {
  assert.equal(pointsFor('reception', new Map([['reception', 4]])), 4);
  assert.equal(pointsFor('reception', new Map()), DEFAULT_POINTS.reception);
  assert.deepEqual(summarize([{ kind: 'reception', points: 3 }, { kind: 'reception', points: 3 }, { kind: 'meeting', points: 1.5 }]), {
    points: 7.5,
    byKind: { reception: { count: 2, points: 6 }, meeting: { count: 1, points: 1.5 } },
  });
});
