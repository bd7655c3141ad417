/**
 * The explicit theme (`data-theme="dark" | "light"`) in effect at `element`. A Radix portal renders at
 * <body>, outside the app's themed container, so a dialog copies this onto its `.mfa-portal` wrapper to
 * look like the component that opened it. `undefined` leaves it to prefers-color-scheme.
 */
export function themeOf(element: Element | null | undefined): 'light' | 'dark' | undefined {
  const theme = element?.closest('[data-theme]')?.getAttribute('data-theme');
  return theme === 'light' || theme === 'dark' ? theme : undefined;
}
