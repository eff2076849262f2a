// Public consultation on a draft (征求意见): pure decisions.
// 立法法 art. 40 / 河南省地方立法条例: a draft may be published for public comment for a period; the
// committee considers the comments. The numbers below are the installation's own policy.
import { DomainError, errors } from '../../platform/errors.ts';

export type ConsultationState = 'upcoming' | 'open' | 'closed';

/** C-1: comments are taken from the opening day to the closing day inclusive (local dates), unless closed early. */
export function consultationState(today: string, opensOn: string, closesOn: string, closedAt: string | null): ConsultationState {
  if (closedAt !== null || today > closesOn) return 'closed';
  if (today < opensOn) return 'upcoming';
  return 'open';
}

/** C-2: a period runs forward and does not end in the past; at most a year. */
export function checkPeriod(today: string, opensOn: string, closesOn: string): void {
  if (closesOn < opensOn) {
    throw errors.invalid('PERIOD_REVERSED', '征求意见截止日期不能早于开始日期', 'The closing date is before the opening date', 'C-2');
  }
  if (closesOn < today) {
    throw errors.invalid('PERIOD_IN_PAST', '征求意见截止日期已过', 'The closing date is already past', 'C-2');
  }
  const days = (Date.parse(`${closesOn}T00:00:00Z`) - Date.parse(`${opensOn}T00:00:00Z`)) / 86_400_000;
  if (days > 366) throw errors.invalid('PERIOD_TOO_LONG', '征求意见期限不得超过一年', 'A consultation may run for at most a year', 'C-2');
}

/** C-3: comments are taken only while the consultation is open. */
export function assertOpen(state: ConsultationState): void {
  if (state === 'upcoming') throw errors.conflict('CONSULTATION_NOT_OPEN', '征求意见尚未开始', 'The consultation has not opened yet', 'C-3');
  if (state === 'closed') throw errors.conflict('CONSULTATION_CLOSED', '征求意见已经结束', 'The consultation is closed', 'C-3');
}

/** C-4: per phone number per local day and per network address per hour, like the opinions intake. */
export const COMMENT_LIMITS = { perPhonePerDay: 5, perSourcePerHour: 30 } as const;
export function checkThrottle(phoneToday: number, sourceThisHour: number): void {
  if (phoneToday >= COMMENT_LIMITS.perPhonePerDay) {
    throw new DomainError(429, 'TOO_MANY_COMMENTS', '该号码今天提交的意见已达上限，请明天再试', "This phone number has reached today's limit of comments", 'C-4');
  }
  if (sourceThisHour >= COMMENT_LIMITS.perSourcePerHour) {
    throw new DomainError(429, 'TOO_MANY_COMMENTS', '提交过于频繁，请稍后再试', 'Too many comments from this network; try again later', 'C-4');
  }
}

/** C-5: the abuse list. A comment containing a listed term is kept but hidden until a moderator looks at it. */
export const ABUSE_TERMS = ['傻逼', '操你', '去死', '垃圾政府', '代开发票', '加微信', '刷单', 'http://', 'https://'] as const;
export function abuseHit(text: string): string | null {
  const t = text.toLowerCase().replace(/\s+/g, '');
  return ABUSE_TERMS.find((w) => t.includes(w)) ?? null;
}

/** C-6: hiding a published comment needs a reason; it is shown to no one but the staff. */
export function moderationReason(action: 'hide' | 'show', reason: string | null | undefined): string | null {
  const r = reason?.trim() ?? '';
  if (action === 'hide' && r === '') throw errors.invalid('REASON_REQUIRED', '屏蔽意见须说明理由', 'Hiding a comment needs a reason', 'C-6');
  return action === 'hide' ? r : null;
}

/**
 * C-7 a comment on a selected span: the span lies within the text of the paragraph or item it is
 * anchored to, is not empty, and the quote is what the text holds there now (a citizen reading an
 * older copy of the page is told to reload, rather than quoting words that are no longer there).
 */
export function checkSpan(text: string, start: number, end: number, quote: string): void {
  if (start >= end || end > text.length) {
    throw errors.invalid('SPAN_OUT_OF_RANGE', '所选文字不在该条款的范围内', 'The selected span lies outside the text of this provision', 'C-7');
  }
  if (text.slice(start, end) !== quote) {
    throw errors.invalid('SPAN_MISMATCH', '所选文字与当前草案不一致，请刷新页面后重新选择', 'The selected words do not match the current draft; reload the page and select again', 'C-7');
  }
}

/**
 * C-8 the themes of an article's comments: the most frequent words (Intl.Segmenter, Chinese word
 * granularity), counted once per comment, leaving out single characters and the words every comment
 * on a draft uses (建议, 条例, 应当 …). Ties go to the word seen first.
 */
export const THEME_STOPWORDS = new Set(['建议', '条例', '本条', '应当', '可以', '我们', '我', '这个', '进一步', '规定', '草案', '第一', '一些', '以及', '或者', '对于', '关于', '如果', '因为', '所以', '但是', '没有', '需要', '这样', '其中', '相关']);
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });
/** Length in characters as a reader counts them. */
const charCount = (s: string): number => Array.from(graphemes.segment(s)).length;
export function themesOf(texts: readonly string[], limit = 5): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const s of wordSegmenter.segment(text)) {
      const w = s.segment.trim();
      if (!s.isWordLike || charCount(w) < 2 || /^\d+$/.test(w) || THEME_STOPWORDS.has(w)) continue;
      seen.add(w);
    }
    for (const w of seen) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([word, count]) => ({ word, count }))
    .filter((x) => x.count >= 2 || texts.length === 1)
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
}

/** C-8 representative comments: those the drafters marked; without a mark, the longest few (earlier first on a tie). */
export function representativeOf<T extends { text: string; marked: boolean }>(comments: readonly T[], limit = 3): T[] {
  const marked = comments.filter((c) => c.marked);
  if (marked.length > 0) return marked;
  return [...comments].sort((a, b) => charCount(b.text) - charCount(a.text)).slice(0, limit);
}
