/**
 * Fixtures for step-up by re-authentication (docs/protocol.md §8): two well-known wallets, and senders
 * that keep every code they are given, so that a test knows the code that went out.
 */
import { privateKeyToAccount } from 'viem/accounts';
import type { CodeMessage, EmailSender, SmsSender } from '../senders/messages.js';

// Two well-known test keys (Hardhat's first accounts): never hold anything of value.
const ALICE_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const MALLORY_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
/** The wallet a test links to its user. */
export const alice = privateKeyToAccount(ALICE_KEY);
/** A wallet linked to nobody. */
export const mallory = privateKeyToAccount(MALLORY_KEY);

/** What the senders were given, in order. */
export interface Outbox {
  sent: Array<CodeMessage & { channel: 'email' | 'sms' }>;
  /** While true, every send throws, like a mail server that refuses the message. */
  fail: boolean;
  /** The last message sent; throws when there is none. */
  last(): CodeMessage;
  /** To pass as the server's `senders`. */
  senders: { email: EmailSender; sms: SmsSender };
}

export function createOutbox(): Outbox {
  const sender = (channel: 'email' | 'sms') => async (message: CodeMessage) => {
    if (outbox.fail) throw new Error(`SMTP 451 for ${message.to}: code ${message.code} not delivered`);
    outbox.sent.push({ ...message, channel });
  };
  const outbox: Outbox = {
    sent: [],
    fail: false,
    last() {
      const message = outbox.sent.at(-1);
      if (!message) throw new Error('nothing was sent');
      return message;
    },
    senders: { email: sender('email'), sms: sender('sms') },
  };
  return outbox;
}
