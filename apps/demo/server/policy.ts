/**
 * The demo's MFA policy, per account: the policy page is a playground, so each visitor switches the
 * policy of their own account (its sign-ins and its actions) and never anyone else's. Kept in
 * `demo_account_policy`, one row per account that changed something; every other account has
 * {@link DEFAULT_POLICY}. The MFA server reads it through its policy function, which is given the user of
 * each request — the same hook a real app uses for MFA by role or by plan.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { MfaPolicyInput } from '@mfa-kit/server';
import {
  CONTACTS_ACTION,
  CONTACTS_SCOPE,
  DEFAULT_POLICY,
  type DemoPolicy,
  REAUTH_METHODS,
  type ReauthMethod,
  STEP_UP_ACTIONS,
  STEP_UP_SCOPES,
  type StepUpScope,
} from './api.js';

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
  reauth_email: boolean;
  reauth_sms: boolean;
  reauth_wallet: boolean;
  reauth_with_mfa: boolean;
}

/** Each re-authentication method's column. */
const REAUTH_COLUMNS = {
  email_otp: 'reauth_email',
  sms_otp: 'reauth_sms',
  wallet: 'reauth_wallet',
} as const satisfies Record<ReauthMethod, keyof PolicyRow>;

export function createPolicyStore(db: PGlite, now: () => number): PolicyStore {
  const get = async (userId: string): Promise<DemoPolicy> => {
    const { rows } = await db.query<PolicyRow>(
      `SELECT required, session_mfa, step_up_transfer, step_up_export,
         reauth_email, reauth_sms, reauth_wallet, reauth_with_mfa
       FROM demo_account_policy WHERE user_id = $1`,
      [userId],
    );
    const row = rows[0];
    if (!row) return structuredClone(DEFAULT_POLICY);
    return {
      required: row.required,
      sessionMfa: row.session_mfa,
      stepUp: { 'wallet:transfer': row.step_up_transfer, 'wallet:export': row.step_up_export },
      reauth: {
        methods: REAUTH_METHODS.filter((method) => row[REAUTH_COLUMNS[method]]),
        allowWithMfa: row.reauth_with_mfa,
      },
    };
  };

  return {
    get,
    async set(userId, policy) {
      await db.query(
        `INSERT INTO demo_account_policy
           (user_id, required, session_mfa, step_up_transfer, step_up_export, updated_at,
            reauth_email, reauth_sms, reauth_wallet, reauth_with_mfa)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (user_id) DO UPDATE SET required = $2, session_mfa = $3, step_up_transfer = $4,
           step_up_export = $5, updated_at = $6, reauth_email = $7, reauth_sms = $8, reauth_wallet = $9,
           reauth_with_mfa = $10`,
        [
          userId,
          policy.required,
          policy.sessionMfa,
          policy.stepUp['wallet:transfer'],
          policy.stepUp['wallet:export'],
          now(),
          ...REAUTH_METHODS.map((method) => policy.reauth.methods.includes(method)),
          policy.reauth.allowWithMfa,
        ],
      );
      return get(userId);
    },
    async mfaPolicy(userId) {
      const policy = await get(userId);
      const actions: NonNullable<MfaPolicyInput['actions']> = {};
      for (const scope of STEP_UP_SCOPES) {
        if (policy.stepUp[scope]) actions[scope] = { ...STEP_UP_ACTIONS[scope] };
      }
      // Not a switch: changing the ways to step up always needs a step-up (api.ts says why).
      actions[CONTACTS_SCOPE] = {
        singleUse: CONTACTS_ACTION.singleUse,
        ttlSeconds: CONTACTS_ACTION.ttlSeconds,
        reauth: {
          methods: [...CONTACTS_ACTION.reauth.methods],
          allowWithMfa: CONTACTS_ACTION.reauth.allowWithMfa,
        },
      };
      return {
        required: policy.required,
        sessionMfa: policy.sessionMfa,
        actions,
        // For every action, the built-in credential:link and credential:unlink too.
        reauth: { methods: [...policy.reauth.methods], allowWithMfa: policy.reauth.allowWithMfa },
      };
    },
    async stepUpRequired(userId, scope) {
      return (await get(userId)).stepUp[scope];
    },
  };
}
