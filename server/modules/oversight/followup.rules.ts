import type { WorkingCalendar } from '../../platform/calendar/calendar.rules.ts';
import { errors } from '../../platform/errors.ts';

// Follow-through (R-O4, R-O7, R-O8): the progress tree of multi-part tasks (Decidim accountability
// style: a parent's progress rolls up from its children, weighted), and which items are due soon or
// overdue for the reminders and the dashboards. Pure decisions only.

export interface ResultNode {
  id: string;
  parentId: string | null;
  progress: number;
  weight: number;
}

export interface RolledUp<T extends ResultNode> {
  node: T;
  /** A leaf's own progress; a parent's is the weighted mean of its children's, rounded to one decimal. */
  progress: number;
  children: RolledUp<T>[];
}

/** Builds the tree and rolls progress up from the leaves (R-O8: computed from the records, never typed in for a parent). */
export function rollUp<T extends ResultNode>(nodes: readonly T[]): RolledUp<T>[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const key = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), n]);
  }
  const build = (n: T, seen: ReadonlySet<string>): RolledUp<T> => {
    if (seen.has(n.id)) throw new Error(`cycle at ${n.id}`);
    const next = new Set(seen).add(n.id);
    const children = (byParent.get(n.id) ?? []).map((c) => build(c, next));
    if (children.length === 0) return { node: n, progress: n.progress, children };
    const total = children.reduce((a, c) => a + c.node.weight, 0);
    const sum = children.reduce((a, c) => a + c.progress * c.node.weight, 0);
    return { node: n, progress: total === 0 ? 0 : Math.round((sum / total) * 10) / 10, children };
  };
  return (byParent.get(null) ?? []).map((n) => build(n, new Set()));
}

/** Only a leaf's progress is entered; a parent's comes from its children. */
export function checkProgressEntry(hasChildren: boolean, progress: number): void {
  if (hasChildren) throw errors.conflict('PARENT_PROGRESS_COMPUTED', '该事项的进度由其子事项汇总得出，不能直接填写', 'A parent’s progress is computed from its children', 'R-O8');
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) throw errors.invalid('PROGRESS_RANGE', '进度应为0至100的整数', 'Progress is an integer from 0 to 100', 'R-O8');
}

/** A child is added under a parent of the same tree only; a task cannot be its own ancestor. */
export function checkParent(parent: { id: string } | null, ancestorsOfParent: readonly string[], selfId: string | null): void {
  if (parent && selfId && (parent.id === selfId || ancestorsOfParent.includes(selfId))) {
    throw errors.invalid('CYCLE', '事项不能成为自己的下级', 'A task cannot be placed under itself', 'R-O8');
  }
}

// ---- due and overdue (R-O4, R-O7) ------------------------------------------------------------------

export const addDays = (d: string, n: number): string => {
  const dt = new Date(`${d}T00:00:00Z`);
  dt.setUTCDate(dt.getUTCDate() + n);
  return dt.toISOString().slice(0, 10);
};

/** Reminders an open item has earned on `asOf`: due soon within `soonDays` before its due date, overdue after it. */
export function remindersDue(dueDate: string, asOf: string, soonDays: number): ('due_soon' | 'overdue')[] {
  if (asOf > dueDate) return ['overdue'];
  if (asOf >= addDays(dueDate, -soonDays)) return ['due_soon'];
  return [];
}

/**
 * The same in working days (督办 counts office days): "due soon" from the n-th working day before the
 * due date, counted on the congress's calendar (national holidays, 调休 working weekends, the
 * office's overrides), so a holiday week before a due date does not eat the notice.
 */
export function remindersDueWorking(cal: WorkingCalendar, dueDate: string, asOf: string, soonWorkingDays: number): ('due_soon' | 'overdue')[] {
  if (asOf > dueDate) return ['overdue'];
  if (asOf >= cal.addWorkingDays(dueDate, -soonWorkingDays)) return ['due_soon'];
  return [];
}

/** A due date set as a period: n working days after `from` (the start day not counted, 民法典 art. 201), or n calendar days moved past rest days (art. 203). */
export function dueDateAfter(cal: WorkingCalendar, from: string, n: number, unit: 'working_days' | 'days'): string {
  return unit === 'working_days' ? cal.addWorkingDays(from, n) : cal.nextWorkingDayFrom(addDays(from, n));
}

export interface DashboardItem {
  organ: string;
  kind: 'opinion_letter' | 'rectification' | 'special_inquiry' | 'result';
  dueDate: string;
}

/** "Due soon" starts this many working days before the due date (counted on the congress's calendar). */
export const REMINDER_SOON_WORKING_DAYS = 5;

/**
 * Per organ (or unit): how many open items are overdue and how many due soon on `asOf`, worst first.
 * "Due soon" counts working days on the congress's calendar, as the reminders do (R-O4).
 */
export function overdueByOrgan(cal: WorkingCalendar, items: readonly DashboardItem[], asOf: string, soonWorkingDays: number = REMINDER_SOON_WORKING_DAYS) {
  const rows = new Map<string, { organ: string; overdue: number; dueSoon: number; byKind: Record<DashboardItem['kind'], number> }>();
  for (const it of items) {
    const due = remindersDueWorking(cal, it.dueDate, asOf, soonWorkingDays);
    if (due.length === 0) continue;
    const r = rows.get(it.organ) ?? { organ: it.organ, overdue: 0, dueSoon: 0, byKind: { opinion_letter: 0, rectification: 0, special_inquiry: 0, result: 0 } };
    if (due[0] === 'overdue') {
      r.overdue += 1;
      r.byKind[it.kind] += 1;
    } else r.dueSoon += 1;
    rows.set(it.organ, r);
  }
  return [...rows.values()].sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.organ.localeCompare(b.organ, 'zh'));
}
