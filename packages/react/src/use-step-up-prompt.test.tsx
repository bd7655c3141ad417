import { decodeElevatedToken, isMfaError } from '@mfa-kit/client';
import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failed, present, renderMfa, run, start, succeeded } from './test/render.js';
import { answer, signedIn, waitForPrompt, withPrompt } from './test/step-up.js';

describe('useStepUpPrompt', () => {
  it('keeps the prompt open after a wrong code, shows the error, and clears it on the next try', async () => {
    const { ts, secret, token } = await signedIn();
    const { result, events } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());

    const wrong = ts.code(secret) === '000000' ? '111111' : '000000';
    const failure = failed(await answer(() => result.current, wrong));

    expect(failure).toMatchObject({ code: 'invalid_code' });
    expect(present(result.current.prompt).error).toBe(failure);
    expect(events).toEqual([
      { type: 'mfa.failed', method: 'totp', code: 'invalid_code', scope: 'wallet:export' },
    ]);

    succeeded(await answer(() => result.current, ts.code(secret)));
    expect(succeeded(await waiting)).toEqual(expect.any(String));
    expect(result.current.prompt).toBeNull();
  });

  it('proves a step-up with a recovery code', async () => {
    const { ts, token, recoveryCodes } = await signedIn();
    const { result, events } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);

    succeeded(await run(() => prompt.submitRecoveryCode(present(recoveryCodes[3]))));

    expect(decodeElevatedToken(succeeded(await waiting)).amr).toEqual(['rec']);
    expect(events).toEqual([{ type: 'stepup.succeeded', scope: 'wallet:export', method: 'recovery_code' }]);
  });

  it('reports rate_limited with retryAfter after too many wrong codes', async () => {
    const { ts, secret, token } = await signedIn();
    const { result } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    const wrong = ts.code(secret) === '000000' ? '111111' : '000000';

    let failure: unknown;
    for (let attempt = 0; attempt < 6 && !isMfaError(failure, 'rate_limited'); attempt += 1) {
      failure = failed(await run(() => prompt.submitTotp(wrong)));
    }

    expect(failure).toMatchObject({ code: 'rate_limited', retryAfter: 30 });
    expect(present(result.current.prompt).error).toBe(failure);
    act(() => present(result.current.prompt).cancel());
    expect(failed(await waiting)).toMatchObject({ code: 'stepup_cancelled' });
  });

  it('sends one verification when the same answer is submitted twice (a double click)', async () => {
    const { ts, secret, token } = await signedIn();
    const { result } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    const code = ts.code(secret);

    const outcomes = await run(() => Promise.all([prompt.submitTotp(code), prompt.submitTotp(code)]));

    succeeded(outcomes);
    succeeded(await waiting);
    expect(ts.count('POST /verify/totp')).toBe(1);
  });

  it('keeps the prompt open when the browser has no passkeys, so the user can pick another method', async () => {
    const { ts, token } = await signedIn();
    const { result } = renderMfa(ts, token, withPrompt('wallet:export'));
    start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);

    const failure = failed(await run(() => prompt.submitPasskey()));

    expect(failure).toMatchObject({ code: 'passkey_not_supported' });
    expect(present(result.current.prompt).error).toBe(failure);
    act(() => present(result.current.prompt).cancel());
  });

  it('refuses answers to a request that is no longer pending', async () => {
    const { ts, secret, token } = await signedIn();
    const { result } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    act(() => prompt.cancel());
    failed(await waiting);

    expect(failed(await run(() => prompt.submitTotp(ts.code(secret))))).toMatchObject({
      code: 'stepup_cancelled',
    });
    expect(ts.count('POST /verify/totp')).toBe(0);
  });
});
