/**
 * Every story gets a real mfa-kit backend in the browser (the server with its memory store), set up by
 * the story's `parameters.mfa` scenario, and the providers an app would render around the component —
 * with the step-up dialog mounted once, as an app mounts it.
 */
import { MfaProvider } from '@mfa-kit/react';
import { authenticate, register, type SoftCredential } from '@mfa-kit/server/testing';
import type { Decorator, Loader } from '@storybook/react-vite';
import { type ReactNode, useMemo, useSyncExternalStore } from 'react';
import { MfaUiProvider, useMessages } from '../packages/ui/src/config.js';
import type { PartialMessages } from '../packages/ui/src/i18n/index.js';
import { StepUpDialog } from '../packages/ui/src/step-up-dialog/index.js';
import {
  type Backend,
  type BackendOptions,
  createBackend,
  type Fault,
} from '../packages/ui/src/test/backend.js';

/** What `navigator.credentials` does in a story; see {@link MfaStoryParameters.passkeys}. */
export type PasskeyBrowser = 'browser' | 'soft' | 'waiting' | 'cancelled' | 'unsupported';

export interface MfaStoryParameters extends BackendOptions {
  /** Render without MfaProvider (for components that need none, such as CodeInput). */
  standalone?: boolean;
  /**
   * What `navigator.credentials` does in this story. `browser` (default): the real one. The test runner's
   * Chromium has no authenticator, so stories that run a passkey ceremony in `play` pick a stand-in:
   * `soft` answers with the backend's software authenticator, `cancelled` as a user who closes the
   * browser's prompt, `waiting` as one who hasn't touched the authenticator yet, `unsupported` is a
   * browser without WebAuthn.
   */
  passkeys?: PasskeyBrowser;
  /** Transport faults to inject once the scenario is set up, before the story renders. */
  faults?: Fault[];
  /** Mount the app's `<StepUpDialog />` (default). StepUpDialog's own stories mount theirs. */
  stepUpDialog?: boolean;
}

export const backendLoader: Loader = async ({ parameters }) => {
  const options = (parameters.mfa ?? {}) as MfaStoryParameters;
  if (options.standalone) {
    setPasskeyBrowser(options.passkeys ?? 'browser', null);
    return {};
  }
  // The real browser while the scenario is set up (its software passkey never touches it).
  setPasskeyBrowser('browser', null);
  const backend = await createBackend(options);
  for (const fault of options.faults ?? []) backend.fail(fault);
  setPasskeyBrowser(options.passkeys ?? 'browser', backend);
  return { backend };
};

const bytes = (source: BufferSource): Uint8Array<ArrayBuffer> =>
  ArrayBuffer.isView(source)
    ? new Uint8Array(source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength))
    : new Uint8Array(source.slice(0));
const toBase64Url = (source: BufferSource): string =>
  btoa(String.fromCharCode(...bytes(source)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromBase64Url = (text: string): ArrayBuffer => {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0)).buffer;
};

const refused = (name: string, message: string) => new DOMException(message, name);

/** Waits as a browser prompt would (long enough to see the pending state), or rejects on abort. */
function prompt(signal: AbortSignal | null | undefined, forever: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = forever ? undefined : setTimeout(resolve, 250);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(refused('AbortError', 'The operation was aborted.'));
    });
  });
}

let restorePasskeyBrowser: (() => void) | null = null;

/**
 * Replaces the browser's WebAuthn for one story (the platform, never our code): the previous story's
 * stand-in is removed first. `soft` keeps every passkey it creates, and the scenario's, so a passkey
 * registered in a story can be used in the same story.
 */
