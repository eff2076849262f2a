import { z } from 'zod';
import { Id } from './congress.ts';

// The presiding script (主持词) and the phone's reading aids: read-only views of a meeting.

export const ScriptLineKind = z.enum(['address', 'quorum', 'adopt_agenda', 'item', 'presenter', 'vote_call', 'vote_progress', 'vote_result', 'nominee_result', 'closing']);

export const ScriptLine = z.object({
  kind: ScriptLineKind,
  text: z.string(),
  rule: z.string().nullable().describe('the rule the wording follows (R-M3, R-V5, R-V6 …)'),
  agendaItemId: Id.nullable(),
  pollId: Id.nullable(),
  current: z.boolean().describe('the line belongs to the current agenda item'),
});

export const PresidingScript = z.object({ meetingId: Id, title: z.string(), lines: z.array(ScriptLine) });

export const DocumentText = z.object({ documentId: Id, title: z.string(), text: z.string() });

export const CheckInLink = z.object({ code: z.string(), url: z.string(), qrSvg: z.string() });
