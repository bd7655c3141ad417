/**
 * An Ethereum wallet in the browser, through the EIP-1193 provider it injects as `window.ethereum`
 * (MetaMask, Rabby, Coinbase Wallet, …). The app asks for an account and the chain, the server writes
 * the EIP-4361 message, and the wallet signs exactly that text with `personal_sign`. Nothing of viem
 * here: the browser only relays; the server checks the signature.
 */
import type { ContactsResponse, WalletChallengeResponse } from '../server/api.js';
import { api } from './api.js';

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

/** What went wrong in the wallet: none in this browser, the user said no (EIP-1193 4001), or another failure. */
export class WalletError extends Error {
  override readonly name = 'WalletError';
  readonly kind: 'no_wallet' | 'rejected' | 'failed';

  constructor(kind: WalletError['kind'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

/** The injected provider, or null when the browser has no wallet. */
export function browserWallet(): Eip1193Provider | null {
  const candidate = (globalThis as { ethereum?: unknown }).ethereum;
  if (typeof candidate !== 'object' || candidate === null) return null;
  return typeof (candidate as Eip1193Provider).request === 'function' ? (candidate as Eip1193Provider) : null;
}

async function ask(provider: Eip1193Provider, method: string, params?: unknown[]): Promise<unknown> {
  try {
    return await provider.request(params ? { method, params } : { method });
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    if (code === 4001 || code === 'ACTION_REJECTED') {
      throw new WalletError('rejected', `${method} was rejected in the wallet`, { cause });
    }
    throw new WalletError('failed', `${method} failed in the wallet`, { cause });
  }
}

/** Gets the server's message for the wallet's account and chain (behind step-up: the caller asks for it). */
export type AskForMessage = (address: string, chainId: number) => Promise<WalletChallengeResponse>;

/**
 * Links the wallet's current account to the signed-in account: eth_requestAccounts and eth_chainId, the
 * server's message (through `askForMessage`, which steps up first), personal_sign, and the server's
 * check. Rejects with a {@link WalletError} for the wallet's part and an ApiError for the server's.
 */
export async function linkBrowserWallet(askForMessage: AskForMessage): Promise<ContactsResponse> {
  const provider = browserWallet();
  if (!provider) throw new WalletError('no_wallet', 'this browser has no Ethereum wallet (window.ethereum)');
  const accounts = await ask(provider, 'eth_requestAccounts');
  const address = Array.isArray(accounts) ? accounts[0] : undefined;
  if (typeof address !== 'string') throw new WalletError('failed', 'the wallet gave no account');
  const chain = await ask(provider, 'eth_chainId');
  const chainId =
    typeof chain === 'string' && /^0x[0-9a-f]+$/i.test(chain) ? Number.parseInt(chain, 16) : Number.NaN;
  if (!Number.isSafeInteger(chainId) || chainId < 1)
    throw new WalletError('failed', 'the wallet gave no chain');
  const challenge = await askForMessage(address, chainId);
  const signature = await ask(provider, 'personal_sign', [challenge.message, address]);
  if (typeof signature !== 'string') throw new WalletError('failed', 'the wallet gave no signature');
  return api.linkWallet(challenge.challengeId, signature);
}
