import { z } from 'zod';
import { Id, IsoDate } from './congress.ts';

export const MembershipRole = z.enum(['chair', 'vice_chair', 'secretary_general', 'member', 'head', 'deputy_head', 'staff']);
export type MembershipRole = z.infer<typeof MembershipRole>;

/** listMembers: the standing committee's composition, in the gazette's order. */
export const Member = z.object({ id: Id, name: z.string(), role: MembershipRole, roleZh: z.string(), rank: z.number().int(), post: z.string().nullable() });

export const Person = z.object({ id: Id, name: z.string(), gender: z.enum(['male', 'female']).nullable(), note: z.string().nullable() });
export const CreatePerson = z
  .object({ name: z.string().trim().min(1).max(50), gender: z.enum(['male', 'female']).nullable().optional(), note: z.string().trim().max(500).nullable().optional() })
  .strict();
export const UpdatePerson = CreatePerson.partial().strict();

export const Membership = z.object({
  id: Id,
  bodyId: Id,
  bodyName: z.string(),
  personId: Id,
  personName: z.string(),
  role: MembershipRole,
  rank: z.number().int(),
  post: z.string().nullable(),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
});
export const CreateMembership = z
  .object({
    bodyId: Id,
    personId: Id,
    role: MembershipRole,
    rank: z.number().int().min(0).max(100000).optional(),
    post: z.string().trim().max(200).nullable().optional(),
    startDate: IsoDate.nullable().optional(),
  })
  .strict();
export const EndMembership = z.object({ endDate: IsoDate }).strict();
