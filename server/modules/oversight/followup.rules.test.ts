import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCalendar } from '../../platform/calendar/calendar.rules.ts';
import { DomainError } from '../../platform/errors.ts';
import { checkParent, checkProgressEntry, dueDateAfter, overdueByOrgan, remindersDue, remindersDueWorking, rollUp } from './followup.rules.ts';

const refused = (fn: () => unknown, rule: string, code?: string) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.rule === rule && e.status >= 400 && e.status < 500 && (code === undefined || e.code === code));

test('R-O8: progress rolls up from the leaves, weighted', () => {
  const [root] = rollUp([
    { id: 'r', parentId: null, progress: 0, weight: 1 },
    { id: 'a', parentId: 'r', progress: 100, weight: 3 },
    { id: 'b', parentId: 'r', progress: 0, weight: 1 },
    { id: 'b1', parentId: 'b', progress: 50, weight: 1 },
    { id: 'b2', parentId: 'b', progress: 0, weight: 1 },
  ]);
  assert.equal(root!.children[1]!.progress, 25);
  assert.equal(root!.progress, 81.3);
  assert.equal(rollUp([{ id: 'x', parentId: null, progress: 40, weight: 1 }])[0]!.progress, 40);
});

test('R-O8: a parent’s progress is computed, a leaf’s is 0–100; no task under itself', () => {
  refused(() => checkProgressEntry(true, 50), 'R-O8', 'PARENT_PROGRESS_COMPUTED');
  refused(() => checkProgressEntry(false, 101), 'R-O8', 'PROGRESS_RANGE');
  checkProgressEntry(false, 100);
  refused(() => checkParent({ id: 'a' }, ['b'], 'b'), 'R-O8', 'CYCLE');
  checkParent({ id: 'a' }, [], null);
});

test('R-O4 / R-O7: reminders due soon within the window, overdue after the due date; the dashboard per organ', () => {
  assert.deepEqual(remindersDue('2030-03-10', '2030-03-01', 7), []);
  assert.deepEqual(remindersDue('2030-03-10', '2030-03-03', 7), ['due_soon']);
  assert.deepEqual(remindersDue('2030-03-10', '2030-03-10', 7), ['due_soon']);
  assert.deepEqual(remindersDue('2030-03-10', '2030-03-11', 7), ['overdue']);
  const rows = overdueByOrgan(
    createCalendar(),
    [
      { organ: '市财政局', kind: 'rectification', dueDate: '2030-01-01' },
      { organ: '市财政局', kind: 'opinion_letter', dueDate: '2030-03-12' },
      { organ: '市审计局', kind: 'result', dueDate: '2030-01-01' },
      { organ: '市审计局', kind: 'result', dueDate: '2030-02-01' },
      { organ: '市教育局', kind: 'result', dueDate: '2031-01-01' },
    ],
    '2030-03-10',
    5,
  );
  assert.deepEqual(
    rows.map((r) => [r.organ, r.overdue, r.dueSoon]),
    [
      ['市审计局', 2, 0],
      ['市财政局', 1, 1],
    ],
  );
});

test('R-O4: "due soon" counts working days across the National Day holiday and its 调休 Sunday', () => {
  const cal = createCalendar();
  // Due Wed 2024-10-09. Five working days before: 10-08, (10-01…10-07 holiday), 09-30, Sun 09-29 (调休, a working day), (Sat 09-28), 09-27, 09-26.
  assert.deepEqual(remindersDueWorking(cal, '2024-10-09', '2024-09-25', 5), []);
  assert.deepEqual(remindersDueWorking(cal, '2024-10-09', '2024-09-26', 5), ['due_soon']);
  assert.deepEqual(remindersDueWorking(cal, '2024-10-09', '2024-10-09', 5), ['due_soon']);
  assert.deepEqual(remindersDueWorking(cal, '2024-10-09', '2024-10-10', 5), ['overdue']);
  // The office marks Fri 09-27 a rest day: the window opens a working day earlier.
  const withOverride = createCalendar([{ date: '2024-09-27', working: false, note: '本地调整' }]);
  assert.deepEqual(remindersDueWorking(withOverride, '2024-10-09', '2024-09-25', 5), ['due_soon']);
});

test('R-O4: a due date set in working days skips the holiday; in days it moves past rest days (民法典 art. 201, 203)', () => {
  const cal = createCalendar();
  assert.equal(dueDateAfter(cal, '2024-09-30', 3, 'working_days'), '2024-10-10');
  assert.equal(dueDateAfter(cal, '2024-09-27', 2, 'working_days'), '2024-09-30'); // Sun 09-29 is a 调休 working day
  assert.equal(dueDateAfter(cal, '2024-09-25', 7, 'days'), '2024-10-08'); // 10-02 falls in the holiday
});

test('R-O4: the dashboard’s "due soon" counts working days across the National Day holiday, as the reminders do', () => {
  const cal = createCalendar();
  // Due Wed 2024-10-09; on Wed 09-25 it is 12 calendar days away but only 6 working days (09-26, 09-27, Sun 09-29 调休, 09-30, 10-08, 10-09).
  const items = [{ organ: '市财政局', kind: 'opinion_letter' as const, dueDate: '2024-10-09' }];
  assert.deepEqual(overdueByOrgan(cal, items, '2024-09-25'), []);
  assert.deepEqual(overdueByOrgan(cal, items, '2024-09-26').map((r) => [r.organ, r.overdue, r.dueSoon]), [['市财政局', 0, 1]]);
  // A calendar-day window of 7 would not have reached 09-26 (13 days before); 5 working days do.
  assert.deepEqual(remindersDue('2024-10-09', '2024-09-26', 7), []);
  // Over an ordinary week the window is the same five working days: due Fri 2024-11-15 → from Fri 11-08.
  assert.deepEqual(overdueByOrgan(cal, [{ organ: 'x', kind: 'result', dueDate: '2024-11-15' }], '2024-11-07'), []);
  assert.equal(overdueByOrgan(cal, [{ organ: 'x', kind: 'result', dueDate: '2024-11-15' }], '2024-11-08')[0]?.dueSoon, 1);
  assert.equal(overdueByOrgan(cal, [{ organ: 'x', kind: 'result', dueDate: '2024-11-15' }], '2024-11-16')[0]?.overdue, 1);
});
