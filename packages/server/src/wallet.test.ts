import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import {
  checksumAddress,
  checkWalletSignature,
  createWalletMessage,
  type WalletMessageInput,
} from './wallet.js';

const ada = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const eve = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
const T0 = Date.UTC(2026, 11, 5, 12, 0, 0);

const input = (overrides: Partial<WalletMessageInput> = {}): WalletMessageInput => ({
  domain: 'app.example',
  uri: 'https://app.example',
  address: ada.address.toLowerCase(),
  chainId: 1,
  nonce: 'k3Jd82hQxPz0aLm4',
  statement: 'Confirm a sensitive action: wallet:export',
  issuedAt: T0,
  expiresAt: T0 + 5 * 60_000,
  ...overrides,
});

describe('createWalletMessage', () => {
  it('writes an EIP-4361 message with the domain, origin, checksummed address, chain, nonce and times', async () => {
    expect(await createWalletMessage(input())).toBe(
      [
        'app.example wants you to sign in with your Ethereum account:',
        ada.address,
        '',
        'Confirm a sensitive action: wallet:export',
        '',
        'URI: https://app.example',
        'Version: 1',
        'Chain ID: 1',
        'Nonce: k3Jd82hQxPz0aLm4',
        'Issued At: 2026-12-05T12:00:00.000Z',
        'Expiration Time: 2026-12-05T12:05:00.000Z',
      ].join('\n'),
    );
  });

  it('checksums addresses and refuses what is not one', async () => {
    expect(await checksumAddress(ada.address.toLowerCase())).toBe(ada.address);
    expect(await checksumAddress('0x1234')).toBeNull();
    expect(await checksumAddress('not an address')).toBeNull();
  });
});

describe('checkWalletSignature', () => {
  const check = async (signedInput: WalletMessageInput, signer = ada, at = T0 + 1000) => {
    const stored = await createWalletMessage(input());
    const signature = await signer.signMessage({ message: await createWalletMessage(signedInput) });
    return checkWalletSignature({
      message: stored,
      signature,
      address: ada.address,
      domain: 'app.example',
      nonce: 'k3Jd82hQxPz0aLm4',
      now: at,
    });
  };

  it('accepts the wallet signing exactly the stored message', async () => {
    expect(await check(input())).toBe(true);
  });

  it('refuses a signature over a message for another domain, origin, chain, nonce, address or statement', async () => {
    for (const other of [
      { domain: 'evil.example' },
      { uri: 'https://evil.example' },
      { chainId: 10 },
      { nonce: 'zzzzzzzzzzzzzzzz' },
      { address: eve.address },
      { statement: 'Sign in' },
      { expiresAt: T0 + 60 * 60_000 },
    ]) {
      expect(await check(input(other)), JSON.stringify(other)).toBe(false);
    }
  });

  it('refuses another wallet’s signature, an expired message, and malformed signatures', async () => {
    expect(await check(input(), eve)).toBe(false);
    expect(await check(input(), ada, T0 + 5 * 60_000 + 1)).toBe(false);
    const message = await createWalletMessage(input());
    for (const signature of [
      '',
      '0x',
      '0xzz',
      'deadbeef',
      `0x${'ab'.repeat(65)}`,
      `0x${'00'.repeat(64)}1b`,
    ]) {
      expect(
        await checkWalletSignature({
          message,
          signature,
          address: ada.address,
          domain: 'app.example',
          nonce: 'k3Jd82hQxPz0aLm4',
          now: T0,
        }),
        signature,
      ).toBe(false);
    }
  });
});
