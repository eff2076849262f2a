// Small formatting helpers shared by pages.
import dayjs from 'dayjs';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 12 → 十二, 20 → 二十, 105 → 一百零五: how terms and meetings are numbered (第十二届). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? '' : (DIGITS[n % 10] ?? '')}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)] ?? ''}十${n % 10 === 0 ? '' : (DIGITS[n % 10] ?? '')}`;
  const rest = n % 100;
  const head = `${DIGITS[Math.floor(n / 100)] ?? ''}百`;
  if (rest === 0) return head;
  return rest < 10 ? `${head}零${DIGITS[rest] ?? ''}` : `${head}${rest < 20 ? '一' : ''}${chineseNumber(rest)}`;
}

/** An ISO instant in the reader's local time, to the second. */
export const formatInstant = (iso: string): string => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

/** Today's local date as YYYY-MM-DD. */
export const today = (): string => dayjs().format('YYYY-MM-DD');
