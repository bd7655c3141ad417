/**
 * The SMTP email sender against a real SMTP server (smtp-server, in this process, on a free port): what
 * arrives is parsed with mailparser, as a mail client would read it.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CodeMessage, renderCodeMessage } from '../index.js';
import { createSmtpEmailSender } from '../smtp.js';

const received: ParsedMail[] = [];
let server: SMTPServer;
let url: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refuse@')) {
        const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  received.length = 0;
});

const message = (overrides: Partial<CodeMessage> = {}): CodeMessage => ({
  to: 'ada@example.com',
  code: '493817',
  purpose: 'step-up',
  scopes: ['wallet:export'],
  userId: 'ada',
  locale: 'en-US',
  expiresAt: Date.now() + 5 * 60_000,
  ...overrides,
});

describe('createSmtpEmailSender', () => {
  it('delivers the code to the address, from the sender, in the default words', async () => {
    const send = createSmtpEmailSender({ transport: url, from: 'Acme <security@acme.example>' });
    await send(message());
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.from?.value).toEqual([{ name: 'Acme', address: 'security@acme.example' }]);
    expect(mail?.to).toMatchObject({ text: 'ada@example.com' });
    expect(mail?.subject).toBe('493817 is your verification code');
    expect(mail?.text).toContain('Your verification code is 493817.');
    expect(mail?.text).toContain('expires in 5 minutes');
  });

  it('writes in the user’s language, and keeps Arabic intact on the wire', async () => {
    const send = createSmtpEmailSender({ transport: url, from: 'security@acme.example' });
    await send(message({ locale: 'de-DE' }));
    await send(message({ locale: 'ar', expiresAt: Date.now() + 10 * 60_000 }));
    expect(received.map((mail) => mail.subject)).toEqual([
      '493817 ist Ihr Bestätigungscode',
      '493817 هو رمز التحقق الخاص بك',
    ]);
    expect(received[0]?.text).toContain('läuft in 5 Minuten ab');
    expect(received[1]?.text).toContain('خلال 10 دقائق');
  });

  it('uses the app’s own words when given', async () => {
    const send = createSmtpEmailSender({
      transport: url,
      from: 'security@acme.example',
      render: (m) => ({ subject: 'Confirm', text: `Code: ${m.code}`, html: `<p>Code: <b>${m.code}</b></p>` }),
    });
    await send(message());
    expect(received[0]?.subject).toBe('Confirm');
    expect(received[0]?.text?.trim()).toBe('Code: 493817');
    expect(received[0]?.html).toContain('<b>493817</b>');
  });

  it('throws when the server refuses the message, naming the failure and not the code', async () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    const send = createSmtpEmailSender({ transport: url, from: 'security@acme.example' });
    const failure = await send(message({ to: 'refuse@example.com' })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^SMTP delivery failed \(.*550.*\)$/);
    expect(JSON.stringify(failure)).not.toContain('493817');
    expect(String((failure as Error).stack)).not.toContain('493817');
    expect(received).toHaveLength(0);
    expect([...log.mock.calls, ...error.mock.calls].flat().join(' ')).not.toContain('493817');
    log.mockRestore();
    error.mockRestore();
  });

  it('throws when no SMTP server answers', async () => {
    const closed = new SMTPServer({ authOptional: true, logger: false });
    closed.listen(0, '127.0.0.1');
    await once(closed.server, 'listening');
    const { port } = closed.server.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const send = createSmtpEmailSender({
      transport: `smtp://127.0.0.1:${port}`,
      from: 'security@acme.example',
    });
    await expect(send(message())).rejects.toThrow(/^SMTP delivery failed \(E[A-Z]+\)$/);
  });

  it('refuses options it cannot use, with a message that says what to give', () => {
    expect(() => createSmtpEmailSender({ transport: url, from: '' })).toThrow(TypeError);
    expect(() => createSmtpEmailSender({ transport: 'http://mail.example', from: 'a@b.example' })).toThrow(
      /smtp:\/\/ or smtps:\/\/ URL/,
    );
    // @ts-expect-error a transport must have sendMail
    expect(() => createSmtpEmailSender({ transport: {}, from: 'a@b.example' })).toThrow(TypeError);
  });
});

describe('renderCodeMessage', () => {
  const now = 1_800_000_000_000;
  it('counts the minutes left and falls back to English for other languages', () => {
    const m = message({ locale: 'fr-FR', expiresAt: now + 60_000 });
    expect(renderCodeMessage(m, 'sms', now).text).toBe(
      '493817 is your verification code. It expires in 1 min. Do not share it with anyone.',
    );
    expect(renderCodeMessage(m, 'email', now).text).toContain('expires in 1 minute.');
    expect(renderCodeMessage({ ...m, locale: 'ar-EG', expiresAt: now + 120_000 }, 'sms', now).text).toContain(
      'دقيقتين',
    );
  });
});
