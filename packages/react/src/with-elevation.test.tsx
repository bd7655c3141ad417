import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failed, renderMfa, run, start, succeeded } from './test/render.js';
import { appRoute } from './test/server.js';
import { answer, signedIn, waitForPrompt, withPrompt } from './test/step-up.js';

describe('useStepUp: withElevation()', () => {
  it('runs the action with a fresh token for a single-use scope, consumed by the app route', async () => {
    const { ts, secret, token } = await signedIn();
    const { result, tokens } = renderMfa(ts, token, withPrompt('wallet:export'));
    const route = appRoute(ts, tokens.get, 'wallet:export');

    const running = start(() => result.current.stepUp.withElevation(route));
    const prompt = await waitForPrompt(() => result.current);
    succeeded(await run(() => prompt.submitTotp(ts.code(secret))));

    expect(succeeded(await running)).toBe('wallet:export done');
    expect(route.calls).toHaveLength(1);
  });

  it('drops a token the server refuses, asks again and retries once', async () => {
    const { ts, secret, token } = await signedIn();
    const { result, tokens } = renderMfa(ts, token, withPrompt('wallet:transfer'));
    const route = appRoute(ts, tokens.get, 'wallet:transfer');
    const first = start(() => result.current.stepUp.ensure());
    succeeded(await answer(() => result.current, ts.code(secret)));
    const cached = succeeded(await first);

    // The server's clock runs 11 minutes ahead of this device's: it sees the cached token as expired.
    ts.clock.advance(11 * 60_000);
    const running = start(() => result.current.stepUp.withElevation(route));
    const prompt = await waitForPrompt(() => result.current);
    expect(result.current.stepUp.token).toBeNull();
    succeeded(await run(() => prompt.submitTotp(ts.code(secret))));

    expect(succeeded(await running)).toBe('wallet:transfer done');
    expect(route.calls).toEqual([cached, expect.not.stringMatching(cached)]);
  });

  it('gives the loser of two concurrent uses of one single-use token a new one', async () => {
    const { ts, secret, token } = await signedIn();
    const { result, tokens } = renderMfa(ts, token, withPrompt('wallet:export'));
    const route = appRoute(ts, tokens.get, 'wallet:export');

    const a = start(() => result.current.stepUp.withElevation(route));
    const b = start(() => result.current.stepUp.withElevation(route));
    succeeded(await answer(() => result.current, ts.code(secret)));
    ts.nextStep();
    const again = await waitForPrompt(() => result.current);
    succeeded(await run(() => again.submitTotp(ts.code(secret))));

    expect(succeeded(await a)).toBe('wallet:export done');
    expect(succeeded(await b)).toBe('wallet:export done');
    expect(route.calls).toHaveLength(3);
    expect(ts.count('POST /verify/totp')).toBe(2);
  });

  it('gives up after one retry and rejects with the server error', async () => {
    const { ts, secret, token } = await signedIn();
    const { result, tokens } = renderMfa(ts, token, withPrompt('wallet:export'));
    // The route wants another scope than the one stepped up for: every token is refused.
    const route = appRoute(ts, tokens.get, 'wallet:transfer');

    const running = start(() => result.current.stepUp.withElevation(route));
    succeeded(await answer(() => result.current, ts.code(secret)));
    ts.nextStep();
    succeeded(await answer(() => result.current, ts.code(secret)));

    expect(failed(await running)).toMatchObject({ code: 'elevation_required', scopes: ['wallet:transfer'] });
    expect(route.calls).toHaveLength(2);
  });

  it('passes the step-up error on when the user cancels', async () => {
    const { ts, token } = await signedIn();
    const { result, tokens } = renderMfa(ts, token, withPrompt('wallet:export'));
    const route = appRoute(ts, tokens.get, 'wallet:export');

    const running = start(() => result.current.stepUp.withElevation(route));
    const prompt = await waitForPrompt(() => result.current);
    act(() => prompt.cancel());

    expect(failed(await running)).toMatchObject({ code: 'stepup_cancelled' });
    expect(route.calls).toEqual([]);
  });
});