function setPasskeyBrowser(mode: PasskeyBrowser, backend: Backend | null): void {
  restorePasskeyBrowser?.();
  restorePasskeyBrowser = null;
  if (mode === 'browser') return;
  if (mode === 'unsupported') {
    const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
    Reflect.deleteProperty(window, 'PublicKeyCredential');
    restorePasskeyBrowser = () => {
      if (original) Object.defineProperty(window, 'PublicKeyCredential', original);
    };
    return;
  }
  const held: SoftCredential[] = backend?.passkey ? [backend.passkey] : [];
  const create = async (options?: CredentialCreationOptions): Promise<unknown> => {
    const publicKey = options?.publicKey;
    await prompt(options?.signal, mode === 'waiting');
    if (!publicKey || mode === 'cancelled') {
      throw refused('NotAllowedError', 'The operation either timed out or was not allowed.');
    }
    const excluded = new Set((publicKey.excludeCredentials ?? []).map((c) => toBase64Url(c.id)));
    if (held.some((credential) => excluded.has(credential.id))) {
      throw refused('InvalidStateError', 'The authenticator was previously registered.');
    }
    const { credential, response } = await register({
      challenge: toBase64Url(publicKey.challenge),
      rp: { id: publicKey.rp.id ?? location.hostname, name: publicKey.rp.name },
      user: {
        id: toBase64Url(publicKey.user.id),
        name: publicKey.user.name,
        displayName: publicKey.user.displayName,
      },
      pubKeyCredParams: publicKey.pubKeyCredParams.map((p) => ({ type: 'public-key', alg: p.alg })),
    });
    held.push(credential);
    return {
      id: response.id,
      rawId: fromBase64Url(response.rawId),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: fromBase64Url(response.response.clientDataJSON),
        attestationObject: fromBase64Url(response.response.attestationObject),
        getTransports: () => ['internal'],
      },
      getClientExtensionResults: () => ({}),
    };
  };
  const get = async (options?: CredentialRequestOptions): Promise<unknown> => {
    const publicKey = options?.publicKey;
    await prompt(options?.signal, mode === 'waiting');
    const allowed = new Set((publicKey?.allowCredentials ?? []).map((c) => toBase64Url(c.id)));
    const credential = held.find((candidate) => allowed.size === 0 || allowed.has(candidate.id));
    if (!publicKey || !credential || mode === 'cancelled') {
      throw refused('NotAllowedError', 'The operation either timed out or was not allowed.');
    }
    const response = await authenticate(credential, {
      challenge: toBase64Url(publicKey.challenge),
      rpId: publicKey.rpId ?? location.hostname,
    });
    return {
      id: response.id,
      rawId: fromBase64Url(response.rawId),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: fromBase64Url(response.response.clientDataJSON),
        authenticatorData: fromBase64Url(response.response.authenticatorData),
        signature: fromBase64Url(response.response.signature),
        userHandle: response.response.userHandle ? fromBase64Url(response.response.userHandle) : null,
      },
      getClientExtensionResults: () => ({}),
    };
  };
  const container = navigator.credentials;
  Object.defineProperty(container, 'create', { value: create, configurable: true, writable: true });
  Object.defineProperty(container, 'get', { value: get, configurable: true, writable: true });
  restorePasskeyBrowser = () => {
    Reflect.deleteProperty(container, 'create');
    Reflect.deleteProperty(container, 'get');
  };
}

/** How the demo app names its own step-up scopes, completing "Confirm it’s you to …". */
const APP_SCOPES: Record<string, Record<string, string>> = {
  en: { 'wallet:export': 'export your wallet', 'wallet:transfer': 'send money' },
  de: { 'wallet:export': 'Ihre Wallet zu exportieren', 'wallet:transfer': 'Geld zu senden' },
  ar: { 'wallet:export': 'تصدير محفظتك', 'wallet:transfer': 'إرسال الأموال' },
};

function WithMfa({ backend, dialog, children }: { backend: Backend; dialog: boolean; children: ReactNode }) {
  const token = useSyncExternalStore(backend.subscribe, backend.getToken, backend.getToken);
  const { locale } = useMessages();
  const messages = useMemo<PartialMessages>(() => ({ scopes: APP_SCOPES[locale] ?? {} }), [locale]);
  return (
    <MfaProvider client={backend.client} accessToken={token} onAccessToken={backend.setToken}>
      <MfaUiProvider messages={messages}>
        {children}
        {dialog ? <StepUpDialog /> : null}
      </MfaUiProvider>
    </MfaProvider>
  );
}

export const withBackend: Decorator = (Story, context) => {
  const backend = (context.loaded as { backend?: Backend }).backend;
  if (!backend) return <Story />;
  const options = (context.parameters.mfa ?? {}) as MfaStoryParameters;
  return (
    <WithMfa backend={backend} dialog={options.stepUpDialog ?? true}>
      <Story />
    </WithMfa>
  );
};
