import { z } from 'zod';

// The part of the gazette fixture (shared/fixtures/hebi-12th-6th-meeting.json) this importer reads.
// Other keys are allowed: later importers (meetings, personnel) read them.
export const FixtureSchema = z.looseObject({
  congress: z.looseObject({
    name: z.string().min(1),
    standingCommittee: z.string().min(1),
    shortName: z.string().optional(),
    level: z.enum(['city', 'county', 'province']),
    province: z.string().min(1),
    term: z.number().int().min(1),
  }),
  standingCommitteeMembers: z.looseObject({
    members: z.array(z.looseObject({ name: z.string().min(1), role: z.enum(['主任', '副主任', '秘书长', '委员']), posts: z.array(z.string()).optional() })).min(1),
  }),
  bodies: z.looseObject({ specialCommittees: z.array(z.string()), workingOrgans: z.array(z.string()) }),
  handlingUnits: z.array(z.string()),
  meeting: z
    .looseObject({
      nonVotingAttendees: z.looseObject({ groups: z.array(z.looseObject({ org: z.string(), names: z.array(z.string()) })) }).optional(),
    })
    .optional(),
});
export type Fixture = z.infer<typeof FixtureSchema>;
