// Masking and validation of personal data for lists and logs (pure).

/** '张三丰' → '张**'; '李四' → '李*'; a one-character name → '*'. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 1)}`;
}

/** '13812345678' → '138****5678'; other numbers keep their last 4 digits. */
export function maskPhone(phone: string): string {
  const d = normalizePhone(phone);
  if (d.length === 11) return `${d.slice(0, 3)}****${d.slice(7)}`;
  if (d.length <= 4) return '*'.repeat(d.length);
  return `${'*'.repeat(d.length - 4)}${d.slice(-4)}`;
}

/** '410602199001011234' → '4106**********1234'. */
export function maskIdNumber(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** Digits only, without a +86 / 0086 country prefix. */
export function normalizePhone(phone: string): string {
  let d = phone.replace(/\D/g, '');
  if (d.length === 13 && d.startsWith('86')) d = d.slice(2);
  if (d.length === 15 && d.startsWith('0086')) d = d.slice(4);
  return d;
}

/** A mainland mobile number (1[3-9]x, 11 digits) or a landline with area code (10–12 digits starting with 0). */
export function isValidPhone(phone: string): boolean {
  const d = normalizePhone(phone);
  return /^1[3-9]\d{9}$/.test(d) || /^0\d{9,11}$/.test(d);
}

/** 居民身份证号码 (GB 11643-1999): 17 digits and a check character over ISO 7064 MOD 11-2. */
export function isValidIdNumber(id: string): boolean {
  const s = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * (weights[i] ?? 0);
  return '10X98765432'[sum % 11] === s[17];
}
