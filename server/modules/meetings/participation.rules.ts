import type { RulesProfile } from '../../../contracts/profile.ts';
import { DomainError } from '../../platform/errors.ts';
import type { MeetingState } from '../../platform/schema.ts';
import { RULE } from './meetings.rules.ts';

// Observers (R-M8), groups and sessions (R-M9), speakers (R-V1).

// ---------------------------------------------------------------- citizen observers (R-M8, art. 13)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 居民身份证号码: 17 digits and a check character (0–9 or X). Returns it normalised (upper-case X). */
export function normaliseIdNumber(raw: string): string {
  const id = raw.trim().toUpperCase();
  const bad = () => new DomainError(422, 'ID_NUMBER_INVALID', '居民身份证号码不正确', 'The identity card number is not valid', RULE.M8);
  if (!/^\d{17}[\dX]$/.test(id)) throw bad();
  const sum = ID_WEIGHTS.reduce((acc, wgt, i) => acc + wgt * Number(id[i]), 0);
  if (ID_CHECK[sum % 11] !== id[17]) throw bad();
  const birth = id.slice(6, 14);
  const dt = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(dt.getTime()) || dt.toISOString().slice(0, 10).replaceAll('-', '') !== birth) throw bad();
  return id;
}

/** A mainland mobile number, 11 digits starting with 1; spaces and dashes are ignored. */
export function normalisePhone(raw: string): string {
  const p = raw.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (!/^1\d{10}$/.test(p)) throw new DomainError(422, 'PHONE_INVALID', '手机号码不正确', 'The mobile number is not valid', RULE.M8);
  return p;
}

/** Registration is open for a public meeting from its announcement (the notice) until it opens, while seats remain. */
export function checkObserverRegistration(m: { isPublic: boolean; state: MeetingState; seats: number; approved: number }): void {
  if (!m.isPublic || m.state !== 'notified') {
    throw new DomainError(409, 'OBSERVERS_CLOSED', '本次会议不接受旁听报名', 'This meeting does not take observer registrations', RULE.M8);
  }
  if (m.seats <= 0 || m.approved >= m.seats) {
    throw new DomainError(409, 'OBSERVER_SEATS_FULL', '旁听席位已满', 'The observer seats are full', RULE.M8, { seats: m.seats, approved: m.approved });
  }
}

/** Approval never seats more observers than the meeting has seats for. */
export function checkObserverApproval(seats: number, approved: number): void {
  if (approved >= seats) throw new DomainError(409, 'OBSERVER_SEATS_FULL', '旁听席位已满，不能再批准', 'The observer seats are full', RULE.M8, { seats, approved });
}

// ---------------------------------------------------------------- groups and sessions (R-M9, art. 14)

/** The office drafts the group lists: every member at most once, every group non-empty. */
export function checkGroupDraft(groups: readonly { name: string; memberIds: readonly string[] }[], memberIds: ReadonlySet<string>): void {
  const seen = new Set<string>();
  const names = new Set<string>();
  for (const g of groups) {
    if (names.has(g.name)) throw new DomainError(422, 'GROUP_NAME_TWICE', `组名“${g.name}”重复`, `The group name ${g.name} is used twice`, RULE.M9);
    names.add(g.name);
    for (const id of g.memberIds) {
      if (!memberIds.has(id)) throw new DomainError(422, 'GROUP_NOT_MEMBER', '分组名单中有人不是常务委员会组成人员', 'A group lists someone who is not a member', RULE.M9, { personId: id });
      if (seen.has(id)) throw new DomainError(422, 'GROUP_MEMBER_TWICE', '同一组成人员被分入两个小组', 'A member is listed in two groups', RULE.M9, { personId: id });
      seen.add(id);
    }
  }
}

/** R-M9: the secretary-general approves the group lists the office drafted. */
export function checkGroupsApprover(actorPersonId: string | null, secretaryGeneralIds: readonly string[], groupsState: string): void {
  if (actorPersonId === null || !secretaryGeneralIds.includes(actorPersonId)) {
    throw new DomainError(403, 'GROUPS_APPROVER', '分组名单由秘书长审定', 'The group lists are approved by the secretary-general', RULE.M9);
  }
  if (groupsState !== 'draft') throw new DomainError(409, 'GROUPS_NOT_DRAFTED', '没有待审定的分组名单', 'There are no drafted group lists to approve', RULE.M9);
}

