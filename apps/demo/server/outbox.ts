/**
 * The demo's outbox: every email that reaches the embedded SMTP server (server/dev-mail.ts) and every
 * text message of the demo's SMS sender, kept in memory so that a visitor can read their own codes on
 * the Inbox page (`GET /api/dev/outbox`, outside production only). Nothing here is logged: a message
 * holds a code until it is used or expires.
 */
import { type CodeMessage, renderCodeMessage, type SmsSender } from '@mfa-kit/server';
import type { OutboxMessage } from './api.js';

/** The newest messages kept; older ones go, so a long-running dev server does not grow without end. */
export const OUTBOX_LIMIT = 500;

export interface Outbox {
  add(message: Omit<OutboxMessage, 'sentAt'> & { sentAt?: string }): void;
  /** The messages to `to` (an email address, any case, or an E.164 number), newest first. */
  list(to: string): OutboxMessage[];
}

/** Addresses compare without case and surrounding space; phone numbers as they are (E.164). */
export const outboxKey = (to: string) => to.trim().toLowerCase();

export function createOutbox(now: () => number): Outbox {
  const messages: OutboxMessage[] = [];
  return {
    add(message) {
      messages.push({
        channel: message.channel,
        to: message.to,
        subject: message.subject,
        text: message.text,
        sentAt: message.sentAt ?? new Date(now()).toISOString(),
      });
      if (messages.length > OUTBOX_LIMIT) messages.splice(0, messages.length - OUTBOX_LIMIT);
    },
    list(to) {
      const key = outboxKey(to);
      // Appended in the order they arrived: the newest are at the end.
      return messages
        .filter((message) => outboxKey(message.to) === key)
        .reverse()
        .map((message) => ({ ...message }));
    },
  };
}

/**
 * The demo's SMS gateway: a text message is written into the outbox (channel `sms`) instead of a
 * phone network. A real app sends it through Twilio, SNS, … (packages/server/README.md).
 */
export function createOutboxSmsSender(outbox: Outbox, now: () => number): SmsSender {
  return async (message: CodeMessage) => {
    const { text } = renderCodeMessage(message, 'sms', now());
    outbox.add({ channel: 'sms', to: message.to, subject: null, text });
  };
}
