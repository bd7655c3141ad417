/**
 * The reader's own app, as the docs' code blocks assume it, declared with real types so that
 * scripts/check-docs.mjs can type-check every block. Only names a reader knows to be "theirs" belong
 * here (their database, their sign-in, their components); a name that one block alone needs goes in a
 * `<!-- check-docs: prelude ... -->` comment above that block. Every block is a module, so a block that
 * defines one of these names itself uses its own.
 */

/** The MFA server of the server README's "Set up": `createMfaServer({ ... })`. */
declare const mfa: import('@mfa-kit/server').MfaServer;

/**
 * The app's token store and the MFA client of the react README's "Set up" (docs/guides/README.md shows
 * them too): `session.get()` is the access token the client sends, `session.set(token)` stores a new one.
 */
declare const session: {
  get(): string | null;
  set(token: string | null): void;
  subscribe(listener: () => void): () => void;
};
declare const mfaClient: import('@mfa-kit/client').MfaClient;

/** The app's own form for a code ("Enter the code from your authenticator app"): resolves with what was typed. */
declare function askForCode(message: string): Promise<string>;
/** Draws a QR code of `text` (any QR library; `@mfa-kit/ui` brings one for React). */
declare function showQrCode(text: string): void;

/** The app's Hono app, where it mounts the MFA routes and its own API. */
declare const app: import('hono').Hono;

/** The app's user, as its database has it. */
interface AppUser {
  id: string;
  email: string;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
  wallets: { address: string; chainId: number }[];
  role: 'admin' | 'member';
  plan: 'free' | 'business';
}

/** The app's database. */
declare const db: { users: { find(id: string): Promise<AppUser> } };

/** The app's primary sign-in (password, passkey, social, ...): the user, or an exception. */
declare function checkPassword(credentials: unknown): Promise<AppUser>;

/** The app's own API handlers. */
declare function balanceOf(userId: string): { balance: string };
declare function exportWallet(userId: string): Promise<Response>;

/** The app's analytics. */
declare const analytics: { track(name: string, properties: object): void };

/** The app's components. */
declare function Spinner(): import('react').ReactNode;
declare function SignIn(): import('react').ReactNode;
declare function SignInForm(): import('react').ReactNode;
declare function Wallet(): import('react').ReactNode;

/** The app's words for an error, chosen by its stable `code` (react README, "A custom challenge screen"). */
declare function messageFor(error: import('@mfa-kit/client').MfaError | null): string;
/** The app's words for a step-up scope: 'wallet:export' -> 'Exporting your wallet'. */
declare function labelFor(scope: string): string;

/** A browser wallet injected by an extension (EIP-1193), when there is one. */
// biome-ignore lint/correctness/noUnusedVariables: merges into the DOM's Window
interface Window {
  ethereum?: import('@mfa-kit/client').Eip1193Provider;
}
