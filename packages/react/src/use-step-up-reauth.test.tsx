/**
 * Step-up by re-authentication through the hooks (docs/protocol.md §8): a user with no second factor
 * confirms an action by a code sent by email or SMS, or by a wallet signature. Real server, real client;
 * the senders put each code into the test's outbox, the wallet is @mfa-kit/server/testing's soft wallet.
 */
import { decodeElevatedToken, isMfaError } from '@mfa-kit/client';
import { createSoftWallet } from '@mfa-kit/server/testing';
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failed, present, renderMfa, run, start, succeeded } from './test/render.js';
import { createTestServer, type POLICY, userWithTotp } from './test/server.js';
import { waitForPrompt, withPrompt } from './test/step-up.js';

const ALICE_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const MALLORY_KEY = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';

/** Bea has no second factor; the app knows her email, phone and wallet. */
async function bea(options: { policy?: typeof POLICY } = {}) {
  const wallet = createSoftWallet({ privateKeys: [ALICE_KEY, MALLORY_KEY] });
  const ts = createTestServer({
    ...options,
    contacts: {
      bea: {
        email: 'bea@example.com',
        phone: '+15555550123',
        wallets: [{ address: present(wallet.addresses[0]) }],
      },
    },
  });
  const token = await ts.signIn('bea');
  return { ts, token, wallet };
}

/** The code the server sent last on `channel`. */
function lastCode(ts: { outbox: Array<{ channel: string; code: string }> }, channel: 'email' | 'sms') {
  return present(ts.outbox.filter((message) => message.channel === channel).at(-1)).code;
}

