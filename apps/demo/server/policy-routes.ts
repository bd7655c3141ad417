/**
 * `/api/policy`: the policy page switches the MFA policy of the signed-in account, and only of it, so
 * that every visitor can try every mode without changing anyone else's sign-in. A real app decides the
 * policy per user the same way (role, plan), but never lets users lower their own.
 */
import { Hono } from 'hono';
import { type DemoPolicy, REAUTH_METHODS, STEP_UP_SCOPES } from './api.js';
import type { ApiEnv, DemoContext } from './context.js';
import * as input from './input.js';

export function policyRoutes(ctx: DemoContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get('/', ctx.mfa.requireAuth(), async (c) =>
    c.json((await ctx.policy.get(c.var.mfaAuth.sub)) satisfies DemoPolicy),
  );

  routes.put('/', ctx.mfa.requireAuth(), async (c) => {
    const body = await input.readJson(c.req.raw, ['required', 'sessionMfa', 'stepUp', 'reauth']);
    const stepUp = input.object(body, 'stepUp', STEP_UP_SCOPES);
    const reauth = input.object(body, 'reauth', ['methods', 'allowWithMfa']);
    const policy: DemoPolicy = {
      required: input.boolean(body, 'required'),
      sessionMfa: input.boolean(body, 'sessionMfa'),
      stepUp: {
        'wallet:transfer': input.boolean(stepUp, 'wallet:transfer'),
        'wallet:export': input.boolean(stepUp, 'wallet:export'),
      },
      reauth: {
        methods: input.subsetOf(reauth, 'methods', REAUTH_METHODS),
        allowWithMfa: input.boolean(reauth, 'allowWithMfa'),
      },
    };
    const saved = await ctx.policy.set(c.var.mfaAuth.sub, policy);
    ctx.logger.info('demo.policy.updated', {
      userId: c.var.mfaAuth.sub,
      required: saved.required,
      sessionMfa: saved.sessionMfa,
      stepUpTransfer: saved.stepUp['wallet:transfer'],
      stepUpExport: saved.stepUp['wallet:export'],
      reauthMethods: saved.reauth.methods.join(' '),
      reauthWithMfa: saved.reauth.allowWithMfa,
    });
    return c.json(saved satisfies DemoPolicy);
  });

  return routes;
}
