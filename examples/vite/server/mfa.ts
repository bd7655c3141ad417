import { createMfaServer } from '@mfa-kit/server';
import { createPgliteStore } from '@mfa-kit/server/pglite';

const encryptionKey = process.env.MFA_ENCRYPTION_KEY;
if (!encryptionKey) {
  throw new Error(
    'Set MFA_ENCRYPTION_KEY in .env: echo "MFA_ENCRYPTION_KEY=$(openssl rand -base64 32)" > .env',
  );
}
const origin = process.env.APP_ORIGIN ?? 'http://localhost:3000';

export const mfa = createMfaServer({
  // On a worker thread, PGlite's synchronous statements do not hold up other requests.
  store: createPgliteStore({ dataDir: './.data/mfa', worker: true }),
  encryptionKey,
  issuer: origin,
  audience: 'acme-example',
  webauthn: { rpId: new URL(origin).hostname, rpName: 'Acme', origins: [origin, 'http://localhost:5173'] },
  getUserName: (userId) => userId, // shown in the authenticator app: the user's email here
  policy: {
    required: true, // every user sets up a second factor at their first sign-in
    actions: { 'account:export': { singleUse: true } }, // step-up before exporting account data
  },
});
