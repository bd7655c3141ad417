/**
 * Money is integer cents inside the server and a decimal string on the wire, so no amount is ever a
 * binary float on either side.
 */

/** The largest single transfer, in cents. */
export const MAX_AMOUNT_CENTS = 1_000_000_00;

const AMOUNT = /^(0|[1-9][0-9]{0,6})(?:\.([0-9]{1,2}))?$/;

/** Cents of "12", "12.5" or "12.50"; null unless it is from 0.01 to {@link MAX_AMOUNT_CENTS} cents. */
export function parseAmount(text: string): number | null {
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents >= 1 && cents <= MAX_AMOUNT_CENTS ? cents : null;
}

/** "1000.00", "-12.50". */
export function formatAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
