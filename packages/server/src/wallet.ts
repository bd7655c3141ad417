/**
 * Wallet signatures for re-authentication (security rule 31): the server writes an EIP-4361
 * (Sign-In with Ethereum) message, the wallet signs it, and the server checks the signature against the
 * message it stored — never against one the client sends. A message for another domain, chain, address,
 * nonce or time therefore cannot answer a challenge, whoever signed it.
 *
 * viem does the Ethereum work (message format, EIP-191 hashing, address recovery, and EIP-1271/6492
 * smart-account signatures through a configured client). It is loaded on first use, so a server that
 * never asks for a wallet signature never loads it.
 */
import type { Client } from 'viem';

export interface WalletMessageInput {
  /** The page's authority (host and port): a wallet shows it and warns when it is not the page's. */
  domain: string;
  /** An allowed origin of the app, e.g. `https://app.example`. */
  uri: string;
  /** The wallet's address, any case; written in its EIP-55 checksum form. */
  address: string;
  chainId: number;
  /** Single use, bound to the session and scopes by the stored challenge; alphanumeric, 8+ characters. */
  nonce: string;
  /** One line that names the action, shown by the wallet. */
  statement: string;
  issuedAt: number;
  expiresAt: number;
}

let viem: Promise<[typeof import('viem'), typeof import('viem/siwe')]> | undefined;
const loadViem = () => {
  viem ??= Promise.all([import('viem'), import('viem/siwe')]);
  return viem;
};

/** The address in its EIP-55 checksum form, or null when it is not an Ethereum address. */
export async function checksumAddress(address: string): Promise<string | null> {
  const [{ getAddress, isAddress }] = await loadViem();
  return isAddress(address, { strict: false }) ? getAddress(address) : null;
}

/** The EIP-4361 message for a challenge. */
export async function createWalletMessage(input: WalletMessageInput): Promise<string> {
  const [{ getAddress }, { createSiweMessage }] = await loadViem();
  return createSiweMessage({
    domain: input.domain,
    address: getAddress(input.address),
    statement: input.statement,
    uri: input.uri,
    version: '1',
    chainId: input.chainId,
    nonce: input.nonce,
    issuedAt: new Date(input.issuedAt),
    expirationTime: new Date(input.expiresAt),
  });
}

export interface CheckWalletSignatureInput {
  /** The message the server wrote and stored for this challenge. */
  message: string;
  /** What the wallet returned for `personal_sign`: 0x-prefixed hex. */
  signature: string;
  /** The address the challenge was issued for. */
  address: string;
  domain: string;
  nonce: string;
  now: number;
  /**
   * A viem client for the message's chain, to accept smart-account signatures (EIP-1271, and EIP-6492
   * for accounts not deployed yet). Without one, only externally owned accounts (EIP-191 signatures
   * that recover to the address) are accepted.
   */
  client?: Client | undefined;
}

/**
 * True when `signature` is the wallet at `address` signing exactly `message`, and the message is valid
 * now for this domain and nonce. Malformed signatures are false, never an exception.
 */
export async function checkWalletSignature(input: CheckWalletSignatureInput): Promise<boolean> {
  const [{ getAddress, isHex, recoverMessageAddress }, siwe] = await loadViem();
  if (!isHex(input.signature, { strict: true }) || input.signature.length < 4) return false;
  const signature = input.signature as `0x${string}`;
  const address = getAddress(input.address);
  const expected = { address, domain: input.domain, nonce: input.nonce, time: new Date(input.now) };
  if (!siwe.validateSiweMessage({ message: siwe.parseSiweMessage(input.message), ...expected })) return false;
  try {
    if (input.client) {
      return await siwe.verifySiweMessage(input.client, { message: input.message, signature, ...expected });
    }
    return (await recoverMessageAddress({ message: input.message, signature })) === address;
  } catch {
    return false;
  }
}
