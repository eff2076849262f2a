import type { RulesProfile } from '../../../contracts/profile.ts';

// Numbers and the articles they come from. Hebi's 议事规则 is the gazette's (seed L1043–L1289).
const hebi: RulesProfile = {
  preset: 'hebi',
  source: '鹤壁市人民代表大会常务委员会议事规则',
  // art. 7 (R-M1) every two months; art. 9 (R-M5) council and notice 7 days before, special meetings exempt;
  // art. 8 (R-M4) video attendance when the council decides.
  meetings: { regularIntervalMonths: 2, councilDaysBefore: 7, noticeDaysBefore: 7, specialMeetingsExempt: true, videoAttendance: true },
  // art. 8 (R-M3) 全体组成人员的过半数出席; art. 44 (R-V6) 全体组成人员的过半数通过.
  quorum: { base: 'all_members', num: 1, den: 2, strict: true },
  passing: { base: 'all_members', num: 1, den: 2, strict: true },
  // art. 18 (R-B2) bills 7 days; art. 31 (R-O2) reports 3 days; art. 24 (R-B8) plan 45, budget and accounts 30.
  deadlines: {
    billDaysBefore: 7,
    reportDaysBefore: 3,
    reportToCommitteeDaysBefore: null,
    planAdjustmentDaysBefore: 45,
    budgetAdjustmentDaysBefore: 30,
    finalAccountsDaysBefore: 30,
  },
  // art. 17 bills by 5 members; art. 38 interpellations by 5; art. 36 inquiries by 5 members or 10 deputies.
  cosigners: { bill: 5, interpellation: 5, inquiryMembers: 5, inquiryDeputies: 10 },
  // art. 43 (R-V5) 任免案、撤职案、罢免案逐人表决.
  perPersonVoteActs: ['appoint', 'decide_appoint', 'remove', 'decide_remove', 'decide_acting', 'accept_resignation', 'dismiss', 'recall'],
  speech: { firstMinutes: null, secondMinutes: null },
  // Service day: the third Friday of every month (seed L1514).
  serviceDay: { weekOfMonth: 3, weekday: 5 },
  // 河南省代表建议、批评和意见办理办法 art. 14, 18, 20, 22.
  handling: { reassignRequestWorkingDays: 10, coHandlingMonths: 2, replyMonths: 3, hardCaseMonths: 6, feedbackWorkingDays: 10, rehandleMonths: 1 },
  audit: { hash: 'sha256' },
  // Personal data at rest (opinions, deputies' contacts): AES-256-GCM; SM4 where a congress requires it.
  privacy: { fieldCipher: 'aes-256-gcm' },
};

// 北京市人民代表大会常务委员会议事规则 (2010).
const beijing: RulesProfile = {
  ...hebi,
  preset: 'beijing',
  source: '北京市人民代表大会常务委员会议事规则',
  // art. 3 every two months; art. 5 notice 7 days before, special meetings notified at short notice; no video.
  meetings: { regularIntervalMonths: 2, councilDaysBefore: 7, noticeDaysBefore: 7, specialMeetingsExempt: true, videoAttendance: false },
  // art. 23: reports to the committee 20 days before, to the standing committee 10 days before.
  // The text sets no bill deadline; 20 days follows 监督法 practice and the architecture's note.
  deadlines: {
    billDaysBefore: 20,
    reportDaysBefore: 10,
    reportToCommitteeDaysBefore: 20,
    planAdjustmentDaysBefore: null,
    budgetAdjustmentDaysBefore: null,
    finalAccountsDaysBefore: null,
  },
  // art. 11 bills by 5; art. 28 interpellations by 5; no special-inquiry threshold.
  cosigners: { bill: 5, interpellation: 5, inquiryMembers: null, inquiryDeputies: null },
  // art. 37 任免案一般应当逐人表决.
  perPersonVoteActs: ['appoint', 'decide_appoint', 'remove', 'decide_remove'],
  // art. 33: first speech 10 minutes, second 5.
  speech: { firstMinutes: 10, secondMinutes: 5 },
  serviceDay: null,
};

// 重庆市人民代表大会常务委员会议事规则 (2023).
const chongqing: RulesProfile = {
  ...hebi,
  preset: 'chongqing',
  source: '重庆市人民代表大会常务委员会议事规则',
  // art. 8 every two months; art. 10 notice usually 7 days before; art. 12 video attendance.
  meetings: { regularIntervalMonths: 2, councilDaysBefore: 7, noticeDaysBefore: 7, specialMeetingsExempt: true, videoAttendance: true },
  // art. 23 bills 20 days before; art. 31 reports 20 days to the committee, then 10 days.
  deadlines: {
    billDaysBefore: 20,
    reportDaysBefore: 10,
    reportToCommitteeDaysBefore: 20,
    planAdjustmentDaysBefore: null,
    budgetAdjustmentDaysBefore: null,
    finalAccountsDaysBefore: null,
  },
  // art. 22 bills by 5; art. 37 interpellations by 5.
  cosigners: { bill: 5, interpellation: 5, inquiryMembers: null, inquiryDeputies: null },
  // The text is silent; 全国人大常委会议事规则 art. 34 (任免案逐人表决) applies.
  perPersonVoteActs: ['appoint', 'decide_appoint', 'remove', 'decide_remove'],
  // art. 43: plenary speeches 10 minutes (group sessions 15 then 10).
  speech: { firstMinutes: 10, secondMinutes: 10 },
  serviceDay: null,
};

export const PRESETS = { hebi, beijing, chongqing } as const;
export type PresetName = keyof typeof PRESETS;
export const DEFAULT_PROFILE: RulesProfile = hebi;
