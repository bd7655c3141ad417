/**
 * A software Ethereum wallet behind the EIP-1193 interface that browser wallets inject as
 * `window.ethereum`, for tests of step-up by wallet signature (docs/protocol.md §8.3) without a browser
 * extension: it signs with a private key through viem, and a test can switch its account or chain, or
 * make the user decline, as a person would in their wallet.
 */
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/** What a request to the wallet looks like (EIP-1193). */
export interface SoftWalletRequest {
  method: string;
  params?: readonly unknown[] | undefined;
}

/** An EIP-1193 provider holding private keys, with the controls a test needs. */
export interface SoftWallet {
  /** EIP-1193: `eth_requestAccounts`, `eth_accounts`, `eth_chainId`, `personal_sign`, `wallet_switchEthereumChain`. */
  request(request: SoftWalletRequest): Promise<unknown>;
  /** The addresses of the keys, EIP-55 checksummed, in the order given. */
  readonly addresses: readonly string[];
  /** The account the wallet offers now (index into `addresses`). */
  useAccount(index: number): void;
  /** The chain the wallet is on now (EIP-155 id). */
  useChain(chainId: number): void;
  /** While true, the user declines every request (EIP-1193 error 4001). */
  decline(declining: boolean): void;
  /** Every method asked of the wallet, in order. */
  readonly calls: string[];
}

/** EIP-1193's error for a request the user rejected. */
class UserRejectedRequestError extends Error {
  readonly code = 4001;
  constructor() {
    super('User rejected the request.');
  }
}

/** A wallet with one account per private key, on `chainId` (default 1, Ethereum mainnet). */
export function createSoftWallet({
  privateKeys,
  chainId = 1,
}: {
  privateKeys: readonly Hex[];
  chainId?: number;
}): SoftWallet {
  const accounts = privateKeys.map((key) => privateKeyToAccount(key));
  let current = 0;
  let chain = chainId;
  let declining = false;
  const calls: string[] = [];
  const account = () => {
    const chosen = accounts[current];
    if (!chosen) throw new RangeError(`the soft wallet has no account ${current}`);
    return chosen;
  };
  return {
    addresses: accounts.map((a) => a.address),
    calls,
    useAccount(index) {
      current = index;
    },
    useChain(id) {
      chain = id;
    },
    decline(value) {
      declining = value;
    },
    async request({ method, params = [] }) {
      calls.push(method);
      switch (method) {
        case 'eth_accounts':
          return [account().address];
        case 'eth_chainId':
          return `0x${chain.toString(16)}`;
        case 'eth_requestAccounts':
          if (declining) throw new UserRejectedRequestError();
          return [account().address];
        case 'wallet_switchEthereumChain': {
          if (declining) throw new UserRejectedRequestError();
          const wanted = (params[0] as { chainId?: unknown } | undefined)?.chainId;
          if (typeof wanted !== 'string') throw new TypeError('wallet_switchEthereumChain needs { chainId }');
          chain = Number.parseInt(wanted, 16);
          return null;
        }
        case 'personal_sign': {
          if (declining) throw new UserRejectedRequestError();
          const [message, address] = params;
          if (typeof message !== 'string') throw new TypeError('personal_sign needs a message');
          if (String(address).toLowerCase() !== account().address.toLowerCase()) {
            throw Object.assign(new Error('the requested account is not the selected one'), { code: 4100 });
          }
          return account().signMessage({ message });
        }
        default:
          throw Object.assign(new Error(`the soft wallet does not support ${method}`), { code: 4200 });
      }
    },
  };
}
