import { decodeAccessToken, isMfaError, requiresAdditionalAuth } from '@mfa-kit/client';
import { useMfa, useStepUpPrompt } from '@mfa-kit/react';
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failed, present, renderMfa, run, start, succeeded } from './test/render.js';
import { completeSession, createTestServer, POLICY, userWithTotp } from './test/server.js';

describe('useMfa: sign-in with a second factor', () => {
  it('reports loading, then required, and completes a pending sign-in with a TOTP code', async () => {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const pending = await ts.signIn('ada');
    const { result, tokens, events } = renderMfa(ts, pending, useMfa);

    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('required'));
    expect(result.current.methods).toEqual(['totp', 'recovery_code']);

    succeeded(await run(() => result.current.verifyTotp(ts.code(secret))));

    const upgraded = present(tokens.get(), 'token');
    expect(requiresAdditionalAuth(upgraded)).toBe(false);
    expect(decodeAccessToken(upgraded).sid).toBe(decodeAccessToken(pending).sid);
    await waitFor(() => expect(result.current.status).toBe('satisfied'));
    expect(events).toEqual([{ type: 'mfa.succeeded', method: 'totp' }]);
    expect(result.current.error).toBeNull();
  });

  it('completes a pending sign-in with a recovery code typed loosely, and counts it', async () => {
    const ts = createTestServer();
    const { recoveryCodes } = await userWithTotp(ts, 'ada');
    const { result, tokens, events } = renderMfa(ts, await ts.signIn('ada'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('required'));
    expect(result.current.recoveryCodes.remaining).toBe(10);

    const typed = present(recoveryCodes[0], 'recovery code').toUpperCase().replace('-', ' ');
    succeeded(await run(() => result.current.verifyRecoveryCode(typed)));

    expect(requiresAdditionalAuth(present(tokens.get()))).toBe(false);
    await waitFor(() => expect(result.current.status).toBe('satisfied'));
    expect(result.current.recoveryCodes.remaining).toBe(9);
    expect(events).toEqual([{ type: 'mfa.succeeded', method: 'recovery_code' }]);
  });

  it('keeps the challenge open after a wrong code, then clears the error on the next attempt', async () => {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const { result, events } = renderMfa(ts, await ts.signIn('ada'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('required'));

    const wrong = ts.code(secret) === '000000' ? '111111' : '000000';
    const failure = failed(await run(() => result.current.verifyTotp(wrong)));

    expect(isMfaError(failure, 'invalid_code')).toBe(true);
    expect(result.current.error).toBe(failure);
    expect(result.current.status).toBe('required');
    expect(events).toEqual([{ type: 'mfa.failed', method: 'totp', code: 'invalid_code', scope: null }]);

    succeeded(await run(() => result.current.verifyTotp(ts.code(secret))));
    expect(result.current.error).toBeNull();
    await waitFor(() => expect(result.current.status).toBe('satisfied'));
  });

  it('shows isPending while a verification runs', async () => {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const seen: boolean[] = [];
    const { result } = renderMfa(ts, await ts.signIn('ada'), () => {
      const mfa = useMfa();
      seen.push(mfa.isPending);
      return mfa;
    });
    await waitFor(() => expect(result.current.status).toBe('required'));
    expect(seen).not.toContain(true);

    succeeded(await run(() => result.current.verifyTotp(ts.code(secret))));

    expect(seen).toContain(true);
    expect(result.current.isPending).toBe(false);
  });

  it('reports not-required for a user without a factor when the policy does not require one', async () => {
    const ts = createTestServer();
    const { result } = renderMfa(ts, await ts.signIn('bob'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('not-required'));
    expect(result.current.methods).toEqual([]);
    await waitFor(() => expect(result.current.enrollableMethods).toEqual(['totp', 'passkey']));
    expect(result.current.totpDigits).toBe(6);
  });

  it('is signed-out and sends nothing while the app has no token', async () => {
    const ts = createTestServer();
    const { result, tokens } = renderMfa(ts, null, useMfa);
    expect(result.current.status).toBe('signed-out');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ts.requests).toEqual([]);

    await run(async () => tokens.set(await ts.signIn('bob')));
    await waitFor(() => expect(result.current.status).toBe('not-required'));
  });

  it('refetches for the new user when the app signs in as someone else', async () => {
    const ts = createTestServer();
    await userWithTotp(ts, 'ada');
    const { result, tokens } = renderMfa(ts, await ts.signIn('bob'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('not-required'));

    await run(async () => tokens.set(await ts.signIn('ada')));
    // Never bob's answer for ada: loading first, then hers.
    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('required'));
  });

  it('refetches after a verification even when the provider is not given the token', async () => {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const { result, tokens } = renderMfa(ts, await ts.signIn('ada'), useMfa, { passToken: false });
    await waitFor(() => expect(result.current.status).toBe('required'));

    succeeded(await run(() => result.current.verifyTotp(ts.code(secret))));

    expect(requiresAdditionalAuth(present(tokens.get()))).toBe(false);
    expect(result.current.status).toBe('satisfied');
  });
});

describe('useMfa: enrolment', () => {
  const required = { ...POLICY, required: true };

  it('sends a user without a factor to enrolment when the policy requires one, and enrols an app', async () => {
    const ts = createTestServer({ policy: required });
    const pending = await ts.signIn('cleo');
    const { result, tokens, events } = renderMfa(ts, pending, () => ({ a: useMfa(), b: useMfa() }));
    await waitFor(() => expect(result.current.a.status).toBe('enrollment-required'));

    const enrollment = succeeded(await run(() => result.current.a.startTotpEnrollment('Phone')));
    expect(enrollment.uri).toMatch(/^otpauth:\/\/totp\//);
    // Another component sees the same enrolment, e.g. a QR code beside the code input.
    expect(result.current.b.totpEnrollment).toEqual(enrollment);

    const device = succeeded(
      await run(() => result.current.b.confirmTotpEnrollment(ts.code(enrollment.secret))),
    );

    expect(device).toMatchObject({ type: 'totp', name: 'Phone' });
    expect(result.current.a.totpEnrollment).toBeNull();
    expect(requiresAdditionalAuth(present(tokens.get()))).toBe(false);
    await waitFor(() => expect(result.current.a.status).toBe('satisfied'));
    expect(result.current.a.recoveryCodes.codes).toHaveLength(10);
    expect(result.current.a.recoveryCodes.pendingAcknowledgement).toBe(true);
    expect(events).toEqual([
      { type: 'device.added', device },
      { type: 'mfa.succeeded', method: 'totp' },
      { type: 'recoveryCodes.generated', count: 10, reason: 'first-factor' },
    ]);

    succeeded(await run(() => result.current.a.recoveryCodes.acknowledge()));
    expect(result.current.a.recoveryCodes.codes).toBeNull();
    expect(result.current.b.recoveryCodes.pendingAcknowledgement).toBe(false);
    expect(JSON.stringify(events)).not.toContain(enrollment.secret);
  });

  it('keeps the enrolment after a wrong code and drops it once it has expired', async () => {
    // Enrolments live 10 minutes, as long as a pending token: a signed-in user can outlive one.
    const ts = createTestServer();
    const { result } = renderMfa(ts, await ts.signIn('cleo'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('not-required'));
    const enrollment = succeeded(await run(() => result.current.startTotpEnrollment()));

    const wrong = ts.code(enrollment.secret) === '000000' ? '111111' : '000000';
    expect(failed(await run(() => result.current.confirmTotpEnrollment(wrong)))).toMatchObject({
      code: 'invalid_code',
    });
    expect(result.current.totpEnrollment).toEqual(enrollment);

    ts.clock.advance(11 * 60_000);
    expect(
      failed(await run(() => result.current.confirmTotpEnrollment(ts.code(enrollment.secret)))),
    ).toMatchObject({ code: 'expired' });
    expect(result.current.totpEnrollment).toBeNull();
  });

  it('forgets an enrolment on cancel, and refuses to confirm without one', async () => {
    const ts = createTestServer();
    const { result } = renderMfa(ts, await ts.signIn('bob'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('not-required'));
    succeeded(await run(() => result.current.startTotpEnrollment()));

    await run(async () => result.current.cancelTotpEnrollment());

    expect(result.current.totpEnrollment).toBeNull();
    const failure = failed(await run(() => result.current.confirmTotpEnrollment('123456')));
    expect(failure).toMatchObject({ code: 'invalid_input' });
  });

  it('enrols a first factor for a signed-in user without step-up and shows its recovery codes', async () => {
    const ts = createTestServer();
    const { result, events } = renderMfa(ts, await ts.signIn('bob'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('not-required'));

    const enrollment = succeeded(await run(() => result.current.startTotpEnrollment()));
    succeeded(await run(() => result.current.confirmTotpEnrollment(ts.code(enrollment.secret))));

    await waitFor(() => expect(result.current.status).toBe('satisfied'));
    expect(result.current.recoveryCodes.codes).toHaveLength(10);
    expect(events.map((event) => event.type)).toEqual(['device.added', 'recoveryCodes.generated']);
  });

  it('rejects passkey registration and verification with passkey_not_supported where WebAuthn is missing', async () => {
    const ts = createTestServer();
    const { result } = renderMfa(ts, await ts.signIn('bob'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('not-required'));

    expect(failed(await run(() => result.current.registerPasskey('Laptop')))).toMatchObject({
      code: 'passkey_not_supported',
    });
    expect(result.current.error).toMatchObject({ code: 'passkey_not_supported' });
    expect(failed(await run(() => result.current.verifyPasskey()))).toMatchObject({
      code: 'passkey_not_supported',
    });
    expect(ts.requests.filter((request) => request.includes('passkey'))).toEqual([]);
  });
});

describe('useMfa: a user who already has a factor', () => {
  async function signedIn() {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const token = await completeSession(ts, 'ada', secret);
    return { ts, secret, token };
  }
  const mfaWithPrompt = () => ({ mfa: useMfa(), prompt: useStepUpPrompt() });

  it('asks for step-up (credential:link) before adding another factor', async () => {
    const { ts, secret, token } = await signedIn();
    const { result, events } = renderMfa(ts, token, mfaWithPrompt);
    await waitFor(() => expect(result.current.mfa.status).toBe('satisfied'));

    const starting = start(() => result.current.mfa.startTotpEnrollment('Tablet'));
    await waitFor(() => expect(result.current.prompt?.scope).toBe('credential:link'));
    succeeded(await run(() => present(result.current.prompt).submitTotp(ts.code(secret))));
    const enrollment = succeeded(await starting);
    ts.nextStep();
    const device = succeeded(
      await run(() => result.current.mfa.confirmTotpEnrollment(ts.code(enrollment.secret))),
    );

    expect(device.name).toBe('Tablet');
    // Not a first factor: no new recovery codes, no session upgrade.
    expect(result.current.mfa.recoveryCodes.codes).toBeNull();
    expect(events.map((event) => event.type)).toEqual(['stepup.succeeded', 'device.added']);
  });

  it('regenerates recovery codes after step-up and keeps them until acknowledged', async () => {
    const { ts, secret, token } = await signedIn();
    const { result, events } = renderMfa(ts, token, mfaWithPrompt);
    await waitFor(() => expect(result.current.mfa.recoveryCodes.remaining).toBe(10));
    expect(result.current.mfa.recoveryCodes.pendingAcknowledgement).toBe(true);

    const regenerating = start(() => result.current.mfa.recoveryCodes.regenerate());
    await waitFor(() => expect(result.current.prompt?.scope).toBe('credential:link'));
    succeeded(await run(() => present(result.current.prompt).submitTotp(ts.code(secret))));
    const codes = succeeded(await regenerating);

    expect(codes).toHaveLength(10);
    expect(result.current.mfa.recoveryCodes.codes).toEqual(codes);
    expect(result.current.mfa.recoveryCodes.pendingAcknowledgement).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'recoveryCodes.generated', count: 10, reason: 'regenerated' });
    expect(JSON.stringify(events)).not.toContain(present(codes[0]));

    succeeded(await run(() => result.current.mfa.recoveryCodes.acknowledge()));
    expect(result.current.mfa.recoveryCodes.codes).toBeNull();
    expect(result.current.mfa.recoveryCodes.pendingAcknowledgement).toBe(false);
  });
});
