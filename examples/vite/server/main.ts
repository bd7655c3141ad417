/**
 * The example's back end, one Hono app: the app's own sign-in, the MFA protocol routes under /api/mfa,
 * one action guarded by step-up, and the built page once `vite build` made dist/.
 */

import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MfaVariables } from '@mfa-kit/server';
import { Hono } from 'hono';
import { checkPassword } from './accounts.js';
import { mfa } from './mfa.js';

const app = new Hono<{ Variables: MfaVariables }>();

app.post('/api/sign-in', async (c) => {
  const { email, password } = await c.req.json<{ email?: unknown; password?: unknown }>();
  const userId =
    typeof email === 'string' && typeof password === 'string' ? await checkPassword(email, password) : null;
  if (!userId) return c.json({ error: 'Wrong email or password.' }, 401);
  // Every sign-in goes through sessions.issue: it decides from the policy whether a second step is due.
  const session = await mfa.sessions.issue({ userId, amr: ['pwd'] });
  return c.json({ accessToken: session.accessToken });
});

app.mount('/api/mfa', mfa.fetch);

app.post('/api/export', mfa.requireElevated('account:export'), (c) =>
  c.json({ exportedAt: new Date().toISOString(), email: c.var.mfaAuth.sub }),
);

if (existsSync('./dist/index.html')) {
  app.use('/*', serveStatic({ root: './dist' }));
  app.get('/*', serveStatic({ path: './dist/index.html' }));
}

await mfa.ready(); // fails at start-up on a wrong MFA_ENCRYPTION_KEY, not at the first request
const port = Number(process.env.PORT ?? 3000);
// biome-ignore lint/suspicious/noConsole: the one line a server prints when it is ready
serve({ fetch: app.fetch, port }, () => console.log(`Listening on http://localhost:${port}`));
