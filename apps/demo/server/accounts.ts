/**
 * `/api/auth`: the demo's own primary sign-in (email and password). Every path that signs someone in
 * ends in `mfa.sessions.issue`, which decides from the policy whether the token is pending, so no path
 * skips MFA.
 */
import { Hono } from 'hono';
import type { SessionResponse } from './api.js';
import { type ApiEnv, type DemoContext, randomId } from './context.js';
import { DemoError } from './errors.js';
import * as input from './input.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { clientAddress } from './rate-limit.js';
import { openWallet } from './wallet.js';

export function accountRoutes(ctx: DemoContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.post('/sign-up', async (c) => {
    const body = await input.readJson(c.req.raw, ['email', 'password']);
    const email = input.email(body, 'email');
    const password = input.newPassword(body, 'password', email);
    await ctx.limiter.countAddress(clientAddress(c.env));
    const passwordHash = await hashPassword(password);
    const userId = randomId('usr');
    await ctx.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO demo_users (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [userId, email, passwordHash, ctx.now()],
      );
      if (inserted.rows.length === 0) {
        throw new DemoError('conflict', 'an account with this email already exists; sign in instead');
      }
      await openWallet(tx, userId, ctx.now());
    });
    ctx.logger.info('demo.account.created', { userId });
    const session = await ctx.mfa.sessions.issue({ userId, amr: ['pwd'] });
    return c.json({ accessToken: session.accessToken } satisfies SessionResponse, 201);
  });

  routes.post('/sign-in', async (c) => {
    const body = await input.readJson(c.req.raw, ['email', 'password']);
    const email = input.email(body, 'email');
    const password = input.password(body, 'password');
    await ctx.limiter.countAddress(clientAddress(c.env));
    await ctx.limiter.countEmail(email);
    const { rows } = await ctx.db.query<{ id: string; password_hash: string }>(
      'SELECT id, password_hash FROM demo_users WHERE email = $1',
      [email],
    );
    const user = rows[0];
    // An unknown email is checked against a dummy hash: the same work, the same answer.
    const check = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !check.ok) {
      ctx.logger.info('demo.sign_in.failed', { reason: 'invalid_credentials' });
      throw new DemoError('invalid_credentials', 'wrong email or password');
    }
    await ctx.limiter.resetEmail(email);
    if (check.needsRehash) {
      await ctx.db.query('UPDATE demo_users SET password_hash = $2 WHERE id = $1', [
        user.id,
        await hashPassword(password),
      ]);
    }
    const session = await ctx.mfa.sessions.issue({ userId: user.id, amr: ['pwd'] });
    return c.json({ accessToken: session.accessToken } satisfies SessionResponse);
  });

  // Access tokens are stateless JWTs: there is nothing to revoke on the server. The client forgets the
  // token; it stays valid until it expires (an hour, a pending one 10 minutes).
  routes.post('/sign-out', async (c) => {
    await input.readJson(c.req.raw, []);
    return c.body(null, 204);
  });

  return routes;
}
