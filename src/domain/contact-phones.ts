/**
 * A contact's phone as lists show it (issue 13): personal data, so only its first three and last four characters
 * (138****5678); shorter numbers keep only their last two. Reading the whole number is a separate, audited request.
 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const compact = phone.replace(/\s+/g, '');
  if (compact.length >= 8) return `${compact.slice(0, 3)}****${compact.slice(-4)}`;
  if (compact.length <= 2) return '*'.repeat(compact.length);
  return '*'.repeat(compact.length - 2) + compact.slice(-2);
}
