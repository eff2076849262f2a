import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NATIONAL_CALENDAR as cal } from '../../platform/calendar/calendar.rules.ts';
import { DomainError } from '../../platform/errors.ts';
import { buildIcs, checkAnnouncedInAdvance, foldLine, icsEscape, parseCsv, receptionCompliance, serviceDays, stationRowsFromCsv } from './stations.rules.ts';

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
  assert.throws(() => parseCsv('a,"b'), /unterminated/);
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
  assert.equal(icsEscape('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
  const long = `SUMMARY:${'代表'.repeat(40)}`;
  const folded = foldLine(long);
  for (const l of folded.split('\r\n')) assert.ok(Buffer.byteLength(l) <= 75);
  assert.equal(folded.replace(/\r\n /g, ''), long);
  const ics = buildIcs('日历', [{ uid: 'u1@yishi', sequence: 1, stamp: '2026-03-01T02:03:04.000Z', date: '2026-03-20', startTime: '09:00', endTime: '11:30', summary: 's', location: 'l', description: 'd', status: 'planned', geo: null }]);
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
  assert.ok(ics.includes('DTSTAMP:20260301T020304Z\r\n'));
  assert.ok(ics.includes('DTSTART;TZID=Asia/Shanghai:20260320T090000\r\n'));
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
});
