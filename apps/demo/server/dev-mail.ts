/**
 * A real SMTP server inside the demo's process, for development and tests: the MFA server's SMTP sender
 * (`createSmtpEmailSender` of `@mfa-kit/server/smtp`, nodemailer) delivers to it over TCP on 127.0.0.1,
 * and what arrives is parsed as a mail client reads it (mailparser) into the outbox. Production never
 * starts it: there, `SMTP_URL` names a real mail server, or the demo sends no email.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Outbox } from './outbox.js';

/** Larger messages are refused: a code email is a few kilobytes. */
const MAX_MESSAGE_BYTES = 256 * 1024;

export interface DevMailServer {
  /** `smtp://127.0.0.1:<port>`, for the sender. */
  url: string;
  close(): Promise<void>;
}

export async function startDevMailServer(outbox: Outbox): Promise<DevMailServer> {
  const server = new SMTPServer({
    // Local only, no TLS (nothing leaves the machine), no login: any sender may deliver.
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'Acme Wallet development mail',
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
            return;
          }
          // The envelope's recipients, each an inbox of its own (Bcc included, as a mail server does).
          for (const recipient of session.envelope.rcptTo) {
            outbox.add({
              channel: 'email',
              to: recipient.address,
              subject: mail.subject ?? '',
              text: (mail.text ?? '').trim(),
            });
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
