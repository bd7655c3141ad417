/**
 * An Ethereum wallet for the end-to-end tests: an EIP-1193 provider injected into the page as
 * `window.ethereum`, as a browser extension injects one, backed by a real secp256k1 key in Node (viem's
 * `privateKeyToAccount(...).signMessage`). The page talks to it through `page.exposeFunction`; the test
 * switches the account or the chain, or has the "user" reject requests (EIP-1193 error 4001).
 *
 * ```ts
 * const wallet = await installWallet(page);          // before the first page.goto
 * await page.getByRole('button', { name: 'Link a wallet' }).click();
 * wallet.rejectRequests(['personal_sign']);          // the next signatures are declined
 * await wallet.switchAccount(generatePrivateKey());  // emits accountsChanged
 * ```
 *
 * Methods: `eth_requestAccounts` (connects), `eth_accounts` (`[]` until connected), `eth_chainId` (hex),
 * `personal_sign` (params `[message, address]`; a `0x…` message is signed as raw bytes, as MetaMask
 * does, any other string as UTF-8 text). Anything else is error 4200 (unsupported method).
 */
import type { Page } from 'playwright-core';
import type { Hex } from 'viem';
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';

/** EIP-1193 provider errors. */
export const WALLET_ERRORS = {
  userRejected: { code: 4001, message: 'User rejected the request.' },
  unauthorized: { code: 4100, message: 'The requested account has not been authorized by the user.' },
  unsupported: { code: 4200, message: 'The provider does not support the requested method.' },
} as const;

export interface WalletRequest {
  method: string;
  params: unknown[];
}

export interface InjectedWallet {
  /** The current account, EIP-55. */
  readonly address: Hex;
  readonly account: PrivateKeyAccount;
  readonly chainId: number;
  /** Whether the page connected (`eth_requestAccounts` succeeded). */
  readonly connected: boolean;
  /** Every request the page made, in order. */
  readonly requests: readonly WalletRequest[];
  /** Another key becomes the current account; a connected page gets `accountsChanged`. */
  switchAccount(privateKey: Hex): Promise<void>;
  /** Another chain (EIP-155 id); the page gets `chainChanged`. */
  switchChain(chainId: number): Promise<void>;
  /**
   * The user rejects these methods (4001) from now on: a list, `'all'`, or `null` to accept again.
   * `once: true` rejects only the next matching request.
   */
  rejectRequests(methods: readonly string[] | 'all' | null, options?: { once?: boolean }): void;
  /** Signs as the current account would, for a test that needs a signature outside the page. */
  signMessage(message: string): Promise<Hex>;
}

export interface InstallWalletOptions {
  /** Default: a fresh random key. */
  privateKey?: Hex;
  /** Default 1 (Ethereum mainnet). */
  chainId?: number;
  /** Already connected, as a wallet the site was approved in before. Default false. */
  connected?: boolean;
}

type Answer = { result: unknown } | { error: { code: number; message: string } };

/**
 * Injects the wallet into `page` for every document it loads from now on (call it before `page.goto`).
 * Each page has its own wallet state.
 */
export async function installWallet(page: Page, options: InstallWalletOptions = {}): Promise<InjectedWallet> {
  let account = privateKeyToAccount(options.privateKey ?? generatePrivateKey());
  let chainId = options.chainId ?? 1;
  let connected = options.connected ?? false;
  let rejected: { methods: readonly string[] | 'all'; once: boolean } | null = null;
  const requests: WalletRequest[] = [];

  const rejects = (method: string) => {
    if (!rejected) return false;
    const hit = rejected.methods === 'all' || rejected.methods.includes(method);
    if (hit && rejected.once) rejected = null;
    return hit;
  };
  const emit = (event: string, data: unknown) =>
    page
      .evaluate(([name, value]) => (window as unknown as WalletWindow).__testWalletEmit?.(name, value), [
        event,
        data,
      ] as const)
      .catch(() => {}); // no document (yet): nothing to tell

  const answer = async (method: string, params: unknown[]): Promise<Answer> => {
    requests.push({ method, params });
    if (rejects(method)) return { error: WALLET_ERRORS.userRejected };
    switch (method) {
      case 'eth_requestAccounts':
        connected = true;
        return { result: [account.address] };
      case 'eth_accounts':
        return { result: connected ? [account.address] : [] };
      case 'eth_chainId':
        return { result: `0x${chainId.toString(16)}` };
      case 'personal_sign': {
        const [message, address] = params;
        if (typeof message !== 'string' || typeof address !== 'string') {
          return { error: { code: -32602, message: 'personal_sign takes [message, address]' } };
        }
        if (!connected || address.toLowerCase() !== account.address.toLowerCase()) {
          return { error: WALLET_ERRORS.unauthorized };
        }
        const signature = /^0x(?:[0-9a-fA-F]{2})*$/.test(message)
          ? await account.signMessage({ message: { raw: message as Hex } })
          : await account.signMessage({ message });
        return { result: signature };
      }
      default:
        return { error: WALLET_ERRORS.unsupported };
    }
  };

  await page.exposeFunction('__testWalletRequest', (method: string, params: unknown[]) =>
    answer(String(method), Array.isArray(params) ? params : []),
  );
  await page.addInitScript(() => {
    const page = window as unknown as WalletWindow;
    const listeners = new Map<string, Set<(value: unknown) => void>>();
    page.__testWalletEmit = (event, value) => {
      for (const listener of listeners.get(event) ?? []) listener(value);
    };
    const provider = {
      isTestWallet: true,
      async request(args: { method: string; params?: unknown[] }) {
        if (typeof args !== 'object' || args === null || typeof args.method !== 'string') {
          throw Object.assign(new Error('request takes { method, params }'), { code: -32600 });
        }
        const reply = await page.__testWalletRequest(args.method, args.params ?? []);
        if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
        return reply.result;
      },
      on(event: string, listener: (value: unknown) => void) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)?.add(listener);
        return provider;
      },
      removeListener(event: string, listener: (value: unknown) => void) {
        listeners.get(event)?.delete(listener);
        return provider;
      },
    };
    Object.defineProperty(window, 'ethereum', { value: provider, configurable: true });
    window.dispatchEvent(new Event('ethereum#initialized'));
  });

  return {
    get address() {
      return account.address;
    },
    get account() {
      return account;
    },
    get chainId() {
      return chainId;
    },
    get connected() {
      return connected;
    },
    requests,
    async switchAccount(privateKey) {
      account = privateKeyToAccount(privateKey);
      if (connected) await emit('accountsChanged', [account.address]);
    },
    async switchChain(next) {
      if (!Number.isSafeInteger(next) || next < 1) throw new TypeError('a chain id is a positive integer');
      chainId = next;
      await emit('chainChanged', `0x${next.toString(16)}`);
    },
    rejectRequests(methods, rejectOptions = {}) {
      rejected = methods === null ? null : { methods, once: rejectOptions.once ?? false };
    },
    signMessage: (message) => account.signMessage({ message }),
  };
}

interface WalletWindow {
  __testWalletRequest(method: string, params: unknown[]): Promise<Answer>;
  __testWalletEmit?: (event: string, value: unknown) => void;
}
