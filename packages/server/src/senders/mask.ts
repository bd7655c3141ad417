/**
 * Destinations as the API shows them (security rule 29): enough for a user to recognise their own
 * address or number, not enough to learn someone else's.
 */

/** `jane.doe@example.com` → `j•••@example.com`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${Array.from(address.slice(0, at))[0]}•••${address.slice(at)}`;
}

/** `+49 151 1234 5678` → `•••• 5678`: only the last four digits. */
export function maskPhone(number: string): string {
  const digits = number.replace(/\D/g, '');
  return `•••• ${digits.slice(-4)}`;
}
