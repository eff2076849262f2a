// The working-day calendar: pure counting across National Day 2025 and Spring Festival 2026 (both
// with adjusted working days, 调休), and the office's overrides through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_DATA_LAST_YEAR,
  NATIONAL_CALENDAR as cal,
  addCalendarMonths,
  addMonths,
  addWorkingDays,
  createCalendar,
  isWorkingDay,
  localDateOf,
  nthWeekdayOfMonth,
} from '../server/platform/calendar/calendar.rules.ts';
import { type TestApp, startTestApp } from './harness.ts';

void describe('calendar rules', () => {
  void test('National Day 2025: Oct 1–8 off, Sun Sep 28 and Sat Oct 11 are working days (调休)', () => {
    assert.equal(cal.isWorkingDay('2025-09-28'), true);
    assert.equal(cal.day('2025-09-28').source, 'adjusted_workday');
    for (let d = 1; d <= 8; d++) assert.equal(cal.isWorkingDay(`2025-10-0${d}`), false, `Oct ${d}`);
    assert.equal(cal.day('2025-10-01').name, '国庆节');
    assert.equal(cal.isWorkingDay('2025-10-09'), true);
    assert.equal(cal.isWorkingDay('2025-10-11'), true);
    assert.equal(cal.isWorkingDay('2025-10-12'), false);
  });

  void test('Spring Festival 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 are working days', () => {
    assert.equal(cal.isWorkingDay('2026-02-14'), true);
    for (let d = 15; d <= 23; d++) assert.equal(cal.isWorkingDay(`2026-02-${d}`), false, `Feb ${d}`);
    assert.equal(cal.isWorkingDay('2026-02-24'), true);
    assert.equal(cal.isWorkingDay('2026-02-28'), true);
    assert.equal(cal.isWorkingDay('2026-03-01'), false);
  });

  void test('H-14 办法 art. 14: ten working days from assignment on Fri 2025-09-26 end on 2025-10-16, not 10-10', () => {
    // Sep 28 (Sun, worked) 1, Sep 29 2, Sep 30 3, [Oct 1–8 off], Oct 9 4, Oct 10 5, Oct 11 (Sat, worked) 6, Oct 13–16 7–10.
    assert.equal(cal.addWorkingDays('2025-09-26', 10), '2025-10-16');
    assert.equal(addWorkingDays('2025-09-26', 10), '2025-10-16');
  });

  void test('H-22 办法 art. 22: ten working days of feedback from Thu 2026-02-12 end on 2026-03-04', () => {
    // Feb 13 1, Feb 14 (Sat, worked) 2, [Feb 15–23 off], Feb 24–27 3–6, Feb 28 (Sat, worked) 7, Mar 2–4 8–10.
    assert.equal(cal.addWorkingDays('2026-02-12', 10), '2026-03-04');
  });

  void test('the start day never counts (民法典 art. 201), also when it is a working day', () => {
    assert.equal(cal.addWorkingDays('2025-10-09', 1), '2025-10-10');
    assert.equal(cal.addWorkingDays('2025-10-03', 1), '2025-10-09');
    assert.equal(cal.addWorkingDays('2025-10-09', -1), '2025-09-30');
    assert.equal(cal.addWorkingDays('2025-10-09', 0), '2025-10-09');
    assert.equal(cal.workingDaysBetween('2025-09-30', '2025-10-09'), 1);
    assert.equal(cal.workingDaysBetween('2025-10-09', '2025-09-30'), -1);
  });

  void test('H-20 办法 art. 20: three months end on the corresponding day, moved past a holiday (民法典 art. 202–203)', () => {
    assert.equal(cal.addMonths('2025-11-15', 3), '2026-02-24'); // Feb 15 is 春节 → first working day after
    assert.equal(cal.addMonths('2025-07-01', 3), '2025-10-09'); // Oct 1 is 国庆节
    assert.equal(cal.addMonths('2025-06-10', 3), '2025-09-10'); // an ordinary Wednesday stays
    assert.equal(addMonths('2025-06-10', 3), '2025-09-10');
  });

  void test('a month without the corresponding day ends on its last day, which may be a 调休 working Saturday', () => {
    assert.equal(addCalendarMonths('2025-11-30', 3), '2026-02-28');
    assert.equal(cal.addMonths('2025-11-30', 3), '2026-02-28'); // Sat Feb 28 2026 is worked: no roll-forward
    assert.equal(addCalendarMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(cal.addMonths('2025-08-31', 6), '2026-02-28');
  });

  void test('overrides win over the national data in both directions', () => {
    const c = createCalendar([
      { date: '2025-10-09', working: false, note: '本地假日' },
      { date: '2025-10-04', working: true },
    ]);
    assert.equal(c.isWorkingDay('2025-10-09'), false);
    assert.deepEqual(c.day('2025-10-09'), { date: '2025-10-09', working: false, source: 'override', name: '本地假日' });
    assert.equal(c.isWorkingDay('2025-10-04'), true);
    assert.equal(c.addWorkingDays('2025-10-03', 1), '2025-10-04');
    assert.equal(isWorkingDay('2025-10-09', [{ date: '2025-10-09', working: false }]), false);
  });

  void test('years past the national data fall back to weekdays until the office enters the holidays', () => {
    assert.ok(BASE_DATA_LAST_YEAR >= 2026);
    const y = BASE_DATA_LAST_YEAR + 1;
    const jan1 = `${y}-01-01`;
    const weekday = cal.day(jan1).source;
    assert.ok(weekday === 'weekday' || weekday === 'weekend');
    const c = createCalendar([{ date: jan1, working: false, note: '元旦' }]);
    assert.equal(c.isWorkingDay(jan1), false);
  });

  void test('service day: the third Friday (seed L1514); local dates are Asia/Shanghai', () => {
    assert.equal(nthWeekdayOfMonth(2025, 10, 3, 5), '2025-10-17');
    assert.equal(nthWeekdayOfMonth(2026, 2, 3, 5), '2026-02-20');
    assert.equal(nthWeekdayOfMonth(2026, 2, 5, 5), null);
    assert.equal(localDateOf('2025-09-30T16:30:00Z'), '2025-10-01');
    assert.equal(localDateOf('2025-09-30T15:59:59Z'), '2025-09-30');
  });
});

void describe('calendar API', () => {
  let t: TestApp;
  let office: string;
  before(async () => {
    t = await startTestApp();
    office = await t.login('office');
  });
  after(() => t.close());

  void test('the public reads the calendar; a range shows holidays and adjusted working days', async () => {
    const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/calendar?from=2025-09-27&to=2025-10-12`);
    assert.equal(r.status, 200);
    const byDate = new Map<string, { working: boolean; source: string }>(r.body.days.map((d: { date: string; working: boolean; source: string }) => [d.date, d]));
    assert.equal(byDate.get('2025-09-28')?.source, 'adjusted_workday');
    assert.equal(byDate.get('2025-10-03')?.working, false);
    assert.equal(r.body.days.length, 16);
  });

  void test('the office sets and removes an override; deadlines follow it; others are refused', async () => {
    const url = `/api/v1/congresses/${t.hebiId}/calendar/overrides/2025-10-10`;
    assert.equal((await t.request('PUT', url, { body: { working: false } })).status, 401);
    assert.equal((await t.request('PUT', url, { token: await t.login('m05'), body: { working: false } })).status, 403);
    const set = await t.request('PUT', url, { token: office, body: { working: false, note: '防汛调整' } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const d1 = await t.request('GET', `/api/v1/congresses/${t.hebiId}/calendar/deadline?from=2025-09-26&workingDays=10`);
    assert.equal(d1.body.due, '2025-10-17');
    const list = await t.request('GET', `/api/v1/congresses/${t.hebiId}/calendar/overrides`);
    assert.deepEqual(list.body.map((o: { date: string }) => o.date), ['2025-10-10']);
    // Another congress is unaffected.
    const d2 = await t.request('GET', `/api/v1/congresses/${t.henanId}/calendar/deadline?from=2025-09-26&workingDays=10`);
    assert.equal(d2.body.due, '2025-10-16');
    assert.equal((await t.request('DELETE', url, { token: office })).status, 204);
    const d3 = await t.request('GET', `/api/v1/congresses/${t.hebiId}/calendar/deadline?from=2025-09-26&workingDays=10`);
    assert.equal(d3.body.due, '2025-10-16');
    const months = await t.request('GET', `/api/v1/congresses/${t.hebiId}/calendar/deadline?from=2025-11-15&months=3`);
    assert.equal(months.body.due, '2026-02-24');
  });

  void test('bad input: an impossible date and a range over 400 days', async () => {
    assert.equal((await t.request('PUT', `/api/v1/congresses/${t.hebiId}/calendar/overrides/2025-02-30`, { token: office, body: { working: true } })).status, 400);
    assert.equal((await t.request('GET', `/api/v1/congresses/${t.hebiId}/calendar?from=2025-01-01&to=2026-12-31`)).status, 422);
  });
});
