/**
 * `@mfa-kit/server/smtp`: an {@link EmailSender} that sends codes over SMTP with nodemailer. An entry of
 * its own, so that a server which sends email some other way never loads nodemailer.
 *
 * ```ts
 * import { createSmtpEmailSender } from '@mfa-kit/server/smtp';
 * const email = createSmtpEmailSender({ transport: process.env.SMTP_URL, from: 'Acme <security@acme.example>' });
 * createMfaServer({ ..., senders: { email } });
 * ```
 */
import nodemailer from 'nodemailer';
import { type CodeMessage, type EmailSender, renderCodeMessage } from './senders/messages.js';

/** What the sender needs of a transport: nodemailer's `Transporter` has it, and so can a test double. */
export interface MailTransport {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
  }): Promise<unknown>;
}

export interface SmtpEmailSenderOptions {
  /**
   * An SMTP URL — `smtp://user:password@host:587` (STARTTLS when the server offers it) or
   * `smtps://…:465` (TLS from the start) — or a transport made with nodemailer's `createTransport`, for
   * pooling, OAuth2 or TLS options.
   */
  transport: string | MailTransport;
  /** The sender, e.g. `'Acme <security@acme.example>'`. */
  from: string;
  /** Your own words; the default is {@link renderCodeMessage} (English, German, Arabic). */
  render?: (message: CodeMessage) => { subject: string; text: string; html?: string };
}

/**
 * Sends each code as one email. It resolves when the SMTP server accepted the message and throws when it
 * did not; the error names the SMTP failure, never the code.
 */
export function createSmtpEmailSender(options: SmtpEmailSenderOptions): EmailSender {
  if (typeof options?.from !== 'string' || options.from.trim() === '') {
    throw new TypeError(
      'createSmtpEmailSender: `from` must be an address, e.g. "Acme <security@acme.example>"',
    );
  }
  if (typeof options.transport === 'string' && !/^smtps?:\/\//.test(options.transport)) {
    throw new TypeError(
      'createSmtpEmailSender: `transport` must be an smtp:// or smtps:// URL, or a transport',
    );
  }
  if (typeof options.transport !== 'string' && typeof options.transport?.sendMail !== 'function') {
    throw new TypeError(
      'createSmtpEmailSender: `transport` must be an smtp:// or smtps:// URL, or a transport',
    );
  }
  const transport: MailTransport =
    typeof options.transport === 'string' ? nodemailer.createTransport(options.transport) : options.transport;
  const render: NonNullable<SmtpEmailSenderOptions['render']> =
    options.render ?? ((message) => renderCodeMessage(message, 'email'));
  return async (message) => {
    const { subject, text, html } = render(message);
    try {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject,
        text,
        ...(html ? { html } : {}),
      });
    } catch (error) {
      // nodemailer's errors carry the SMTP dialogue (`response`), which can quote the message: keep only
      // what names the failure.
      const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
      const reason = [code, responseCode].filter(
        (part) => typeof part === 'string' || typeof part === 'number',
      );
      throw new Error(`SMTP delivery failed${reason.length > 0 ? ` (${reason.join(' ')})` : ''}`);
    }
  };
}

export type { CodeMessage, EmailSender } from './senders/messages.js';
