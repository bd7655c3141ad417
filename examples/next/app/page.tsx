import { headers } from 'next/headers';
import { Acme } from './acme';

/**
 * A Server Component: it may choose the language, but passes only its code. The locale objects
 * (`de`, `ar`) hold functions, which cannot cross to a Client Component; acme.tsx imports them.
 */
export default async function Page() {
  const accepted = (await headers()).get('accept-language') ?? '';
  return <Acme lang={/^de\b/i.test(accepted) ? 'de' : 'en'} />;
}
