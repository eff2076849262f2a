import type { PollResult } from '../../../contracts/polls.ts';
import type { Ctx } from '../../platform/command.ts';
import { DomainError } from '../../platform/errors.ts';
import { offload } from '../../offload.ts';
import { getPollResult, listPolls } from '../polls/polls.queries.ts';
import { getCheckInCode } from './attendance.queries.ts';
import { openDocument } from './documents.commands.ts';
import type { Storage } from './documents.storage.ts';
import { meetingPolicy } from './meetings.policy.ts';
import { getMeeting, getQuorum } from './meetings.queries.ts';
import { meetingForWrite } from './meetings.scope.ts';
import { type ScriptPoll, presidingScript } from './script.rules.ts';

// qrcode loads on first use, not at start-up.
const qrcode = async () => (await import('qrcode')).default;

// Read-only views for the meeting screens: the presiding script (主持词) with live numbers, a DOCX
// document as text for the phone, and the sign-in link the hall's QR code carries.

/** getPresidingScript: for the office and the presiding leaders (the wording is in script.rules.ts). */
export async function getPresidingScript(ctx: Ctx, meetingId: string) {
  await meetingForWrite(ctx, meetingId, meetingPolicy.readReports);
  const [meeting, quorum, polls] = await Promise.all([getMeeting(ctx, meetingId), getQuorum(ctx, meetingId), listPolls(ctx, meetingId)]);
  const scriptPolls: ScriptPoll[] = [];
  for (const p of polls) {
    const sp: ScriptPoll = { id: p.id, agendaItemId: p.agendaItemId, subject: p.subject, kind: p.kind, status: p.status, votedCount: p.votedCount };
    if (p.status === 'closed' || p.status === 'announced') {
      const r: PollResult = await getPollResult(ctx, p.id);
      if (r.candidates && r.candidates.length > 0) {
        sp.nominees = r.candidates.map((c) => ({ name: c.name, actZh: c.actZh, post: c.post, yes: c.yes, no: c.no, abstain: c.abstain, passed: c.passed }));
      } else if (r.yes !== undefined) {
        sp.result = { yes: r.yes, no: r.no ?? 0, abstain: r.abstain ?? 0, passed: r.passed === true };
      }
    }
    scriptPolls.push(sp);
  }
  const lines = presidingScript({
    title: meeting.title,
    state: meeting.state,
    agendaAdopted: meeting.agendaAdoptedAt !== null,
    quorum,
    items: meeting.agendaItems.filter((i) => i.status !== 'removed'),
    currentAgendaItemId: meeting.currentAgendaItemId,
    polls: scriptPolls,
  });
  return { meetingId: meeting.id, title: meeting.title, lines };
}

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** getDocumentText: a PDF or DOCX document's text, reflowed for reading on a phone; opening it counts as a read. */
export async function getDocumentText(ctx: Ctx, meetingId: string, documentId: string, storage: Storage) {
  const { doc, bytes } = await openDocument(ctx, meetingId, documentId, storage);
  if (doc.mime === DOCX_MIME) return { documentId: doc.id, title: doc.title, text: await offload('docxText', bytes) };
  if (doc.mime === 'application/pdf') return { documentId: doc.id, title: doc.title, text: await offload('pdfText', bytes) };
  throw new DomainError(415, 'NOT_TEXT', '只有PDF和DOCX文件可以按文字显示，请直接打开该文件', 'Only PDF and DOCX documents can be shown as text; open the file itself');
}

/** getCheckInLink: the URL the hall's QR code carries; opening it while signed in signs the member in. */
export async function getCheckInLink(ctx: Ctx, meetingId: string, origin: string) {
  const { code } = await getCheckInCode(ctx, meetingId);
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  const c = await ctx.db.selectFrom('congresses').select('slug').where('id', '=', m.congress_id).executeTakeFirstOrThrow();
  const url = `${origin}/app/${encodeURIComponent(c.slug)}/meetings/${encodeURIComponent(m.id)}/check-in?code=${encodeURIComponent(code)}`;
  const qrSvg = await (await qrcode()).toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { code, url, qrSvg };
}
