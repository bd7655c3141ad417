/**
 * The development outbox and the email path: the MFA server's shipped SMTP sender (nodemailer) delivers
 * over TCP to the demo's embedded SMTP server, and the mail lands in the outbox — nothing is stubbed.
 * In production the outbox route does not exist.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from './api.js';
import { type Harness, signUp, startDemo } from './test/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startDemo();
});
afterAll(() => h.close());

const outbox = (to: string, harness = h) =>
  harness.call<OutboxMessage[]>('GET', `/api/dev/outbox?to=${encodeURIComponent(to)}`);
const sendEmailCode = (token: string, harness = h) =>
  harness.call<{ challengeId: string; sentTo: string }>('POST', '/api/mfa/reauth/email-otp/send', {
    token,
    body: { requestedScopes: ['wallet:transfer'] },
  });
const codeIn = (message: OutboxMessage | undefined) => /\b(\d{6})\b/.exec(message?.text ?? '')?.[1] ?? '';

describe('GET /api/dev/outbox', () => {
  it('is announced by GET /api/dev, for the front end', async () => {
    expect((await h.call('GET', '/api/dev')).body).toEqual({ outbox: true });
  });

  it('answers [] for an address nobody wrote to', async () => {
    const reply = await outbox('nobody@example.com');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual([]);
  });

  it('refuses a missing, malformed or repeated address, and unknown parameters', async () => {
    for (const query of [
      '',
      '?to=',
      '?to=not-an-address',
      '?to=12345',
      `?to=${'a'.repeat(250)}@example.com`,
      '?to=a@example.com&to=b@example.com',
      '?to=a@example.com&all=1',
    ]) {
      const reply = await h.call('GET', `/api/dev/outbox${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
  });
});

describe('email codes through the embedded SMTP server', () => {
  it('delivers a step-up code by real SMTP into the outbox, newest first, and the code works', async () => {
    const { email, token } = await signUp(h);
    const sent = await sendEmailCode(token);
    expect(sent.status).toBe(202);
    expect(sent.body.sentTo).not.toBe(email); // masked

    h.clock.advance(31_000);
    const again = await sendEmailCode(token);
    expect(again.status).toBe(202);

    // Any case of the address finds the same inbox.
    const inbox = await outbox(email.toUpperCase());
    expect(inbox.status).toBe(200);
    expect(inbox.body).toHaveLength(2);
    const [newest, older] = inbox.body;
    expect(newest).toMatchObject({
      channel: 'email',
      to: email,
      text: expect.stringContaining('verification code'),
    });
    expect(newest?.subject).toBe(`${codeIn(newest)} is your verification code`);
    expect(Date.parse(newest?.sentAt ?? '')).toBeGreaterThan(Date.parse(older?.sentAt ?? ''));
    expect(codeIn(newest)).not.toBe('');

    // The newest code elevates; the one it replaced does not (one live code per session and method).
    const stale = await h.call('POST', '/api/mfa/verify/email-otp', {
      token,
      body: { challengeId: sent.body.challengeId, code: codeIn(older), requestedScopes: ['wallet:transfer'] },
    });
    expect(stale.status).toBe(410);
    const verified = await h.call<{ elevatedToken: string }>('POST', '/api/mfa/verify/email-otp', {
      token,
      body: {
        challengeId: again.body.challengeId,
        code: codeIn(newest),
        requestedScopes: ['wallet:transfer'],
      },
    });
    expect(verified.status).toBe(200);
    const transfer = await h.call('POST', '/api/wallet/transfer', {
      token,
      elevated: verified.body.elevatedToken,
      body: { to: 'grace@example.com', amount: '5' },
    });
    expect(transfer.status).toBe(200);
    // Nobody else's inbox got it.
    expect((await outbox('grace@example.com')).body).toEqual([]);
  });
});

describe('SMTP_URL', () => {
  const received: ParsedMail[] = [];
  let external: SMTPServer;
  let own: Harness;
  beforeAll(async () => {
    external = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
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
    external.listen(0, '127.0.0.1');
    await once(external.server, 'listening');
    const { port } = external.server.address() as AddressInfo;
    own = await startDemo({ smtpUrl: `smtp://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await own.close();
    await new Promise<void>((resolve) => external.close(() => resolve()));
  });

  it('sends the codes to that mail server instead of the outbox', async () => {
    const { email, token } = await signUp(own);
    expect((await sendEmailCode(token, own)).status).toBe(202);
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toMatchObject({ text: email });
    expect(received[0]?.from?.value).toEqual([{ name: 'Acme Wallet', address: 'security@localhost' }]);
    expect((await outbox(email, own)).body).toEqual([]);
  });
});

describe('in production', () => {
  let production: Harness;
  beforeAll(async () => {
    production = await startDemo({ production: true });
  });
  afterAll(() => production.close());

  it('has no outbox route', async () => {
    for (const path of ['/api/dev', '/api/dev/outbox?to=ada@example.com']) {
      const reply = await production.call('GET', path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('offers no email or SMS codes without a mail server or an SMS gateway, and says so', async () => {
    const { token } = await signUp(production);
    const check = await production.call('POST', '/api/mfa/step-up/check', {
      token,
      body: { scope: 'wallet:transfer' },
    });
    expect(check.body).toEqual({ required: true, methods: [], reauthMethods: [] });
    const phone = await production.call('POST', '/api/account/phone', {
      token,
      body: { phone: '+4915112345678' },
    });
    expect(phone.status).toBe(503);
    expect(phone.body).toMatchObject({ error: { code: 'unavailable' } });
    const contacts = await production.call('GET', '/api/account/contacts', { token });
    expect(contacts.body).toMatchObject({ phone: null, pendingPhone: null });
  });
});
