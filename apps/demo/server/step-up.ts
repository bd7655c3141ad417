/**
 * Step-up for the demo's own routes that always need it, whatever the policy page says (the wallet's
 * actions follow their switches instead: wallet.ts). The elevated token comes in `X-Elevated-Token` and
 * must carry the scope, belong to this request's user and session, and not be used yet when single-use:
 * `verifyElevatedToken` checks all of that and consumes a single-use token. Routes call it after reading
 * their input and making the checks that cost nothing, so that a refused request never uses up a token.
 */
import { ELEVATED_TOKEN_HEADER, MfaError } from '@mfa-kit/client/protocol';
import type { Context } from 'hono';
import type { ApiEnv, DemoContext } from './context.js';

/** Resolves when the request carries a valid elevated token for `scope`; throws `elevation_required`. */
export async function requireElevation(ctx: DemoContext, c: Context<ApiEnv>, scope: string): Promise<void> {
  const token = c.req.header(ELEVATED_TOKEN_HEADER);
  if (!token) {
    throw new MfaError(
      'elevation_required',
      `send an elevated token for ${scope} as ${ELEVATED_TOKEN_HEADER}`,
      {
        scopes: [scope],
      },
    );
  }
  const { sub, sid } = c.var.mfaAuth;
  await ctx.mfa.verifyElevatedToken(token, { scope, userId: sub, sessionId: sid });
}
