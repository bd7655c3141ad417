import type { MfaClient } from '@mfa-kit/client';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { MfaActions } from './actions.js';
import type { SessionInfo } from './session.js';
import type { SessionState } from './session-state.js';
import type { StepUpManager } from './step-up-manager.js';

/** What <MfaProvider> shares with the hooks. Internal: apps use the hooks. */
export interface MfaContextValue {
  client: MfaClient;
  queryClient: QueryClient;
  session: SessionInfo;
  manager: StepUpManager;
  state: SessionState;
  actions: MfaActions;
}

export const MfaContext = createContext<MfaContextValue | null>(null);

export function useMfaContext(hook: string): MfaContextValue {
  const value = useContext(MfaContext);
  if (value === null) {
    throw new Error(`${hook}() must be called inside <MfaProvider> (from @mfa-kit/react)`);
  }
  return value;
}
