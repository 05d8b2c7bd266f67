export type PhoneMaskStyle = 'keep3_4' | 'keep3_2' | 'keep0_4';

/** 13812345678 → 138****5678 (the default); short or odd numbers keep only their last digits. */
export function maskPhone(phone: string, style: PhoneMaskStyle = 'keep3_4'): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return '';
  if (digits.length < 7) return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
  const [head, tail] = style === 'keep3_4' ? [3, 4] : style === 'keep3_2' ? [3, 2] : [0, 4];
  return `${digits.slice(0, head)}${'*'.repeat(digits.length - head - tail)}${digits.slice(digits.length - tail)}`;
}

/** 110101199003074514 → 1101**********4514. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
