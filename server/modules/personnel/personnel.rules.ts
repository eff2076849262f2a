import { ACT_ZH } from '../../../contracts/profile.ts';
import type { PersonnelAct } from '../../../contracts/profile.ts';
import { errors } from '../../platform/errors.ts';

// The personnel register (任免, domain §8): a post never has two holders by mistake, a removal names a
// post the person holds, and term dates are consistent. Acts of one meeting apply together: all
// removals first, then appointments (the 6th meeting removes 牛海民 from market regulation while
// appointing him to the development commission, whose previous head is removed in the same list).


export const ENDING_ACTS: readonly PersonnelAct[] = ['remove', 'decide_remove', 'accept_resignation', 'dismiss', 'recall'];
export const isEnding = (a: PersonnelAct): boolean => ENDING_ACTS.includes(a);

export const RULE = '§8';

export interface Holding {
  id: string;
  postId: string;
  personId: string;
  startDate: string;
  endDate: string | null;
}

export interface ActInput {
  act: PersonnelAct;
  personId: string;
  postId: string;
}

export type Change = { kind: 'end'; holdingId: string; act: PersonnelAct } | { kind: 'start'; postId: string; personId: string; act: PersonnelAct; acting: boolean };

const heldOn = (h: Holding, date: string): boolean => h.startDate <= date && (h.endDate === null || h.endDate > date);

/**
 * Plans the changes a set of acts makes on `date`, against the holdings so far. Refuses: a removal
 * from a post not held; a second holder of a single-holder post; an appointment to a post the
 * person already holds; an act dated before the term it ends began, or inside a later term.
 */
export function planActs(acts: readonly ActInput[], holdings: readonly Holding[], singleHolder: (postId: string) => boolean, date: string): Change[] {
  const live = holdings.map((h) => ({ ...h }));
  const out: Change[] = [];
  const ordered = [...acts.filter((a) => isEnding(a.act)), ...acts.filter((a) => !isEnding(a.act))];
  for (const a of ordered) {
    if (isEnding(a.act)) {
      const h = live.find((x) => x.personId === a.personId && x.postId === a.postId && x.endDate === null);
      if (!h) {
        throw errors.invalid('POST_NOT_HELD', `${ACT_ZH[a.act]}须针对本人现任职务：此人未担任该职务`, 'A removal must name a post the person holds', RULE, { personId: a.personId, postId: a.postId });
      }
      if (h.startDate > date) throw errors.invalid('DATES_INCONSISTENT', '免职日期早于任职日期', 'The removal is dated before the appointment', RULE);
      h.endDate = date;
      out.push({ kind: 'end', holdingId: h.id, act: a.act });
      continue;
    }
    const mine = live.find((x) => x.postId === a.postId && x.personId === a.personId && (x.endDate === null || heldOn(x, date)));
    if (mine) throw errors.conflict('ALREADY_HOLDS_POST', '此人已担任该职务', 'The person already holds this post', RULE);
    if (live.some((x) => x.postId === a.postId && x.endDate !== null && x.endDate > date)) {
      throw errors.invalid('DATES_INCONSISTENT', '任职日期与该职务已有的任期重叠', 'The appointment overlaps a recorded term of the post', RULE);
    }
    if (singleHolder(a.postId) && live.some((x) => x.postId === a.postId && x.endDate === null)) {
      throw errors.conflict('POST_OCCUPIED', '该职务已有人担任，须先免去现任者', 'The post already has a holder; remove the holder first', RULE);
    }
    live.push({ id: `new:${String(out.length)}`, postId: a.postId, personId: a.personId, startDate: date, endDate: null });
    out.push({ kind: 'start', postId: a.postId, personId: a.personId, act: a.act, acting: a.act === 'decide_acting' });
  }
  return out;
}

export interface ListEntry {
  group: number;
  act: PersonnelAct;
  actZh: string;
  name: string;
  gender: 'male' | 'female' | null;
  post: string;
}

/** The gazette's personnel list: groups in order, within a group the acts in order of first appearance (L2288–L2331). */
interface ActGroup {
  act: PersonnelAct;
  actZh: string;
  people: { name: string; gender: 'male' | 'female' | null; post: string }[];
}

export function gazetteGroups(entries: readonly ListEntry[]): { group: number; acts: ActGroup[] }[] {
  const groups = new Map<number, Map<PersonnelAct, ActGroup>>();
  for (const e of entries) {
    let g = groups.get(e.group);
    if (!g) groups.set(e.group, (g = new Map<PersonnelAct, ActGroup>()));
    let a = g.get(e.act);
    if (!a) g.set(e.act, (a = { act: e.act, actZh: e.actZh, people: [] }));
    a.people.push({ name: e.name, gender: e.gender, post: e.post });
  }
  return [...groups.entries()].sort(([x], [y]) => x - y).map(([group, acts]) => ({ group, acts: [...acts.values()] }));
}
