// Chinese text for the search index: segmentation, query terms, snippets, and the quality measure.
//
// Words come from Intl.Segmenter (ICU's dictionary segmenter, built into Node). ICU splits many
// proper nouns into single characters (卫河 → 卫 河, 淇河 → 淇 河), and a query segments differently
// from the same words inside a sentence (河流 vs 河 流域), so the index also holds the character
// bigrams of every run of Chinese characters, and queries are matched by bigrams: a query and a
// document that share the characters share the bigrams whatever the segmenter did. Latin words and
// numbers are matched whole, lower-cased. Measured on the judged query set (tests/fixtures/search),
// words+bigrams beat words alone; the bench prints both.

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
/** Letters and digits that are not Chinese: matched as whole words. */
const OTHER_WORD = /[\p{L}\p{N}]+/gu;

/** The longest query that is searched; anything longer is cut (a query is a few words, not a page). */
export const MAX_QUERY_CHARS = 200;
/** At most this many terms of a query are used; the rest add little and cost time. */
export const MAX_QUERY_TERMS = 24;

export type Segmentation = 'words' | 'words+bigrams';

/** Word-like segments, lower-cased. */
export function words(text: string): string[] {
  const out: string[] = [];
  // ICU's segmenter slows down sharply on long inputs: feed it sentence by sentence.
  for (const piece of text.split(/(?<=[。；！？\n])/u)) {
    for (const s of segmenter.segment(piece)) {
      if (!s.isWordLike) continue;
      const w = s.segment.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
      if (w) out.push(w);
    }
  }
  return out;
}

function bigramsOfRun(run: string): string[] {
  const chars = Array.from(run); // Han runs: code points are the characters
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  return out;
}

/** The CJK bigrams of a text (single characters for one-character runs). */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(HAN_RUN)) out.push(...bigramsOfRun(m[0]));
  return out;
}

/**
 * Function characters (的 之 和 与 …): a query bigram that contains one mostly spans a word
 * boundary (禁止的行为 → 止的, 的行) and would demand a phrasing the text need not share.
 */
const FUNCTION_CHARS = new Set(Array.from('的之和与及或在是了对把被等其为以于由向'));

function queryBigrams(text: string): string[] {
  const all = bigrams(text);
  const kept = all.filter((b) => b.length < 2 || !Array.from(b).some((ch) => FUNCTION_CHARS.has(ch)));
  return kept.length > 0 ? kept : all;
}

/** Non-Chinese words (Latin, digits) of a text, lower-cased. */
function otherWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(HAN_RUN, ' ').matchAll(OTHER_WORD)) out.push(m[0].toLowerCase());
  return out;
}

/** The tokens stored for a text: space-separated, so both FTS5 (unicode61) and tsvector ('simple') split them as given. */
export function indexTokens(text: string, mode: Segmentation = 'words+bigrams'): string {
  const w = words(text);
  if (mode === 'words') return w.join(' ');
  return [...w, ...bigrams(text)].join(' ');
}

/**
 * The terms of a query, all of which a hit should contain. Hostile input needs no escaping
 * downstream: terms consist of letters and digits only (quotes, stars, NEAR(, SQL and HTML are
 * separators). Empty when the query has nothing searchable.
 */
export function queryTerms(q: string, mode: Segmentation = 'words+bigrams'): string[] {
  const text = q.slice(0, MAX_QUERY_CHARS);
  const terms = mode === 'words' ? words(text) : [...queryBigrams(text), ...otherWords(text)];
  return [...new Set(terms)].slice(0, MAX_QUERY_TERMS);
}

export const isHan = (s: string): boolean => HAN.test(s);

// ---- snippets and highlighting -----------------------------------------------------------------

export interface Snippet {
  text: string;
  /** [start, end) offsets into text (UTF-16) of the matched words. */
  highlights: [number, number][];
}

/** The strings to highlight for a query: its Chinese runs and other words, longest first. */
export function highlightNeedles(q: string): string[] {
  const text = q.slice(0, MAX_QUERY_CHARS);
  const runs = [...text.matchAll(HAN_RUN)].map((m) => m[0]);
  const needles = new Set<string>([...runs, ...otherWords(text)]);
  // A run that does not occur as a whole still lights up by its bigrams.
  for (const r of runs) for (const b of bigramsOfRun(r)) needles.add(b);
  return [...needles].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
}

/** A window of `width` characters around the first match, with the matches marked. */
export function makeSnippet(body: string, q: string, width = 120): Snippet {
  const flat = body.replace(/\s+/g, ' ').trim();
  const needles = highlightNeedles(q);
  const lower = flat.toLowerCase();
  let first = -1;
  for (const n of needles) {
    const i = lower.indexOf(n);
    if (i >= 0 && (first < 0 || i < first)) first = i;
    if (first >= 0 && n.length >= 2) break; // the longest needle that occurs anchors the window
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(flat.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const text = `${prefix}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
  const lt = text.toLowerCase();
  const marks: boolean[] = new Array<boolean>(text.length).fill(false);
  for (const n of needles) {
    for (let i = lt.indexOf(n); i >= 0; i = lt.indexOf(n, i + n.length)) for (let k = i; k < i + n.length; k++) marks[k] = true;
  }
  const highlights: [number, number][] = [];
  for (let i = 0; i < marks.length; i++) {
    if (!marks[i]) continue;
    let j = i;
    while (j < marks.length && marks[j]) j++;
    highlights.push([i, j]);
    i = j;
  }
  return { text, highlights };
}

// ---- quality -----------------------------------------------------------------------------------

/** nDCG@k of a ranking (keys) against graded judgments (key → grade ≥ 0). */
export function ndcgAt(k: number, ranked: readonly string[], judged: Readonly<Record<string, number>>): number {
  const gain = (g: number): number => 2 ** g - 1;
  let dcg = 0;
  const seen = new Set<string>();
  let rank = 0;
  for (const key of ranked) {
    if (rank >= k) break;
    if (seen.has(key)) continue; // a unit counted once
    seen.add(key);
    dcg += gain(judged[key] ?? 0) / Math.log2(rank + 2);
    rank++;
  }
  const ideal = Object.values(judged)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  const idcg = ideal.reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}
