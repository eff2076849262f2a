import Nzh from 'nzh';
import type { FrontMatter, GazetteSection, SectionKind } from '../../../contracts/publication.ts';
import { DomainError } from '../../platform/errors.ts';

// Publication rules (议事规则 art. 45). R-P1: regulations approved by the province, decisions
// amending or repealing them, appointments and other resolutions and decisions are published by
// announcement (公告), numbered within the term. R-P2: they appear in the Standing Committee gazette
// (公报), whose text is the standard text; the gazette follows the record in the seed's order.

/** R-P2: where each kind of section goes when the editor has not reordered: the record's texts, then the lists. */
const TAIL: readonly SectionKind[] = ['announcement', 'personnel', 'attendance', 'attendees'];

export interface SectionRef {
  key: string;
  kind: SectionKind;
  title: string;
  /** The record's position (texts) — the seed's order. */
  position: number;
}

/** R-P2: the record's order — news, closing speech, each item's documents as the record keeps them, then announcements and the three lists. */
export function recordOrder(sections: readonly SectionRef[]): string[] {
  const rank = (s: SectionRef): number => {
    const t = TAIL.indexOf(s.kind);
    return t < 0 ? 0 : t + 1;
  };
  return [...sections].sort((a, b) => rank(a) - rank(b) || a.position - b.position).map((s) => s.key);
}

/** R-P2: an editor's order must name every section of the record exactly once — the gazette never drops a document silently. */
export function checkOrder(order: readonly string[], available: readonly string[]): void {
  const have = new Set(available);
  const seen = new Set<string>();
  for (const k of order) {
    if (!have.has(k)) throw new DomainError(422, 'GAZETTE_ORDER_UNKNOWN', `排序中有记录里不存在的部分：${k}`, `The order names a section that is not in the record: ${k}`, 'R-P2');
    if (seen.has(k)) throw new DomainError(422, 'GAZETTE_ORDER_DUPLICATE', `排序中重复出现：${k}`, `The order names a section twice: ${k}`, 'R-P2');
    seen.add(k);
  }
  const missing = available.filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new DomainError(422, 'GAZETTE_ORDER_INCOMPLETE', `排序遗漏了${missing.length}个部分，公报不得漏登记录中的文件`, `The order leaves out ${missing.length} section(s); the gazette may not drop a document of the record`, 'R-P2', { missing });
  }
}

/**
 * The order a build prints: the editor's saved order when it still matches the record, else a
 * refusal — the record changed after the order was saved (a document added or withdrawn), and the
 * editor must look at the order again before a new edition goes out.
 */
export function buildOrder(saved: readonly string[] | null, sections: readonly SectionRef[]): string[] {
  const natural = recordOrder(sections);
  if (!saved) return natural;
  try {
    checkOrder(saved, natural);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    throw new DomainError(409, 'GAZETTE_ORDER_STALE', `记录在排序保存后有变动（${e.messageZh}），请重新核对公报排序`, `The record changed after the order was saved (${e.messageEn}); review the gazette's order`, 'R-P2');
  }
  return [...saved];
}

/** Editing is optimistic: the edit names the version it started from. */
export function checkBaseVersion(current: number, base: number): void {
  if (current !== base) {
    throw new DomainError(409, 'GAZETTE_VERSION_CONFLICT', `公报已被他人修改（当前第${current}版），请刷新后再改`, `The gazette was changed by someone else (now version ${current}); reload and edit again`);
  }
}

/** 期: issues are numbered within the calendar year, and in total over the congress (总第N期). */
export function nextIssue(existing: readonly { year: number | null; issue_no: number | null; issue_total: number | null }[], year: number): { year: number; no: number; total: number } {
  const inYear = existing.filter((g) => g.year === year).map((g) => g.issue_no ?? 0);
  const total = existing.map((g) => g.issue_total ?? 0);
  return { year, no: Math.max(0, ...inYear) + 1, total: Math.max(0, ...total) + 1 };
}

export const issueLabel = (year: number, no: number, total: number): string => `${year}年第${no}期（总第${total}期）`;

export function defaultFrontMatter(standingCommitteeName: string, meetingTitle: string): FrontMatter {
  return { title: `${standingCommitteeName}公报`, subtitle: meetingTitle, preface: '' };
}

/** R-P1: announcements are numbered within the term, from 1, in the order they are published. */
export function nextAnnouncementNumber(existing: readonly (number | null)[]): number {
  return Math.max(0, ...existing.map((n) => n ?? 0)) + 1;
}

/** R-P1: 鹤壁市人民代表大会常务委员会公告（第十二届）第1号 */
export function announcementHeading(standingCommitteeName: string, termNumber: number, number: number): string {
  return `${standingCommitteeName}公告（第${Nzh.cn.encodeS(termNumber)}届）第${number}号`;
}

/** A text's paragraphs: one a line, blank lines dropped, surrounding spaces trimmed. */
export const paragraphsOf = (body: string): string[] =>
  body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** The table of contents every output carries: one entry per section, in print order. */
export const tocOf = (sections: readonly Pick<GazetteSection, 'key' | 'title'>[]) => sections.map((s) => ({ key: s.key, title: s.title }));

type ListGroup = { group: number; acts: { act: string; actZh: string; people: { name: string; gender: 'male' | 'female' | null; post: string }[] }[] };
const REMOVALS = new Set(['remove', 'decide_remove', 'dismiss', 'recall', 'accept_resignation']);

/** The 任免名单 as the gazette prints it (seed L2310–L2331): group numeral, act, one line per person. */
export function personnelLines(groups: readonly ListGroup[]): string[] {
  const out: string[] = [];
  for (const g of groups) {
    if (groups.length > 1) out.push(Nzh.cn.encodeS(g.group));
    for (const a of g.acts) {
      out.push(`${a.actZh}：`);
      a.people.forEach((p, i) => {
        const name = `${p.name}${p.gender === 'female' ? '（女）' : ''}`;
        const end = i === a.people.length - 1 ? '。' : '；';
        out.push(REMOVALS.has(a.act) ? `${name}的${p.post}职务${end}` : `${name}为${p.post}${end}`);
      });
    }
  }
  return out;
}
