// Run-time lists of the contracts' enums, for selects and filters. Each is written as a Record so
// the compiler refuses a list that misses a value the contracts define.
import type { BodyKind, CongressLevel, MembershipRole, PersonnelAct, Role } from './api.ts';

const keysOf = <K extends string>(r: Record<K, true>): K[] => Object.keys(r) as K[];

export const ROLES: Role[] = keysOf<Role>({
  admin: true,
  office: true,
  chair: true,
  member: true,
  committee: true,
  deputy: true,
  station_staff: true,
  handling_unit: true,
});

export const MEMBERSHIP_ROLES: MembershipRole[] = keysOf<MembershipRole>({
  chair: true,
  vice_chair: true,
  secretary_general: true,
  member: true,
  head: true,
  deputy_head: true,
  staff: true,
});

export const BODY_KINDS: BodyKind[] = keysOf<BodyKind>({
  standing_committee: true,
  chairpersons_council: true,
  special_committee: true,
  working_organ: true,
  delegation_group: true,
  handling_unit: true,
  external_organ: true,
});

/** Levels from the top of the tree down (domain.md §2). */
export const LEVELS: CongressLevel[] = keysOf<CongressLevel>({
  national: true,
  province: true,
  city: true,
  county: true,
  township: true,
  street: true,
});

/** Depth of each level; a child congress sits strictly below its parent (server: LEVEL_DEPTH). */
export const LEVEL_DEPTH: Record<CongressLevel, number> = { national: 0, province: 1, city: 2, county: 3, township: 4, street: 4 };

export const PERSONNEL_ACTS: PersonnelAct[] = keysOf<PersonnelAct>({
  appoint: true,
  decide_appoint: true,
  remove: true,
  decide_remove: true,
  decide_acting: true,
  accept_resignation: true,
  dismiss: true,
  recall: true,
});

export const PRESET_NAMES = ['hebi', 'beijing', 'chongqing', 'custom'] as const;
