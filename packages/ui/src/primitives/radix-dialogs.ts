/**
 * Radix's Dialog and AlertDialog (with their focus trap, scroll lock and dismissable layer, about 14 KB
 * gzipped), loaded on demand through `lazy-dialog.tsx`. This module is the only one of the kit that
 * imports them as values, so an app's bundler puts them in a chunk of their own, off the first load.
 */
export { AlertDialog, Dialog } from 'radix-ui';