export function checkGroupSession(groupsState: string): void {
  if (groupsState !== 'approved') {
    throw new DomainError(409, 'GROUPS_NOT_APPROVED', '分组名单经秘书长审定后才能安排分组会议', 'Group sessions need group lists approved by the secretary-general', RULE.M9);
  }
}

/**
 * R-M9: conveners rotate among the group's members. The next convener is the member who has
 * convened least often; among those, the one whose last turn lies furthest back (never first),
 * then the group's order. `history` lists earlier conveners, oldest first.
 */
export function nextConvener(members: readonly string[], history: readonly string[]): string | null {
  if (members.length === 0) return null;
  const count = new Map<string, number>();
  const last = new Map<string, number>();
  history.forEach((p, i) => {
    count.set(p, (count.get(p) ?? 0) + 1);
    last.set(p, i);
  });
  let best: string | null = null;
  let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
  members.forEach((p, order) => {
    const key: [number, number, number] = [count.get(p) ?? 0, last.get(p) ?? -1, order];
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
      best = p;
      bestKey = key;
    }
  });
  return best;
}

export function defaultSessionTitle(kind: 'plenary' | 'group' | 'joint', n: number, zhN: string): string {
  switch (kind) {
    case 'plenary':
      return `第${zhN}次全体会议`;
    case 'group':
      return `分组会议（${n}）`;
    case 'joint':
      return `联组会议（${n}）`;
  }
}

// ---------------------------------------------------------------- speakers (R-V1, art. 40)

/**
 * Registering beforehand with the office puts a member in the queue. Once the item is under
 * deliberation in session, a request is ad hoc and waits for the presiding person's consent.
 */
export function speakerKind(state: MeetingState, itemIsCurrent: boolean): 'registered' | 'adhoc' {
  return state === 'in_session' && itemIsCurrent ? 'adhoc' : 'registered';
}

export function checkSpeakerRegistration(state: MeetingState, itemStatus: string): void {
  if (state === 'closed') throw new DomainError(409, 'MEETING_CLOSED', '会议已闭会', 'The meeting is closed');
  if (itemStatus === 'removed') throw new DomainError(422, 'ITEM_REMOVED', '该议题已从议程中撤下', 'That item was removed from the agenda', RULE.V1);
}

/** Only the presiding person orders the queue and consents to ad-hoc requests (R-V1). */
export function checkPresidingActor(actorPersonId: string | null, presidingPersonId: string | null, what: { zh: string; en: string }): void {
  if (presidingPersonId === null || actorPersonId !== presidingPersonId) {
    throw new DomainError(403, 'NOT_PRESIDING', `${what.zh}由会议主持人决定`, `Only the presiding person may ${what.en}`, RULE.V1);
  }
}

/** The new order must list exactly the queued speakers of the item. */
export function checkQueueOrder(queued: readonly string[], order: readonly string[]): void {
  const a = [...queued].sort();
  const b = [...order].sort();
  if (a.length !== b.length || a.some((x, i) => x !== b[i]) || new Set(order).size !== order.length) {
    throw new DomainError(422, 'QUEUE_MISMATCH', '排序须恰好包含该议题排队中的全部发言人', 'The order must list exactly the queued speakers of the item', RULE.V1, { queued });
  }
}

/** The profile's limits: the first speech on an item and any further one (e.g. Beijing art. 33: 10 and 5 minutes). */
export function speechLimitSeconds(speech: RulesProfile['speech'], speechNo: number): number | null {
  const minutes = speechNo <= 1 ? speech.firstMinutes : speech.secondMinutes;
  return minutes === null ? null : minutes * 60;
}

/** The timer: seconds spoken so far (or in all), and whether the limit is passed. */
export function speechTimer(startedAt: string | null, endedAt: string | null, limitSeconds: number | null, now: string): { elapsedSeconds: number | null; overrun: boolean } {
  if (startedAt === null) return { elapsedSeconds: null, overrun: false };
  const elapsed = Math.max(0, Math.floor((new Date(endedAt ?? now).getTime() - new Date(startedAt).getTime()) / 1000));
  return { elapsedSeconds: elapsed, overrun: limitSeconds !== null && elapsed > limitSeconds };
}
