import type { z } from 'zod';
import type { OpenAgendaItem, OpenArticle, OpenBill, OpenDivision, OpenMeeting, OpenNamedPoll, OpenRegulation, OpenRegulationSummary } from '../../../contracts/publicdata.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { type BodyNode, type LegalDoc, type Paragraph, articleNumValue, articlesOf } from '../legislation/legislation.model.ts';
import { resultOf } from '../polls/polls.queries.ts';
import {
  type PublicMeetingRow,
  congressBySlugOrId,
  publicAgenda,
  publicBills,
  publicMeeting,
  publicMeetings,
  publicNamedPolls,
  publishedRegulations,
} from './publicdata.repo.ts';

type Meeting = z.infer<typeof OpenMeeting>;

export async function requirePublicCongress(conn: Conn, idOrSlug: string) {
  const c = await congressBySlugOrId(conn, idOrSlug);
  if (!c) throw errors.notFound('Congress', '该人大');
  return c;
}

export const toOpenMeeting = (m: PublicMeetingRow): Meeting => ({
  id: m.id,
  kind: m.kind,
  number: m.number,
  title: m.title,
  date: m.date,
  endDate: m.end_date,
  place: m.place,
  state: m.state,
  bodyId: m.body_id,
  bodyName: m.body_name,
});

export async function openMeetings(conn: Conn, congressId: string): Promise<Meeting[]> {
  const c = await requirePublicCongress(conn, congressId);
  return (await publicMeetings(conn, c.id)).map(toOpenMeeting);
}

async function requirePublicMeeting(conn: Conn, congressId: string, meetingId: string) {
  const c = await requirePublicCongress(conn, congressId);
  const m = await publicMeeting(conn, c.id, meetingId);
  if (!m) throw errors.notFound('Meeting', '该会议');
  return { c, m };
}

export async function openAgenda(conn: Conn, congressId: string, meetingId: string): Promise<z.infer<typeof OpenAgendaItem>[]> {
  const { c, m } = await requirePublicMeeting(conn, congressId, meetingId);
  return (await publicAgenda(conn, c.id, [m.id])).map((a) => ({
    id: a.id,
    meetingId: a.meeting_id,
    position: a.position,
    kind: a.kind,
    title: a.title,
    proposer: a.proposer,
    presenter: a.presenter,
    presenterPost: a.presenter_post,
    status: a.status,
    outcome: a.outcome,
  }));
}

