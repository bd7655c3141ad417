/**
 * Every error code of the protocol (docs/protocol.md §2), produced by the real server, reaches the app
 * as an MfaError: from the action's promise and in the hook's `error`.
 */
import { isMfaError, MfaError, type ProtocolErrorCode } from '@mfa-kit/client';
import { useDevices, useMfa, useStepUp, useStepUpPrompt } from '@mfa-kit/react';
import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failed, present, renderMfa, run, start } from './test/render.js';
import {
  appRoute,
  completeSession,
  createTestServer,
  POLICY,
  type TestServer,
  type TestServerOptions,
  userWithTotp,
} from './test/server.js';
import { signedIn as signedInForStepUp, waitForPrompt, withPrompt } from './test/step-up.js';

interface Produced {
  /** What the action rejected with (or the load error). */
  thrown: unknown;
  /** The hook's `error` afterwards. */
  shown: unknown;
}

async function signedIn(options: TestServerOptions = {}) {
  const ts = createTestServer(options);
  const { secret, deviceId } = await userWithTotp(ts, 'ada');
  const token = await completeSession(ts, 'ada', secret);
  return { ts, secret, deviceId, token };
}

async function renameWith(ts: TestServer, token: string, id: string, name: string): Promise<Produced> {
  const { result } = renderMfa(ts, token, useDevices);
  await waitFor(() => expect(result.current.isLoading).toBe(false));
  const thrown = failed(await run(() => result.current.rename(id, name)));
  return { thrown, shown: result.current.error };
}

const wrongCode = (ts: TestServer, secret: string) => (ts.code(secret) === '000000' ? '111111' : '000000');

/** Bea has no factor; the app knows her email address, so she may step up by an emailed code. */
async function reauthPrompt(ts: TestServer) {
  const token = await ts.signIn('bea');
  const { result } = renderMfa(ts, token, withPrompt('wallet:export'));
  void start(() => result.current.stepUp.ensure());
  await waitForPrompt(() => result.current);
  return result;
}

