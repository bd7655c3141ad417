/**
 * The demo's MFA policy, switched at run time from its settings page. Kept in `demo_policy` and cached in
 * memory (the demo is one process); the MFA server reads it through a policy function on every request.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { MfaPolicyInput } from '@mfa-kit/server';
import { type DemoPolicy, STEP_UP_ACTIONS, STEP_UP_SCOPES, type StepUpScope } from './api.js';

export interface PolicyStore {
  get(): Promise<DemoPolicy>;
  set(policy: DemoPolicy, updatedBy: string): Promise<DemoPolicy>;
  /** The policy as the MFA server takes it: step-up actions only for the toggles that are on. */
  mfaPolicy(): Promise<MfaPolicyInput>;
  stepUpRequired(scope: StepUpScope): Promise<boolean>;
}

interface PolicyRow {
  required: boolean;
  session_mfa: boolean;
  step_up_transfer: boolean;
  step_up_export: boolean;
}

export function createPolicyStore(db: PGlite, now: () => number): PolicyStore {
  let cached: Promise<DemoPolicy> | null = null;

  const load = async (): Promise<DemoPolicy> => {
    const { rows } = await db.query<PolicyRow>(
      'SELECT required, session_mfa, step_up_transfer, step_up_export FROM demo_policy WHERE id = 1',
    );
    const row = rows[0];
    if (!row) throw new Error('demo_policy has no row; the migrations did not run');
    return {
      required: row.required,
      sessionMfa: row.session_mfa,
      stepUp: { 'wallet:transfer': row.step_up_transfer, 'wallet:export': row.step_up_export },
    };
  };
  const get = (): Promise<DemoPolicy> => {
    cached ??= load().catch((error: unknown) => {
      cached = null;
      throw error;
    });
    return cached;
  };

  return {
    get,
    async set(policy, updatedBy) {
      await db.query(
        `UPDATE demo_policy SET required = $1, session_mfa = $2, step_up_transfer = $3, step_up_export = $4,
           updated_at = $5, updated_by = $6
         WHERE id = 1`,
        [
          policy.required,
          policy.sessionMfa,
          policy.stepUp['wallet:transfer'],
          policy.stepUp['wallet:export'],
          now(),
          updatedBy,
        ],
      );
      const saved = structuredClone(policy);
      cached = Promise.resolve(saved);
      return saved;
    },
    async mfaPolicy() {
      const policy = await get();
      const actions: NonNullable<MfaPolicyInput['actions']> = {};
      for (const scope of STEP_UP_SCOPES) {
        if (policy.stepUp[scope]) actions[scope] = { ...STEP_UP_ACTIONS[scope] };
      }
      return { required: policy.required, sessionMfa: policy.sessionMfa, actions };
    },
    async stepUpRequired(scope) {
      return (await get()).stepUp[scope];
    },
  };
}
