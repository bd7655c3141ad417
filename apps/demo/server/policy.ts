/**
 * The demo's MFA policy, per account: the policy page is a playground, so each visitor switches the
 * policy of their own account (its sign-ins and its actions) and never anyone else's. Kept in
 * `demo_account_policy`, one row per account that changed something; every other account has
 * {@link DEFAULT_POLICY}. The MFA server reads it through its policy function, which is given the user of
 * each request — the same hook a real app uses for MFA by role or by plan.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { MfaPolicyInput } from '@mfa-kit/server';
import { DEFAULT_POLICY, type DemoPolicy, STEP_UP_ACTIONS, STEP_UP_SCOPES, type StepUpScope } from './api.js';

export interface PolicyStore {
  /** The policy of one account: its own, or the default. */
  get(userId: string): Promise<DemoPolicy>;
  /** Replaces one account's policy; no other account's changes. */
  set(userId: string, policy: DemoPolicy): Promise<DemoPolicy>;
  /** One account's policy as the MFA server takes it: step-up actions only for the toggles that are on. */
  mfaPolicy(userId: string): Promise<MfaPolicyInput>;
  stepUpRequired(userId: string, scope: StepUpScope): Promise<boolean>;
}

interface PolicyRow {
  required: boolean;
  session_mfa: boolean;
  step_up_transfer: boolean;
  step_up_export: boolean;
}

export function createPolicyStore(db: PGlite, now: () => number): PolicyStore {
  const get = async (userId: string): Promise<DemoPolicy> => {
    const { rows } = await db.query<PolicyRow>(
      `SELECT required, session_mfa, step_up_transfer, step_up_export
       FROM demo_account_policy WHERE user_id = $1`,
      [userId],
    );
    const row = rows[0];
    if (!row) return structuredClone(DEFAULT_POLICY);
    return {
      required: row.required,
      sessionMfa: row.session_mfa,
      stepUp: { 'wallet:transfer': row.step_up_transfer, 'wallet:export': row.step_up_export },
    };
  };

  return {
    get,
    async set(userId, policy) {
      await db.query(
        `INSERT INTO demo_account_policy
           (user_id, required, session_mfa, step_up_transfer, step_up_export, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id) DO UPDATE SET required = $2, session_mfa = $3, step_up_transfer = $4,
           step_up_export = $5, updated_at = $6`,
        [
          userId,
          policy.required,
          policy.sessionMfa,
          policy.stepUp['wallet:transfer'],
          policy.stepUp['wallet:export'],
          now(),
        ],
      );
      return structuredClone(policy);
    },
    async mfaPolicy(userId) {
      const policy = await get(userId);
      const actions: NonNullable<MfaPolicyInput['actions']> = {};
      for (const scope of STEP_UP_SCOPES) {
        if (policy.stepUp[scope]) actions[scope] = { ...STEP_UP_ACTIONS[scope] };
      }
      return { required: policy.required, sessionMfa: policy.sessionMfa, actions };
    },
    async stepUpRequired(userId, scope) {
      return (await get(userId)).stepUp[scope];
    },
  };
}
