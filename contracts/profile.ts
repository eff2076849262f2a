import { z } from 'zod';

/** "More than num/den of the base": 议事规则 speaks of 过半数 (more than half) of ALL members. */
const Threshold = z
  .object({
    base: z.enum(['all_members', 'present_members']),
    num: z.number().int().min(1),
    den: z.number().int().min(1),
    strict: z.boolean().describe('true: more than the fraction (过半数); false: at least'),
  })
  .strict()
  .refine((t) => t.num <= t.den, { error: 'num must not exceed den' });

const Days = z.number().int().min(0).max(365);

export const FieldCipher = z.enum(['aes-256-gcm', 'sm4']);
export type FieldCipher = z.infer<typeof FieldCipher>;

export const PersonnelAct = z.enum(['appoint', 'decide_appoint', 'remove', 'decide_remove', 'decide_acting', 'accept_resignation', 'dismiss', 'recall']);
export type PersonnelAct = z.infer<typeof PersonnelAct>;

/** How the gazette names each act (L2288–L2331). */
export const ACT_ZH: Record<PersonnelAct, string> = {
  appoint: '任命',
  decide_appoint: '决定任命',
  remove: '免去',
  decide_remove: '决定免去',
  decide_acting: '决定代理',
  accept_resignation: '接受辞职',
  dismiss: '撤职',
  recall: '罢免',
};

export const RulesProfileSchema = z
  .object({
    preset: z.enum(['hebi', 'beijing', 'chongqing', 'custom']),
    /** The text the numbers come from, e.g. 鹤壁市人民代表大会常务委员会议事规则. */
    source: z.string().min(1).max(200),
    meetings: z
      .object({
        regularIntervalMonths: z.number().int().min(1).max(12),
        councilDaysBefore: Days,
        noticeDaysBefore: Days,
        specialMeetingsExempt: z.boolean(),
        videoAttendance: z.boolean(),
      })
      .strict(),
    quorum: Threshold,
    passing: Threshold,
    deadlines: z
      .object({
        billDaysBefore: Days,
        reportDaysBefore: Days,
        /** Reports first go to the committee this many days before (Beijing and Chongqing: 20). */
        reportToCommitteeDaysBefore: Days.nullable(),
        planAdjustmentDaysBefore: Days.nullable(),
        budgetAdjustmentDaysBefore: Days.nullable(),
        finalAccountsDaysBefore: Days.nullable(),
      })
      .strict(),
    cosigners: z
      .object({
        bill: z.number().int().min(1).max(100),
        interpellation: z.number().int().min(1).max(100),
        inquiryMembers: z.number().int().min(1).max(100).nullable(),
        inquiryDeputies: z.number().int().min(1).max(1000).nullable(),
      })
      .strict(),
    perPersonVoteActs: z.array(PersonnelAct).max(8),
    speech: z
      .object({ firstMinutes: z.number().int().min(1).max(120).nullable(), secondMinutes: z.number().int().min(1).max(120).nullable() })
      .strict(),
    serviceDay: z
      .object({ weekOfMonth: z.number().int().min(1).max(5), weekday: z.number().int().min(1).max(7) })
      .strict()
      .nullable(),
    handling: z
      .object({
        reassignRequestWorkingDays: Days,
        coHandlingMonths: z.number().int().min(1).max(24),
        replyMonths: z.number().int().min(1).max(24),
        hardCaseMonths: z.number().int().min(1).max(24),
        feedbackWorkingDays: Days,
        rehandleMonths: z.number().int().min(1).max(24),
      })
      .strict(),
    audit: z.object({ hash: z.enum(['sha256', 'sm3']) }).strict(),
    /**
     * How personal data is encrypted at rest (citizens' names, phone numbers and ID numbers,
     * deputies' private contacts): AES-256-GCM, or SM4 where the national algorithms are required.
     * Profiles saved before this setting existed read as AES-256-GCM.
     */
    privacy: z.object({ fieldCipher: FieldCipher }).strict().default({ fieldCipher: 'aes-256-gcm' }),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.quorum.base !== 'all_members') {
      ctx.addIssue({ code: 'custom', path: ['quorum', 'base'], message: '组织法: quorum counts ALL members (全体组成人员)' });
    }
    if (p.handling.hardCaseMonths < p.handling.replyMonths) {
      ctx.addIssue({ code: 'custom', path: ['handling', 'hardCaseMonths'], message: 'hard-case deadline must not be shorter than the ordinary one' });
    }
  });

export type RulesProfile = z.infer<typeof RulesProfileSchema>;
