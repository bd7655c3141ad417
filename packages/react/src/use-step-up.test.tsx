import { decodeElevatedToken, isMfaError } from '@mfa-kit/client';
import { useStepUp, useStepUpPrompt } from '@mfa-kit/react';
import { act, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { failed, renderMfa, run, start, succeeded } from './test/render.js';
import { createTestServer, userWithTotp } from './test/server.js';
import { answer, signedIn, waitForPrompt, withPrompt } from './test/step-up.js';

describe('useStepUp: isRequired', () => {
  it('is required for a configured action of a user with a factor', async () => {
    const { ts, token } = await signedIn();
    const { result } = renderMfa(ts, token, () => useStepUp({ scope: 'wallet:export' }));
    await waitFor(() => expect(ts.count('POST /step-up/check')).toBe(1));
    expect(result.current.isRequired).toBe(true);
    expect(result.current.token).toBeNull();
  });

  it('is not required for a scope the server does not list, and withElevation passes null', async () => {
    const { ts, token } = await signedIn();
    const { result } = renderMfa(ts, token, () => useStepUp({ scope: 'profile:view' }));
    await waitFor(() => expect(result.current.isRequired).toBe(false));

    const outcome = await run(() => result.current.withElevation(async (elevated) => elevated));
    expect(succeeded(outcome)).toBeNull();
  });

  it('does not require credential:link of a user without a factor, but does require an app action', async () => {
    const ts = createTestServer();
    const token = await ts.signIn('bob');
    const { result } = renderMfa(ts, token, () => ({
      link: useStepUp({ scope: 'credential:link' }),
      action: useStepUp({ scope: 'wallet:export' }),
    }));
    await waitFor(() => expect(result.current.link.isRequired).toBe(false));
    expect(result.current.action.isRequired).toBe(true);
  });

  it('fails closed (required) when the check cannot be made', async () => {
    const ts = createTestServer();
    const token = await ts.signIn('bob');
    ts.setStoreDown(true);
    const { result } = renderMfa(ts, token, () => useStepUp({ scope: 'credential:link' }));
    await waitFor(() => expect(ts.timeline).toContain('← POST /step-up/check'));

    // Reachable, the server would say bob needs no elevation to add his first factor; unreachable, the
    // action is treated as needing it: no call without a token.
    const calls: Array<string | null> = [];
    const outcome = await run(() => result.current.withElevation(async (elevated) => calls.push(elevated)));

    expect(failed(outcome)).toMatchObject({ code: 'stepup_cancelled' });
    expect(calls).toEqual([]);
    expect(result.current.isRequired).toBe(true);
  });

  it('waits for a completed sign-in before checking', async () => {
    const ts = createTestServer();
    await userWithTotp(ts, 'ada');
    const { result } = renderMfa(ts, await ts.signIn('ada'), () => useStepUp({ scope: 'wallet:export' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ts.count('POST /step-up/check')).toBe(0);
    expect(result.current.isRequired).toBe(true);
    expect(failed(await run(() => result.current.ensure()))).toMatchObject({ code: 'stepup_cancelled' });
  });
});

describe('useStepUp: ensure()', () => {
  it('asks once for a multi-use scope, then answers from the cache', async () => {
    const { ts, secret, token } = await signedIn();
    const { result, events } = renderMfa(ts, token, withPrompt('wallet:transfer'));
    expect(result.current.prompt).toBeNull();

    const first = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current, 'wallet:transfer');
    expect(prompt.methods).toEqual(['totp', 'recovery_code']);
    expect(prompt.error).toBeNull();
    succeeded(await run(() => prompt.submitTotp(ts.code(secret))));

    const elevated = succeeded(await first);
    expect(decodeElevatedToken(elevated)).toMatchObject({ scope: 'wallet:transfer', single_use: false });
    expect(result.current.prompt).toBeNull();
    expect(result.current.stepUp.token).toBe(elevated);
    expect(succeeded(await run(() => result.current.stepUp.ensure()))).toBe(elevated);
    expect(ts.count('POST /verify/totp')).toBe(1);
    expect(events).toEqual([{ type: 'stepup.succeeded', scope: 'wallet:transfer', method: 'totp' }]);
  });

  it('asks again once the cached token is about to expire', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { ts, secret, token } = await signedIn();
    const { result, rerender } = renderMfa(ts, token, withPrompt('wallet:transfer'));
    const first = start(() => result.current.stepUp.ensure());
    succeeded(await answer(() => result.current, ts.code(secret)));
    const elevated = succeeded(await first);

    // The token lives 600 s; with 6 s left it is still handed out, with 5 s left no longer.
    vi.setSystemTime(Date.now() + 594_000);
    rerender();
    expect(result.current.stepUp.token).toBe(elevated);
    vi.setSystemTime(Date.now() + 1_000);
    rerender();
    expect(result.current.stepUp.token).toBeNull();

    ts.clock.advance(600_000);
    const second = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    succeeded(await run(() => prompt.submitTotp(ts.code(secret))));
    expect(succeeded(await second)).not.toBe(elevated);
    expect(ts.count('POST /verify/totp')).toBe(2);
  });

  it('hands a single-use token out once and asks again for the next use', async () => {
    const { ts, secret, token } = await signedIn();
    const { result } = renderMfa(ts, token, withPrompt('wallet:export'));

    const first = start(() => result.current.stepUp.ensure());
    succeeded(await answer(() => result.current, ts.code(secret)));
    const elevated = succeeded(await first);
    expect(decodeElevatedToken(elevated).single_use).toBe(true);
    expect(result.current.stepUp.token).toBeNull();

    ts.nextStep();
    const second = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    succeeded(await run(() => prompt.submitTotp(ts.code(secret))));
    expect(succeeded(await second)).not.toBe(elevated);
  });

  it('shares one prompt between concurrent calls for one scope, across components', async () => {
    const { ts, secret, token } = await signedIn();
    const { result } = renderMfa(ts, token, () => ({
      one: useStepUp({ scope: 'wallet:transfer' }),
      two: useStepUp({ scope: 'wallet:transfer' }),
      prompt: useStepUpPrompt(),
    }));

    const calls = [
      start(() => result.current.one.ensure()),
      start(() => result.current.one.ensure()),
      start(() => result.current.two.ensure()),
    ];
    const prompt = await waitForPrompt(() => result.current);
    succeeded(await run(() => prompt.submitTotp(ts.code(secret))));

    const tokens = (await Promise.all(calls)).map(succeeded);
    expect(new Set(tokens).size).toBe(1);
    expect(ts.count('POST /verify/totp')).toBe(1);
  });

  it('asks for different scopes one at a time, oldest first', async () => {
    const { ts, secret, token } = await signedIn();
    const { result } = renderMfa(ts, token, () => ({
      exportKey: useStepUp({ scope: 'wallet:export' }),
      transfer: useStepUp({ scope: 'wallet:transfer' }),
      prompt: useStepUpPrompt(),
    }));

    const exported = start(() => result.current.exportKey.ensure());
    const transferred = start(() => result.current.transfer.ensure());
    const first = await waitForPrompt(() => result.current, 'wallet:export');
    succeeded(await run(() => first.submitTotp(ts.code(secret))));
    ts.nextStep();
    const second = await waitForPrompt(() => result.current, 'wallet:transfer');
    succeeded(await run(() => second.submitTotp(ts.code(secret))));

    expect(decodeElevatedToken(succeeded(await exported)).scope).toBe('wallet:export');
    expect(decodeElevatedToken(succeeded(await transferred)).scope).toBe('wallet:transfer');
    expect(result.current.prompt).toBeNull();
  });

  it('keeps the order of the calls when the server answers their checks in the other order', async () => {
    const { ts, secret, token } = await signedIn();
    const { result } = renderMfa(ts, token, () => ({
      exportKey: useStepUp({ scope: 'wallet:export' }),
      transfer: useStepUp({ scope: 'wallet:transfer' }),
      prompt: useStepUpPrompt(),
    }));
    const release = ts.hold('POST /step-up/check', 'wallet:export');

    const exported = start(() => result.current.exportKey.ensure());
    const transferred = start(() => result.current.transfer.ensure());
    // The later call's check is answered first; its prompt still waits for the earlier call's.
    await waitFor(() => expect(ts.timeline).toContain('← POST /step-up/check'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(result.current.prompt).toBeNull();
    release();
    const first = await waitForPrompt(() => result.current, 'wallet:export');
    succeeded(await run(() => first.submitTotp(ts.code(secret))));
    ts.nextStep();
    const second = await waitForPrompt(() => result.current, 'wallet:transfer');
    succeeded(await run(() => second.submitTotp(ts.code(secret))));
    expect(decodeElevatedToken(succeeded(await exported)).scope).toBe('wallet:export');
    expect(decodeElevatedToken(succeeded(await transferred)).scope).toBe('wallet:transfer');
  });

  it('rejects with stepup_cancelled when the user cancels', async () => {
    const { ts, token } = await signedIn();
    const { result, events } = renderMfa(ts, token, withPrompt('wallet:export'));

    const waiting = start(() => result.current.stepUp.ensure());
    const prompt = await waitForPrompt(() => result.current);
    act(() => prompt.cancel());

    const failure = failed(await waiting);
    expect(isMfaError(failure, 'stepup_cancelled')).toBe(true);
    expect(result.current.prompt).toBeNull();
    expect(events).toEqual([{ type: 'stepup.cancelled', scope: 'wallet:export' }]);
  });

  it('rejects at once, saying what to render, when no prompt is mounted', async () => {
    const { ts, token } = await signedIn();
    const { result } = renderMfa(ts, token, () => useStepUp({ scope: 'wallet:export' }));

    const failure = failed(await run(() => result.current.ensure()));

    expect(failure).toMatchObject({ code: 'stepup_cancelled', scopes: ['wallet:export'] });
    expect(String(failure)).toMatch(/StepUpDialog.*useStepUpPrompt/);
  });

  it('cancels waiting requests when the last prompt unmounts', async () => {
    const { ts, token } = await signedIn();
    const { result, unmount } = renderMfa(ts, token, withPrompt('wallet:export'));
    const waiting = start(() => result.current.stepUp.ensure());
    await waitForPrompt(() => result.current);

    unmount();

    expect(failed(await waiting)).toMatchObject({ code: 'stepup_cancelled' });
  });

  it('answers elevation_required instead of an empty prompt when the user has no factor', async () => {
    const ts = createTestServer();
    const { result } = renderMfa(ts, await ts.signIn('bob'), withPrompt('wallet:export'));

    const failure = failed(await run(() => result.current.stepUp.ensure()));

    expect(failure).toMatchObject({ code: 'elevation_required', scopes: ['wallet:export'] });
    expect(String(failure)).toMatch(/set up two-step verification first/);
    expect(result.current.prompt).toBeNull();
  });
});