/** All public agenda items of the congress (bulk export). */
export async function openAllAgenda(conn: Conn, congressId: string): Promise<z.infer<typeof OpenAgendaItem>[]> {
  const c = await requirePublicCongress(conn, congressId);
  const ms = await publicMeetings(conn, c.id);
  const out: z.infer<typeof OpenAgendaItem>[] = [];
  for (const m of ms) out.push(...(await openAgenda(conn, c.id, m.id)));
  return out;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export async function openNamedPolls(conn: Conn, congressId: string, meetingId?: string): Promise<z.infer<typeof OpenNamedPoll>[]> {
  const c = await requirePublicCongress(conn, congressId);
  const meetings = meetingId ? [(await requirePublicMeeting(conn, c.id, meetingId)).m] : await publicMeetings(conn, c.id);
  const polls = await publicNamedPolls(
    conn,
    c.id,
    meetings.map((m) => m.id),
  );
  const out: z.infer<typeof OpenNamedPoll>[] = [];
  for (const p of polls) {
    if (p.kind !== 'named') continue; // belt and braces: the query reads named polls only
    const r = (await resultOf(conn, p)) as Record<string, unknown>;
    const cands = new Map(((r.candidates as { candidateId: string; name: string }[] | undefined) ?? []).map((x) => [x.candidateId, x.name]));
    const ballots = ((r.ballots as { name: string; choice?: string; choices?: { candidateId: string; choice: string }[] }[] | undefined) ?? []).map((b) => ({
      name: b.name,
      choice: b.choice ?? null,
      choices: b.choices ? b.choices.map((x) => ({ candidate: cands.get(x.candidateId) ?? x.candidateId, choice: x.choice })) : null,
    }));
    out.push({
      id: p.id,
      meetingId: p.meeting_id,
      agendaItemId: p.agenda_item_id,
      subject: p.subject,
      announcedAt: p.announced_at,
      members: num(r.members),
      present: num(r.present),
      required: num(r.required),
      yes: num(r.yes),
      no: num(r.no),
      abstain: num(r.abstain),
      passed: typeof r.passed === 'boolean' ? r.passed : null,
      ballots,
    });
  }
  return out;
}

export async function openBills(conn: Conn, congressId: string): Promise<z.infer<typeof OpenBill>[]> {
  const c = await requirePublicCongress(conn, congressId);
  const { bills, actions } = await publicBills(conn, c.id);
  return bills.map((b) => ({
    id: b.id,
    kind: b.kind,
    title: b.title,
    proposerType: b.proposer_type,
    proposerOrgan: b.proposer_organ,
    state: b.state,
    submittedOn: b.submitted_on,
    targetMeetingId: b.target_meeting_id,
    committee: b.committee,
    actions: actions.filter((a) => a.bill_id === b.id).map((a) => ({ seq: a.seq, date: a.date, organization: a.organization, classification: a.classification, description: a.description })),
  }));
}

const paragraphText = (p: Paragraph): string => [p.text, ...p.items.flatMap((i) => [`${i.numText}${i.text}`, ...i.subitems.map((s) => `${s.numText}${s.text}`)])].filter(Boolean).join('\n');

function structureOf(doc: LegalDoc): { divisions: z.infer<typeof OpenDivision>[]; articles: z.infer<typeof OpenArticle>[] } {
  const divisions: z.infer<typeof OpenDivision>[] = [];
  const articles: z.infer<typeof OpenArticle>[] = [];
  const walk = (nodes: readonly BodyNode[], parent: string | null): void => {
    for (const n of nodes) {
      if (n.kind === 'article') {
        const paragraphs = n.paragraphs.map(paragraphText);
        articles.push({ eId: n.eId, num: articleNumValue(n.num), numText: n.numText, heading: n.heading, divisionEId: parent, paragraphs, text: paragraphs.join('\n') });
      } else {
        if (!n.implicit) divisions.push({ eId: n.eId, kind: n.kind, numText: n.numText, heading: n.heading, parentEId: parent });
        walk(n.children, n.implicit ? parent : n.eId);
      }
    }
  };
  walk(doc.body, null);
  return { divisions, articles };
}

function adoptedOn(doc: LegalDoc): string | null {
  for (const l of doc.preface) {
    const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(l.text);
    if (m) return `${m[1] ?? ''}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  }
  return null;
}

export async function openRegulations(conn: Conn, congressId: string): Promise<z.infer<typeof OpenRegulationSummary>[]> {
  const c = await requirePublicCongress(conn, congressId);
  return (await publishedRegulations(conn, c.id)).map((r) => ({
    workId: r.workId,
    expressionId: r.expressionId,
    title: r.title,
    kind: r.kind,
    stage: r.stage,
    adoptedOn: adoptedOn(r.doc),
    articles: articlesOf(r.doc).length,
    url: `/p/${c.slug}/regulations/${r.workId}`,
  }));
}

export async function openRegulation(conn: Conn, congressId: string, workId: string): Promise<z.infer<typeof OpenRegulation>> {
  const c = await requirePublicCongress(conn, congressId);
  const r = (await publishedRegulations(conn, c.id)).find((x) => x.workId === workId);
  if (!r) throw errors.notFound('Regulation', '该法规');
  const s = structureOf(r.doc);
  return {
    workId: r.workId,
    expressionId: r.expressionId,
    title: r.title,
    kind: r.kind,
    stage: r.stage,
    adoptedOn: adoptedOn(r.doc),
    articles: s.articles.length,
    url: `/p/${c.slug}/regulations/${r.workId}`,
    preface: r.doc.preface.map((l) => l.text),
    preamble: r.doc.preamble.map((l) => l.text),
    divisions: s.divisions,
    articleList: s.articles,
  };
}
