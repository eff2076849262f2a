import Nzh from 'nzh';

// Chinese numerals as legislation writes them: 第一百零一条, 第二十条之一, 第六章, （十二）.
// Decoding goes through nzh and is checked by a round trip, so a malformed numeral such as 十十
// or 两百 (not how article numbers are written) is refused instead of guessed.

const CN_DIGITS = /^[零〇一二三四五六七八九十百千]+$/;

/** 一百零一 → 101; 12 → 12 (Arabic digits are accepted too); null when it is not a numeral. */
export function decodeNumeral(text: string): number | null {
  const t = text.trim();
  if (/^\d{1,6}$/.test(t)) return Number(t);
  if (!CN_DIGITS.test(t)) return null;
  const normal = t.replace(/〇/g, '零');
  const n = Number(Nzh.cn.decodeS(normal));
  if (!Number.isInteger(n) || n <= 0) return null;
  // 一十 is a legitimate if unusual spelling of 十; otherwise the canonical spelling must match.
  const canonical = Nzh.cn.encodeS(n);
  if (canonical !== normal && canonical !== normal.replace(/^一十/, '十')) return null;
  return n;
}

/** 101 → 一百零一, 10 → 十, 110 → 一百一十 (the spelling used in article numbers). */
export function encodeNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`not a positive integer: ${n}`);
  return Nzh.cn.encodeS(n);
}

/** The character class of a numeral inside a larger pattern. */
export const NUMERAL = '[零〇一二三四五六七八九十百千\\d]+';