const cases: Record<ProtocolErrorCode, () => Promise<Produced>> = {
  async reauth_unavailable() {
    // Her phone number is not known: a text message cannot reach her.
    const ts = createTestServer({ contacts: { bea: { email: 'bea@example.com' } } });
    const result = await reauthPrompt(ts);
    const thrown = failed(await run(() => present(result.current.prompt).sendCode('sms_otp')));
    return { thrown, shown: present(result.current.prompt).error };
  },
  async delivery_failed() {
    const ts = createTestServer({ contacts: { bea: { email: 'bea@example.com' } } });
    const result = await reauthPrompt(ts);
    ts.setSendersDown(true);
    const thrown = failed(await run(() => present(result.current.prompt).sendCode('email_otp')));
    return { thrown, shown: present(result.current.prompt).error };
  },
  async invalid_request() {
    const { ts, token, deviceId } = await signedIn();
    return renameWith(ts, token, deviceId, 'x'.repeat(65));
  },
  async unauthorized() {
    const { ts, token } = await signedIn();
    ts.clock.advance(2 * 60 * 60_000); // the access token lives an hour
    const { result } = renderMfa(ts, token, useMfa);
    await waitFor(() => expect(result.current.status).toBe('error'));
    return { thrown: result.current.error, shown: result.current.error };
  },
  async mfa_required() {
    const ts = createTestServer();
    const { deviceId } = await userWithTotp(ts, 'ada');
    return renameWith(ts, await ts.signIn('ada'), deviceId, 'Phone');
  },
  async forbidden() {
    const ts = createTestServer({ policy: { ...POLICY, methods: ['passkey'] } });
    const { result } = renderMfa(ts, await ts.signIn('bob'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('not-required'));
    const thrown = failed(await run(() => result.current.startTotpEnrollment()));
    return { thrown, shown: result.current.error };
  },
  async elevation_required() {
    const { ts, secret, token } = await signedIn();
    const { result, tokens } = renderMfa(ts, token, () => ({
      stepUp: useStepUp({ scope: 'wallet:export' }),
      prompt: useStepUpPrompt(),
    }));
    // An app route guarded for another scope refuses every token this hook gets.
    const running = start(() =>
      result.current.stepUp.withElevation(appRoute(ts, tokens.get, 'wallet:transfer')),
    );
    for (let round = 0; round < 2; round += 1) {
      await waitFor(() => expect(result.current.prompt).not.toBeNull());
      await run(() => present(result.current.prompt).submitTotp(ts.code(secret)));
      ts.nextStep();
    }
    const thrown = failed(await running);
    return { thrown, shown: thrown };
  },
  async not_found() {
    const { ts, token } = await signedIn();
    return renameWith(ts, token, 'dev_missing', 'Phone');
  },
  async conflict() {
    const { ts, secret, token } = await signedIn();
    const { result } = renderMfa(ts, token, useMfa);
    await waitFor(() => expect(result.current.status).toBe('satisfied'));
    // Nothing to verify: this sign-in is already complete.
    const thrown = failed(await run(() => result.current.verifyTotp(ts.code(secret))));
    return { thrown, shown: result.current.error };
  },
  async expired() {
    const ts = createTestServer();
    const { result } = renderMfa(ts, await ts.signIn('bob'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('not-required'));
    const enrollment = await run(() => result.current.startTotpEnrollment());
    if (!enrollment.ok) throw enrollment.error;
    ts.clock.advance(11 * 60_000);
    const thrown = failed(
      await run(() => result.current.confirmTotpEnrollment(ts.code(enrollment.value.secret))),
    );
    return { thrown, shown: result.current.error };
  },
  async payload_too_large() {
    const { ts, token, deviceId } = await signedIn();
    return renameWith(ts, token, deviceId, 'x'.repeat(70_000));
  },
  async invalid_code() {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const { result } = renderMfa(ts, await ts.signIn('ada'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('required'));
    const thrown = failed(await run(() => result.current.verifyTotp(wrongCode(ts, secret))));
    return { thrown, shown: result.current.error };
  },
  async code_reused() {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const { result } = renderMfa(ts, await ts.signIn('ada'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('required'));
    // The enrolment used the previous step's code, which the server still accepts in time, not again.
    ts.clock.advance(-30_000);
    const used = ts.code(secret);
    ts.nextStep();
    const thrown = failed(await run(() => result.current.verifyTotp(used)));
    return { thrown, shown: result.current.error };
  },
  async rate_limited() {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const { result } = renderMfa(ts, await ts.signIn('ada'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('required'));
    let thrown: unknown;
    for (let attempt = 0; attempt < 6 && !isMfaError(thrown, 'rate_limited'); attempt += 1) {
      thrown = failed(await run(() => result.current.verifyTotp(wrongCode(ts, secret))));
    }
    expect(thrown).toMatchObject({ retryAfter: 30 });
    return { thrown, shown: result.current.error };
  },
  async unavailable() {
    const { ts, token, deviceId } = await signedIn();
    const { result } = renderMfa(ts, token, useDevices);
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    ts.setStoreDown(true);
    const thrown = failed(await run(() => result.current.rename(deviceId, 'Phone')));
    return { thrown, shown: result.current.error };
  },
  async internal_error() {
    // A bug in the app's own callback: the server answers 500 and says nothing about it.
    const ts = createTestServer({
      getUserName: () => {
        throw new TypeError('users.find is not a function');
      },
    });
    const { result } = renderMfa(ts, await ts.signIn('bob'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('not-required'));
    const thrown = failed(await run(() => result.current.startTotpEnrollment()));
    return { thrown, shown: result.current.error };
  },
};

describe('protocol errors reach the hooks as MfaError', () => {
  it.each(Object.entries(cases))('%s', async (code, produce) => {
    const { thrown, shown } = await produce();
    expect(thrown).toBeInstanceOf(MfaError);
    expect(thrown).toMatchObject({ code });
    expect(shown).toBe(thrown);
  });
});

describe('client-side failures reach the hooks as MfaError', () => {
  it('network_error when the server cannot be reached', async () => {
    const { ts, token, deviceId } = await signedIn();
    const { result } = renderMfa(ts, token, useDevices);
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    ts.setOffline(true);

    const thrown = failed(await run(() => result.current.rename(deviceId, 'Phone')));

    expect(thrown).toMatchObject({ code: 'network_error' });
    expect(result.current.error).toBe(thrown);
  });

  it('invalid_input for a malformed code, without sending it', async () => {
    const ts = createTestServer();
    await userWithTotp(ts, 'ada');
    const { result } = renderMfa(ts, await ts.signIn('ada'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('required'));
    const before = ts.requests.length;

    const thrown = failed(await run(() => result.current.verifyTotp('12345')));

    expect(thrown).toMatchObject({ code: 'invalid_input' });
    expect(result.current.error).toBe(thrown);
    expect(ts.requests.length).toBe(before);
  });
});

describe('what a refusal says about the lock reaches the hooks unchanged', () => {
  it('the tries left and the lock a wrong code started, in useMfa', async () => {
    const ts = createTestServer({ rateLimit: { maxAttempts: 2 } });
    const { secret } = await userWithTotp(ts, 'ada');
    const { result } = renderMfa(ts, await ts.signIn('ada'), useMfa);
    await waitFor(() => expect(result.current.status).toBe('required'));

    const first = failed(await run(() => result.current.verifyTotp(wrongCode(ts, secret))));
    expect(first).toMatchObject({ code: 'invalid_code', attemptsRemaining: 1, locked: undefined });
    expect(result.current.error).toBe(first);

    const last = failed(await run(() => result.current.verifyTotp(wrongCode(ts, secret))));
    expect(last).toMatchObject({
      code: 'invalid_code',
      attemptsRemaining: 0,
      locked: 'temporary',
      retryAfter: 30,
    });
    expect(result.current.error).toBe(last);
  });

  it('a permanent lock, without a time to wait, in the step-up prompt', async () => {
    const { ts, secret, token } = await signedInForStepUp(
      createTestServer({ rateLimit: { maxConsecutiveFailures: 1 } }),
    );
    const { result } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);

    const wrong = failed(await run(() => prompt.submitTotp(wrongCode(ts, secret))));
    expect(wrong).toMatchObject({ code: 'invalid_code', attemptsRemaining: 0, locked: 'permanent' });
    const locked = failed(await run(() => present(result.current.prompt).submitTotp(ts.code(secret))));
    expect(locked).toMatchObject({ code: 'rate_limited', locked: 'permanent', retryAfter: undefined });
    expect(present(result.current.prompt).error).toBe(locked);
    act(() => present(result.current.prompt).cancel());
    expect(failed(await waiting)).toMatchObject({ code: 'stepup_cancelled' });
  });
});
