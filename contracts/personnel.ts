import { z } from 'zod';
import { Id, IsoDate } from './congress.ts';
import { PersonnelAct } from './profile.ts';

// The personnel register (任免): posts, holdings over time, acts, and the gazette's personnel list.

export const CreatePost = z.object({ organ: z.string().trim().min(1).max(200), title: z.string().trim().min(1).max(200), singleHolder: z.boolean().optional() }).strict();
export const Holding = z.object({
  id: Id,
  personId: Id,
  name: z.string(),
  acting: z.boolean(),
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  appointedAct: PersonnelAct,
  appointedMeetingId: Id.nullable(),
  removedAct: PersonnelAct.nullable(),
  removedMeetingId: Id.nullable(),
});
export const Post = z.object({ id: Id, organ: z.string(), title: z.string(), singleHolder: z.boolean(), holdings: z.array(Holding) });
export const RecordPersonnelActs = z
  .object({ meetingId: Id.optional(), date: IsoDate, acts: z.array(z.object({ act: PersonnelAct, personId: Id, postId: Id }).strict()).min(1).max(200) })
  .strict();
export const PersonnelListEntry = z.object({ name: z.string(), gender: z.enum(['male', 'female']).nullable(), post: z.string() });
export const PersonnelList = z.object({
  meetingId: Id,
  groups: z.array(z.object({ group: z.number().int(), acts: z.array(z.object({ act: PersonnelAct, actZh: z.string(), people: z.array(PersonnelListEntry) })) })),
});
