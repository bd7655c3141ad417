/**
 * Amounts as people type them in the page's language, read into the API's form ("1000.5"). A separator
 * is read one way only, the language's: in German "12,50" is 12.50 and "1.000,50" is 1000.50, in English
 * "1,000.50". Input that only another language's convention would make sense of ("12.50" on a German
 * page) is refused with a message that says how to write it here, rather than guessed at: read the
 * German way, "12.50" would have been 1250.
 *
 * Digits may also be Arabic-Indic (٠١٢…, as an Arabic keyboard types them) or Eastern Arabic-Indic (۰۱۲…),
 * with the Arabic decimal separator "٫" and thousands separator "٬", which mean one thing only.
 */
import type { Language } from './i18n.js';

/** `separator`: the decimal separator of another language; `invalid`: anything else that is no amount. */
export type AmountProblem = 'invalid' | 'separator';

export type ParsedAmount = { amount: string; problem?: never } | { amount?: never; problem: AmountProblem };

/** Each a set of characters, used as a regular expression's character class as it is. */
interface Separators {
  decimal: string;
  group: string;
}

/**
 * The separators of each language, as Intl.NumberFormat writes them (Chromium, Firefox and Node write
 * `ar` with Latin digits, "1,234.50"), plus the Arabic ones, which mean the same in every language.
 */
const SEPARATORS: Record<Language, Separators> = {
  en: { decimal: '.٫', group: ',٬' },
  de: { decimal: ',٫', group: '.٬' },
  ar: { decimal: '.٫', group: ',٬' },
};

/** Marks that come along when an amount is copied out of right-to-left text. */
const BIDI_MARKS = /[\u200e\u200f\u061c\u2066-\u2069]/g;

function toLatinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

/**
 * `text` read with `separators`: a whole part grouped by threes (its first group not 0, so "0.001" is
 * never 1) or not grouped at all, then at most two decimals.
 */
function read(text: string, { decimal, group }: Separators): string | null {
  const pattern = new RegExp(`^([1-9]\\d{0,2}(?:[${group}]\\d{3})+|\\d+)(?:[${decimal}](\\d{1,2}))?$`);
  const match = pattern.exec(text);
  if (!match) return null;
  const whole = (match[1] ?? '').replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  return match[2] === undefined ? whole : `${whole}.${match[2]}`;
}

/**
 * Reads `input` as an amount typed in `language`: `{ amount: '1000.5' }` (no range check here), or the
 * reason it is none.
 */
export function parseAmount(input: string, language: Language): ParsedAmount {
  const text = toLatinDigits(input.replace(BIDI_MARKS, '').trim());
  const amount = read(text, SEPARATORS[language]);
  if (amount !== null) return { amount };
  // Makes sense only the way another language writes numbers: say how to write it here.
  const elsewhere = Object.values(SEPARATORS).some((separators) => read(text, separators) !== null);
  return { problem: elsewhere ? 'separator' : 'invalid' };
}

/** Amounts in the language's own format, for hints and messages: 25, 12.50 (12,50), 1,234.50 (1.234,50)… */
export function amountExamples(language: Language) {
  const format = (value: number, decimals = 0) =>
    new Intl.NumberFormat(language, { minimumFractionDigits: decimals }).format(value);
  return {
    whole: format(25),
    cents: format(12.5, 2),
    grouped: format(1234.5, 2),
    min: format(0.01, 2),
    max: format(1_000_000),
  };
}
