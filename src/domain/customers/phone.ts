/**
 * Phone numbers are kept in E.164 ("+15551234567"). Callers type or are presented them in many
 * shapes; national numbers without a country code are read as North American (+1), the operator's plan.
 */
export function toE164(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^[+\d(][\d\s().\-/]*$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  let e164: string;
  if (trimmed.startsWith('+')) e164 = `+${digits}`;
  else if (digits.startsWith('00')) e164 = `+${digits.slice(2)}`;
  else if (digits.length === 10) e164 = `+1${digits}`;
  else if (digits.length === 11 && digits.startsWith('1')) e164 = `+${digits}`;
  else return null;
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : null;
}

/** "***-**67": enough for the customer to recognise the number, too little to learn it. */
export const maskPhone = (e164: string): string => `***-**${e164.slice(-2)}`;

/** "j***@example.com". */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
