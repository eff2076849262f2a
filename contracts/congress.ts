import { z } from 'zod';

export const Id = z.string().min(1).max(64);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Name = z.string().trim().min(1).max(100);

export const CongressLevel = z.enum(['national', 'province', 'city', 'county', 'township', 'street']);
export const Congress = z.object({
  id: Id,
  parentId: Id.nullable(),
  level: CongressLevel,
  name: z.string(),
  nameEn: z.string().nullable(),
  standingCommitteeName: z.string().nullable(),
  shortName: z.string().nullable(),
  region: z.string().nullable(),
  slug: z.string(),
  currentTerm: z.number().int().nullable(),
});
export type Congress = z.infer<typeof Congress>;

export const CreateCongress = z
  .object({
    parentId: Id.nullable(),
    level: CongressLevel,
    name: Name,
    nameEn: z.string().trim().max(200).nullable().optional(),
    standingCommitteeName: Name.nullable().optional(),
    shortName: z.string().trim().max(50).nullable().optional(),
    region: z.string().trim().max(50).nullable().optional(),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,48}$/, 'lowercase letters, digits and dashes'),
  })
  .strict();
export const UpdateCongress = CreateCongress.omit({ parentId: true, level: true, slug: true }).partial().strict();

export const Term = z.object({ id: Id, number: z.number().int(), startDate: IsoDate.nullable(), endDate: IsoDate.nullable() });
export const CreateTerm = z.object({ number: z.number().int().min(1).max(100), startDate: IsoDate.nullable().optional(), endDate: IsoDate.nullable().optional() }).strict();

export const BodyKind = z.enum(['standing_committee', 'chairpersons_council', 'special_committee', 'working_organ', 'delegation_group', 'handling_unit', 'external_organ']);
export const Body = z.object({ id: Id, kind: BodyKind, name: z.string(), termId: Id.nullable(), parentBodyId: Id.nullable(), sortOrder: z.number().int() });
export const CreateBody = z
  .object({ kind: BodyKind, name: Name, termId: Id.nullable().optional(), parentBodyId: Id.nullable().optional(), sortOrder: z.number().int().min(0).max(100000).optional() })
  .strict();
export const UpdateBody = z.object({ name: Name.optional(), sortOrder: z.number().int().min(0).max(100000).optional() }).strict();

export const CongressParams = z.object({ congressId: Id }).strict();
