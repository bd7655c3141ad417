/**
 * `/api/admin/policy`: the settings page of the demo switches the MFA policy for everyone. Any signed-in
 * user (a completed session) may change it, because the point of the demo is to try every mode; a real
 * app would keep this behind its own admin role.
 */
import { Hono } from 'hono';
import { type DemoPolicy, STEP_UP_SCOPES } from './api.js';
import type { ApiEnv, DemoContext } from './context.js';
import * as input from './input.js';

export function adminRoutes(ctx: DemoContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get('/policy', ctx.mfa.requireAuth(), async (c) =>
    c.json((await ctx.policy.get()) satisfies DemoPolicy),
  );

  routes.put('/policy', ctx.mfa.requireAuth(), async (c) => {
    const body = await input.readJson(c.req.raw, ['required', 'sessionMfa', 'stepUp']);
    const stepUp = input.object(body, 'stepUp', STEP_UP_SCOPES);
    const policy: DemoPolicy = {
      required: input.boolean(body, 'required'),
      sessionMfa: input.boolean(body, 'sessionMfa'),
      stepUp: {
        'wallet:transfer': input.boolean(stepUp, 'wallet:transfer'),
        'wallet:export': input.boolean(stepUp, 'wallet:export'),
      },
    };
    const saved = await ctx.policy.set(policy, c.var.mfaAuth.sub);
    ctx.logger.info('demo.policy.updated', {
      userId: c.var.mfaAuth.sub,
      required: saved.required,
      sessionMfa: saved.sessionMfa,
      stepUpTransfer: saved.stepUp['wallet:transfer'],
      stepUpExport: saved.stepUp['wallet:export'],
    });
    return c.json(saved satisfies DemoPolicy);
  });

  return routes;
}
