import type { Messages } from '../i18n/index.js';

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "Added 27 Nov 2026", in the messages' locale. */
export function formatAdded(messages: Messages, iso: string): string {
  const date = new Intl.DateTimeFormat(messages.locale, { day: 'numeric', month: 'short', year: 'numeric' });
  return messages.devices.added(date.format(new Date(iso)));
}

/** The full date and time, for a tooltip and `<time title>`. */
export function formatFull(messages: Messages, iso: string): string {
  return new Intl.DateTimeFormat(messages.locale, { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/**
 * "Last used 3 hours ago" / "yesterday" (Intl.RelativeTimeFormat, `numeric: 'auto'`), "Not used yet" for
 * null. Under a minute, or a time ahead of this clock, reads "just now".
 */
export function formatLastUsed(messages: Messages, iso: string | null, now: number): string {
  if (iso === null) return messages.devices.neverUsed;
  const seconds = (now - Date.parse(iso)) / 1000;
  const unit = UNITS.find(([, size]) => seconds >= size);
  if (!unit) return messages.devices.lastUsedJustNow;
  const [name, size] = unit;
  const relative = new Intl.RelativeTimeFormat(messages.locale, { numeric: 'auto' });
  return messages.devices.lastUsed(relative.format(-Math.floor(seconds / size), name));
}
