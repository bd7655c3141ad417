// The saved language and theme before the first paint (src/preferences.ts keeps them afterwards). A
// classic script that index.html loads in <head>, so it runs before anything is drawn; a file rather than
// an inline script, which the Content-Security-Policy does not allow (server/security-headers.ts).
try {
  const language = localStorage.getItem('acme-wallet.language');
  if (language === 'en' || language === 'de' || language === 'ar') {
    document.documentElement.lang = language;
    document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
  }
  const theme = localStorage.getItem('acme-wallet.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch {
  // Storage blocked: the defaults stay.
}
