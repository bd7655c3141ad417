/** Plurals and clock times for the dictionaries, in each language's own digits. */
import type { Language } from '../i18n.js';

export const plural = (
  locale: Language,
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>>,
): string => {
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other ?? '';
  return form.replace('#', new Intl.NumberFormat(locale).format(count));
};

/** Seconds as "0:30". */
export const clock = (seconds: number, locale: Language): string => {
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 });
  return `${new Intl.NumberFormat(locale).format(Math.floor(seconds / 60))}:${two.format(seconds % 60)}`;
};
