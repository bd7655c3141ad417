import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type DemoPolicy, type HistoryEntry, type WalletResponse } from './api.js';
import { freshEmail, type Harness, proveTotp, signUp, startDemo, userWithTotp } from './test/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startDemo();
});
afterAll(() => h.close());

/** Switches step-up for the account of `token` (the demo's policy is per account). */
async function setStepUp(token: string, transfer: boolean, exportPhrase: boolean) {
  const policy: DemoPolicy = {
    required: false,
    sessionMfa: true,
    stepUp: { 'wallet:transfer': transfer, 'wallet:export': exportPhrase },
    reauth: DEFAULT_POLICY.reauth,
  };
  expect((await h.call('PUT', '/api/policy', { token, body: policy })).status).toBe(200);
}

const wallet = async (token: string) => (await h.call<WalletResponse>('GET', '/api/wallet', { token })).body;
const transfer = (token: string, body: unknown, elevated?: string) =>
  h.call<{ balance: string; entry: HistoryEntry }>('POST', '/api/wallet/transfer', {
    token,
    body,
    ...(elevated ? { elevated } : {}),
  });

describe('transfers', () => {
  it('moves money to another user, with a history entry on both sides', async () => {
    const ada = await signUp(h);
    const grace = await signUp(h);
    await setStepUp(ada.token, false, true);
    h.clock.advance(1_000);
    const sent = await transfer(ada.token, { to: grace.email.toUpperCase(), amount: '250.5' });
    expect(sent.status).toBe(200);
    const entry = {
      id: expect.stringMatching(/^txn_/),
      type: 'transfer_sent',
      amount: '-250.50',
      balanceAfter: '749.50',
      counterparty: grace.email,
      createdAt: new Date(h.clock.now()).toISOString(),
    };
    expect(sent.body).toEqual({ balance: '749.50', entry });
    const adaWallet = await wallet(ada.token);
    expect(adaWallet.balance).toBe('749.50');
    expect(adaWallet.history.map((e) => e.type)).toEqual(['transfer_sent', 'welcome_bonus']);
    expect(adaWallet.history[0]).toEqual(entry);

    const graceWallet = await wallet(grace.token);
    expect(graceWallet.balance).toBe('1250.50');
    expect(graceWallet.history[0]).toMatchObject({
      type: 'transfer_received',
      amount: '250.50',
      balanceAfter: '1250.50',
      counterparty: ada.email,
    });
  });

  it('sends to any valid email, registered or not', async () => {
    const { token } = await signUp(h);
    await setStepUp(token, false, true);
    const sent = await transfer(token, { to: freshEmail('outside'), amount: '0.01' });
    expect(sent.status).toBe(200);
    expect(sent.body.balance).toBe('999.99');
  });

  it('refuses more than the balance with 409 conflict and changes nothing', async () => {
    const { token } = await signUp(h);
    await setStepUp(token, false, true);
    expect((await transfer(token, { to: 'grace@example.com', amount: '600' })).status).toBe(200);
    const before = await wallet(token);
    const refused = await transfer(token, { to: 'grace@example.com', amount: '400.01' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: { code: 'conflict', message: expect.stringContaining('insufficient funds') },
    });
    expect(await wallet(token)).toEqual(before);
    // All of it is fine: a balance may reach zero.
    expect((await transfer(token, { to: 'grace@example.com', amount: '400.00' })).body).toMatchObject({
      balance: '0.00',
    });
  });

  it('refuses malformed transfers with 400 invalid_request and changes nothing', async () => {
    const { email, token } = await signUp(h);
    await setStepUp(token, false, true);
    const before = await wallet(token);
    const bad: unknown[] = [
      { to: 'grace@example.com', amount: 10 },
      { to: 'grace@example.com', amount: '0' },
      { to: 'grace@example.com', amount: '0.00' },
      { to: 'grace@example.com', amount: '-5' },
      { to: 'grace@example.com', amount: '1.234' },
      { to: 'grace@example.com', amount: '1e3' },
      { to: 'grace@example.com', amount: '01.00' },
      { to: 'grace@example.com', amount: ' 1.00' },
      { to: 'grace@example.com', amount: '1000000.01' },
      { to: 'grace@example.com', amount: '1,000.00' },
      { to: 'grace', amount: '1.00' },
      { to: 'grace@example', amount: '1.00' },
      { to: 'gräce@example.com', amount: '1.00' },
      { to: email, amount: '1.00' },
      { to: 'grace@example.com' },
      { amount: '1.00' },
      { to: 'grace@example.com', amount: '1.00', note: 'rent' },
      [],
      'not json',
    ];
    for (const body of bad) {
      const reply = await transfer(token, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect(await wallet(token)).toEqual(before);
  });

  it('checks the input before the elevated token, so a malformed export does not use up a single-use token', async () => {
    const { token, secret } = await userWithTotp(h);
    const elevated = await proveTotp(h, token, secret, ['wallet:export']);
    const malformed = await h.call('POST', '/api/wallet/export', {
      token,
      elevated,
      body: { format: 'pdf' },
    });
    expect(malformed.status).toBe(400);
    expect((await h.call('POST', '/api/wallet/export', { token, elevated })).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('refuses a body over 16 KiB with 413 payload_too_large', async () => {
    const { token } = await signUp(h);
    const reply = await transfer(token, {
      to: 'grace@example.com',
      amount: '1.00',
      padding: 'x'.repeat(17_000),
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('needs Content-Type: application/json for a body', async () => {
    const { token } = await signUp(h);
    const reply = await h.call('POST', '/api/wallet/transfer', {
      token,
      body: JSON.stringify({ to: 'grace@example.com', amount: '1.00' }),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
