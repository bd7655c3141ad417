/**
 * The app's one @mfa-kit/client, on the token store: MfaProvider takes it, and the few places that need
 * what the hooks don't tell (the ways a user could step up for an action) call it directly.
 */
import { createMfaClient } from '@mfa-kit/client';
import { session } from './session.js';

export const mfaClient = createMfaClient({ baseUrl: '/api/mfa', getAccessToken: session.get });
