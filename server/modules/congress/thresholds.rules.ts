import type { RulesProfile } from '../../../contracts/profile.ts';

type Threshold = RulesProfile['quorum'];

/**
 * The smallest whole number of people that satisfies a threshold over `base` people.
 * "过半数" (more than half) of 41 is 21; of 40 it is 21; "at least half" of 40 would be 20.
 */
export function minimumFor(t: Threshold, base: number): number {
  const exact = (base * t.num) / t.den;
  return t.strict ? Math.floor(exact) + 1 : Math.ceil(exact);
}

/** 议事规则 art. 8 (R-M3): quorum counts ALL members, not those expected to come. */
export function quorumRequired(profile: RulesProfile, allMembers: number): number {
  return minimumFor(profile.quorum, allMembers);
}

/** 议事规则 art. 44 (R-V6): passing needs yes votes from more than half of ALL members. */
export function votesRequiredToPass(profile: RulesProfile, allMembers: number, present: number): number {
  return minimumFor(profile.passing, profile.passing.base === 'all_members' ? allMembers : present);
}