describe('step-up by re-authentication', () => {
  it('offers the re-authentication methods to a user with no factor, and steps up by an emailed code', async () => {
    const { ts, token } = await bea();
    const { result, events } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    expect(prompt.methods).toEqual([]);
    expect(prompt.reauthMethods).toEqual(['email_otp', 'sms_otp', 'wallet']);
    expect(prompt.sent).toBeNull();

    succeeded(await run(() => prompt.sendCode('email_otp')));
    const sent = present(result.current.prompt?.sent);
    expect(sent).toMatchObject({ method: 'email_otp', sentTo: 'b•••@example.com' });
    expect(sent.resendAt - Date.now()).toBeGreaterThan(29_000);
    expect(ts.outbox).toHaveLength(1);

    const right = lastCode(ts, 'email');
    const wrong = right === '000000' ? '111111' : '000000';
    const refusal = failed(await run(() => present(result.current.prompt).submitReauthCode(wrong)));
    expect(refusal).toMatchObject({ code: 'invalid_code' });
    expect(present(result.current.prompt).error).toBe(refusal);

    succeeded(await run(() => present(result.current.prompt).submitReauthCode(right)));
    const claims = decodeElevatedToken(succeeded(await waiting));
    expect(claims.amr).toEqual(['otp']);
    expect(claims.scope).toBe('wallet:export');
    expect(result.current.prompt).toBeNull();
    expect(events).toEqual([
      { type: 'mfa.failed', method: 'email_otp', code: 'invalid_code', scope: 'wallet:export' },
      { type: 'stepup.succeeded', scope: 'wallet:export', method: 'email_otp' },
    ]);
  });

  it('refuses a resend before its time with retryAfter, and the newer code replaces the older', async () => {
    const { ts, token } = await bea();
    const { result } = renderMfa(ts, token, withPrompt('wallet:transfer'));
    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    succeeded(await run(() => prompt.sendCode('sms_otp')));
    const first = lastCode(ts, 'sms');
    expect(present(result.current.prompt?.sent).sentTo).toBe('•••• 0123');

    const early = failed(await run(() => present(result.current.prompt).sendCode('sms_otp')));
    expect(early).toMatchObject({ code: 'rate_limited' });
    expect(isMfaError(early) && early.retryAfter).toBeGreaterThan(0);
    // The refused resend keeps the code already sent.
    expect(result.current.prompt?.sent?.challengeId).toBeDefined();

    ts.clock.advance(30_000);
    succeeded(await run(() => present(result.current.prompt).sendCode('sms_otp')));
    const second = lastCode(ts, 'sms');
    expect(ts.outbox).toHaveLength(2);
    if (first !== second) {
      // The newer challenge is the one the prompt proves: the older code does not fit it.
      const stale = failed(await run(() => present(result.current.prompt).submitReauthCode(first)));
      expect(stale).toMatchObject({ code: 'invalid_code' });
    }
    succeeded(await run(() => present(result.current.prompt).submitReauthCode(second)));
    expect(decodeElevatedToken(succeeded(await waiting)).amr).toEqual(['sms']);
  });

  it('says a code cannot be proven before one was sent, and a provider that is down burns nothing', async () => {
    const { ts, token } = await bea();
    const { result } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    expect(failed(await run(() => prompt.submitReauthCode('123456')))).toMatchObject({
      code: 'invalid_input',
    });

    ts.setSendersDown(true);
    expect(failed(await run(() => prompt.sendCode('email_otp')))).toMatchObject({ code: 'delivery_failed' });
    expect(present(result.current.prompt).sent).toBeNull();
    ts.setSendersDown(false);
    // Nothing was burnt: no resend wait.
    succeeded(await run(() => present(result.current.prompt).sendCode('email_otp')));
    succeeded(await run(() => present(result.current.prompt).submitReauthCode(lastCode(ts, 'email'))));
    expect(succeeded(await waiting)).toEqual(expect.any(String));
  });

  it('steps up by a wallet signature, and says so when the user declines or the account is not linked', async () => {
    const { ts, token, wallet } = await bea();
    const { result, events } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    const [linked, other] = wallet.addresses as [string, string];

    wallet.decline(true);
    expect(failed(await run(() => prompt.submitWallet(wallet, linked)))).toMatchObject({
      code: 'wallet_rejected',
    });
    wallet.decline(false);
    // The server writes one wallet message per session a millisecond; this test's clock stands still.
    ts.clock.advance(1);
    wallet.useAccount(1);
    expect(failed(await run(() => present(result.current.prompt).submitWallet(wallet, other)))).toMatchObject(
      { code: 'reauth_unavailable' },
    );
    expect(wallet.calls).toEqual(['personal_sign']);

    wallet.useAccount(0);
    ts.clock.advance(1);
    succeeded(await run(() => present(result.current.prompt).submitWallet(wallet, linked)));
    expect(decodeElevatedToken(succeeded(await waiting)).amr).toEqual(['pop']);
    expect(events.map((event) => [event.type, 'code' in event ? event.code : null])).toEqual([
      ['mfa.failed', 'wallet_rejected'],
      ['mfa.failed', 'reauth_unavailable'],
      ['stepup.succeeded', null],
    ]);
  });

  it('offers a user with a factor only the factor, unless the action allows re-authentication beside MFA', async () => {
    const policy = {
      actions: {
        'wallet:export': { singleUse: true },
        'wallet:transfer': { singleUse: false, reauth: { methods: ['email_otp'], allowWithMfa: true } },
      },
    } as unknown as typeof POLICY;
    const ts = createTestServer({ policy, contacts: { ada: { email: 'ada@example.com' } } });
    const { secret } = await userWithTotp(ts, 'ada');
    const pending = await ts.signIn('ada');
    const { accessToken } = await ts.client(() => pending).verifyTotp({ code: ts.code(secret) });
    ts.nextStep();

    const exporting = renderMfa(ts, accessToken, withPrompt('wallet:export'));
    void start(() => exporting.result.current.stepUp.ensure());
    const exportPrompt = await waitForPrompt(() => exporting.result.current);
    expect(exportPrompt).toMatchObject({ methods: ['totp', 'recovery_code'], reauthMethods: [] });
    exporting.unmount();

    const transferring = renderMfa(ts, accessToken, withPrompt('wallet:transfer'));
    void start(() => transferring.result.current.stepUp.ensure());
    const transferPrompt = await waitForPrompt(() => transferring.result.current);
    expect(transferPrompt).toMatchObject({
      methods: ['totp', 'recovery_code'],
      reauthMethods: ['email_otp'],
    });
  });

  it('tells through useStepUp how the user can confirm, before anyone asks', async () => {
    const { ts, token } = await bea();
    const { result } = renderMfa(ts, token, withPrompt('wallet:export'));
    await waitFor(() =>
      expect(result.current.stepUp.reauthMethods).toEqual(['email_otp', 'sms_otp', 'wallet']),
    );
    expect(result.current.stepUp).toMatchObject({ isRequired: true, methods: [] });
  });

  it('still refuses with elevation_required when the user has neither a factor nor a contact', async () => {
    const ts = createTestServer();
    const token = await ts.signIn('nobody');
    const { result } = renderMfa(ts, token, withPrompt('wallet:export'));
    await waitFor(() => expect(result.current.stepUp.isRequired).toBe(true));
    expect(result.current.stepUp).toMatchObject({ methods: [], reauthMethods: [] });
    const error = failed(await run(() => result.current.stepUp.ensure()));
    expect(error).toMatchObject({ code: 'elevation_required' });
    expect(result.current.prompt).toBeNull();
  });
});
