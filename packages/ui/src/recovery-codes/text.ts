import type { Messages } from '../i18n/index.js';

/** The sheet's heading lines, as printed above the codes and written atop the file: title, date, instructions. */
export function sheetHeading(messages: Messages, title: string, date: Date = new Date()): string[] {
  const { recoveryCodes: text } = messages;
  return [
    title,
    text.fileDate(new Intl.DateTimeFormat(messages.locale, { dateStyle: 'long' }).format(date)),
    text.fileInstructions,
  ];
}

/** The text of the downloaded file: title, date, instructions, then one code per line. */
export function recoveryCodesText(
  codes: readonly string[],
  options: { messages: Messages; title?: string | undefined; date?: Date },
): string {
  const { messages } = options;
  const [title, date, instructions] = sheetHeading(
    messages,
    options.title ?? messages.recoveryCodes.fileTitle,
    options.date,
  );
  return [title, date, '', instructions, '', ...codes, ''].join('\n');
}
