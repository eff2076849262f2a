// The rules profile as the form holds it. The form needs a switch for the optional service day;
// everything else maps one to one onto contracts/profile.ts.
import type { RulesProfile } from '../../api.ts';

export interface ProfileFormValues extends Omit<RulesProfile, 'serviceDay'> {
  serviceDayEnabled: boolean;
  serviceDay: { weekOfMonth: number; weekday: number };
}

export function toForm(p: RulesProfile): ProfileFormValues {
  return { ...p, serviceDayEnabled: p.serviceDay !== null, serviceDay: p.serviceDay ?? { weekOfMonth: 3, weekday: 5 } };
}

/** Builds the profile key by key: the server's schema is strict and refuses anything extra. */
export function fromForm(v: ProfileFormValues): RulesProfile {
  return {
    preset: v.preset,
    source: v.source.trim(),
    meetings: {
      regularIntervalMonths: v.meetings.regularIntervalMonths,
      councilDaysBefore: v.meetings.councilDaysBefore,
      noticeDaysBefore: v.meetings.noticeDaysBefore,
      specialMeetingsExempt: v.meetings.specialMeetingsExempt,
      videoAttendance: v.meetings.videoAttendance,
    },
    quorum: { base: v.quorum.base, num: v.quorum.num, den: v.quorum.den, strict: v.quorum.strict },
    passing: { base: v.passing.base, num: v.passing.num, den: v.passing.den, strict: v.passing.strict },
    deadlines: {
      billDaysBefore: v.deadlines.billDaysBefore,
      reportDaysBefore: v.deadlines.reportDaysBefore,
      reportToCommitteeDaysBefore: v.deadlines.reportToCommitteeDaysBefore ?? null,
      planAdjustmentDaysBefore: v.deadlines.planAdjustmentDaysBefore ?? null,
      budgetAdjustmentDaysBefore: v.deadlines.budgetAdjustmentDaysBefore ?? null,
      finalAccountsDaysBefore: v.deadlines.finalAccountsDaysBefore ?? null,
    },
    cosigners: {
      bill: v.cosigners.bill,
      interpellation: v.cosigners.interpellation,
      inquiryMembers: v.cosigners.inquiryMembers ?? null,
      inquiryDeputies: v.cosigners.inquiryDeputies ?? null,
    },
    perPersonVoteActs: v.perPersonVoteActs,
    speech: { firstMinutes: v.speech.firstMinutes ?? null, secondMinutes: v.speech.secondMinutes ?? null },
    serviceDay: v.serviceDayEnabled ? { weekOfMonth: v.serviceDay.weekOfMonth, weekday: v.serviceDay.weekday } : null,
    handling: {
      reassignRequestWorkingDays: v.handling.reassignRequestWorkingDays,
      coHandlingMonths: v.handling.coHandlingMonths,
      replyMonths: v.handling.replyMonths,
      hardCaseMonths: v.handling.hardCaseMonths,
      feedbackWorkingDays: v.handling.feedbackWorkingDays,
      rehandleMonths: v.handling.rehandleMonths,
    },
    audit: { hash: v.audit.hash },
    privacy: { fieldCipher: v.privacy.fieldCipher },
  };
}
