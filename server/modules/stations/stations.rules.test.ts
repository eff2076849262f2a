import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NATIONAL_CALENDAR as cal } from '../../platform/calendar/calendar.rules.ts';
import { DomainError } from '../../platform/errors.ts';
import { buildIcs, checkAnnouncedInAdvance, parseCsv, receptionCompliance, serviceDays, stationRowsFromCsv } from './stations.rules.ts';

void test('SD-1: the third Friday of each month; Feb 2026 falls in the Spring Festival holiday', () => {
  const days = serviceDays({ weekOfMonth: 3, weekday: 5 }, '2026-01-01', '2026-04-30', cal);
  assert.deepEqual(days, [
    { date: '2026-01-16', working: true, holiday: null },
    { date: '2026-02-20', working: false, holiday: '春节' },
    { date: '2026-03-20', working: true, holiday: null },
    { date: '2026-04-17', working: true, holiday: null },
  ]);
  assert.deepEqual(serviceDays({ weekOfMonth: 3, weekday: 5 }, '2025-10-18', '2025-11-20', cal), []);
  assert.throws(() => serviceDays(null, '2026-01-01', '2026-02-01', cal), /no service day/);
});

void test('S-12: receptions and service days are announced at least a day ahead; other records may be entered afterwards', () => {
  assert.throws(() => checkAnnouncedInAdvance('themed_reception', '2026-03-20', '2026-03-20'), DomainError);
  assert.doesNotThrow(() => checkAnnouncedInAdvance('themed_reception', '2026-03-21', '2026-03-20'));
  assert.doesNotThrow(() => checkAnnouncedInAdvance('other', '2026-03-01', '2026-03-20'));
});

void test('S-12: a month counts only with a themed reception announced before its day and not cancelled', () => {
  const r = receptionCompliance(
    [
      { kind: 'themed_reception', date: '2026-01-16', status: 'held', announcedOn: '2026-01-05' },
      { kind: 'themed_reception', date: '2026-02-10', status: 'cancelled', announcedOn: '2026-02-01' },
      { kind: 'themed_reception', date: '2026-03-10', status: 'held', announcedOn: '2026-03-10' },
      { kind: 'service_day', date: '2026-04-17', status: 'held', announcedOn: '2026-04-01' },
    ],
    2026,
    '2026-04-30',
  );
  assert.deepEqual(r.months.map((m) => m.met), [true, false, false, false]);
});

void test('CSV: quotes, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
  assert.deepEqual(parseCsv('\uFEFFa,"b, c","d ""e"""\r\n"x\ny",z,\n'), [
    ['a', 'b, c', 'd "e"'],
    ['x\ny', 'z', ''],
  ]);
  assert.throws(() => parseCsv('a,"b'), /unterminated quote/);
});

void test('CSV rows: Chinese or English headers; every problem reported with its line', () => {
  const rows = stationRowsFromCsv('编号,名称,类型,地址,纬度,经度\nA1,甲站,联络站,甲路,35.7,114.3\nB2,乙点,示范点,乙路,,\n');
  assert.equal(rows.length, 2);
  assert.equal(rows[1]?.kind, 'demonstration_point');
  assert.equal(rows[1]?.lat, null);
  try {
    stationRowsFromCsv('code,name,kind,address,lat\nA1,甲,station,路,95\nA1,,卫生站,,\n');
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof DomainError);
    const lines = (e.details as { line: number }[]).map((d) => d.line);
    assert.deepEqual([...new Set(lines)], [2, 3]);
  }
  assert.throws(() => stationRowsFromCsv('name,kind\n甲,station\n'), /lacks a code/);
});

void test('iCalendar: TEXT escaping and folding at 75 octets without splitting a character', () => {
  const base = { sequence: 1, stamp: '2026-03-01T02:03:04.000Z', date: '2026-03-20', startTime: '09:00', endTime: '11:30', location: 'l', description: 'd', status: 'planned' as const, geo: null };
  const ics = buildIcs('日历', [
    { ...base, uid: 'u1@yishi', summary: 's' },
    { ...base, uid: 'u2@yishi', summary: 'a,b;c\\d\ne', description: '代表'.repeat(40), status: 'cancelled', geo: { lat: 35.7475, lng: 114.2972 } },
  ]);
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
  assert.ok(ics.includes('BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n'));
  assert.ok(ics.includes('DTSTAMP:20260301T020304Z\r\n'));
  assert.ok(ics.includes('DTSTART;TZID=Asia/Shanghai:20260320T090000\r\n'));
  assert.ok(ics.includes('DTEND;TZID=Asia/Shanghai:20260320T113000\r\n'));
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  for (const l of ics.split('\r\n')) assert.ok(Buffer.byteLength(l) <= 75, l);
  const unfolded = ics.replace(/\r\n /g, '');
  assert.ok(unfolded.includes('SUMMARY:a\\,b\\;c\\\\d\\ne\r\n'));
  assert.ok(unfolded.includes(`DESCRIPTION:${'代表'.repeat(40)}\r\n`));
  assert.ok(unfolded.includes('STATUS:CANCELLED\r\n'));
  assert.ok(unfolded.includes('GEO:35.7475;114.2972\r\n'));
  assert.ok(!ics.includes('\uFFFD'), 'no character split by folding');
});
