import { MfaProvider, useDevices, useMfa, useStepUp, useStepUpPrompt } from '@mfa-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { present, renderMfa, run, start, succeeded } from './test/render.js';
import { completeSession, createTestServer, userWithTotp } from './test/server.js';

function Status() {
  const { status } = useMfa();
  return <p>{status}</p>;
}

function DeviceCount() {
  const { devices } = useDevices();
  return <p>{devices.length} devices</p>;
}

function ExportButton() {
  const { isRequired } = useStepUp({ scope: 'wallet:export' });
  return <button type="button">{isRequired ? 'Export (asks for a code)' : 'Export'}</button>;
}

describe('MfaProvider', () => {
  it('makes one request per query however many components use the hooks, all at once', async () => {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const token = await completeSession(ts, 'ada', secret);
    ts.requests.length = 0;
    ts.timeline.length = 0;
    const client = ts.client(() => token);

    render(
      <MfaProvider client={client} accessToken={token}>
        <Status />
        <Status />
        <DeviceCount />
        <DeviceCount />
        <ExportButton />
        <ExportButton />
      </MfaProvider>,
    );

    expect(await screen.findAllByText('satisfied')).toHaveLength(2);
    expect(await screen.findAllByText('1 devices')).toHaveLength(2);
    await waitFor(() => expect(ts.timeline.filter((entry) => entry.startsWith('←'))).toHaveLength(3));
    expect([...ts.requests].sort()).toEqual(['GET /config', 'GET /status', 'POST /step-up/check']);
    // No waterfall: every request left before the first answer came back.
    expect(ts.timeline.slice(0, 3).every((entry) => entry.startsWith('→'))).toBe(true);
  });

  it("uses the app's QueryClient from <QueryClientProvider>", async () => {
    const ts = createTestServer();
    const queryClient = new QueryClient();
    const { result } = renderMfa(ts, await ts.signIn('bob'), useMfa, {
      outer: (children) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>,
    });
    await waitFor(() => expect(result.current.status).toBe('not-required'));
    expect(queryClient.getQueryCache().findAll({ queryKey: ['mfa'] }).length).toBeGreaterThan(0);
  });

  it('uses the queryClient prop over any other', async () => {
    const ts = createTestServer();
    const mine = new QueryClient();
    const theirs = new QueryClient();
    const { result } = renderMfa(ts, await ts.signIn('bob'), useMfa, {
      queryClient: mine,
      outer: (children) => <QueryClientProvider client={theirs}>{children}</QueryClientProvider>,
    });
    await waitFor(() => expect(result.current.status).toBe('not-required'));
    expect(mine.getQueryCache().findAll({ queryKey: ['mfa'] }).length).toBeGreaterThan(0);
    expect(theirs.getQueryCache().findAll({ queryKey: ['mfa'] })).toEqual([]);
  });

  it('forgets the previous user’s cached answers, tokens and prompts when the user changes', async () => {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const queryClient = new QueryClient();
    const ada = await completeSession(ts, 'ada', secret);
    const { result, tokens } = renderMfa(
      ts,
      ada,
      () => ({ mfa: useMfa(), stepUp: useStepUp({ scope: 'wallet:transfer' }), prompt: useStepUpPrompt() }),
      { queryClient },
    );
    await waitFor(() => expect(result.current.mfa.status).toBe('satisfied'));
    const elevating = start(() => result.current.stepUp.ensure());
    await waitFor(() => expect(result.current.prompt).not.toBeNull());
    succeeded(await run(() => present(result.current.prompt).submitTotp(ts.code(secret))));
    succeeded(await elevating);
    expect(result.current.stepUp.token).not.toBeNull();

    await run(async () => tokens.set(await ts.signIn('bob')));
    await waitFor(() => expect(result.current.mfa.status).toBe('not-required'));

    expect(result.current.stepUp.token).toBeNull();
    const cached = queryClient.getQueryCache().findAll({ queryKey: ['mfa', 'session'] });
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.every((query) => String(query.queryKey[2]).startsWith('bob '))).toBe(true);
  });

  it('logs, and does not throw, when onEvent throws', async () => {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const pending = await ts.signIn('ada');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let token = pending;
    const { result } = renderHook(useMfa, {
      wrapper: ({ children }) => (
        <MfaProvider
          client={ts.client(() => token)}
          accessToken={pending}
          onAccessToken={(next) => {
            token = next;
          }}
          onEvent={() => {
            throw new Error('analytics is down');
          }}
        >
          {children}
        </MfaProvider>
      ),
    });
    await waitFor(() => expect(result.current.status).toBe('required'));

    succeeded(await run(() => result.current.verifyTotp(ts.code(secret))));

    expect(logged).toHaveBeenCalledWith(expect.stringContaining('onEvent'), expect.any(Error));
  });

  it('warns when an upgraded token arrives and there is no onAccessToken to take it', async () => {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const pending = await ts.signIn('ada');
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { result } = renderHook(useMfa, {
      wrapper: ({ children }) => (
        <MfaProvider client={ts.client(() => pending)} accessToken={pending}>
          {children}
        </MfaProvider>
      ),
    });
    await waitFor(() => expect(result.current.status).toBe('required'));

    succeeded(await run(() => result.current.verifyTotp(ts.code(secret))));

    expect(warned).toHaveBeenCalledWith(expect.stringContaining('onAccessToken'));
  });

  it('works under <StrictMode>, whose double effects neither cancel prompts nor drop tokens', async () => {
    const ts = createTestServer();
    const { secret } = await userWithTotp(ts, 'ada');
    const token = await completeSession(ts, 'ada', secret);
    const { result } = renderMfa(
      ts,
      token,
      () => ({ stepUp: useStepUp({ scope: 'wallet:transfer' }), prompt: useStepUpPrompt() }),
      { outer: (children) => <StrictMode>{children}</StrictMode> },
    );

    const elevating = start(() => result.current.stepUp.ensure());
    await waitFor(() => expect(result.current.prompt).not.toBeNull());
    succeeded(await run(() => present(result.current.prompt).submitTotp(ts.code(secret))));

    expect(result.current.stepUp.token).toBe(succeeded(await elevating));
  });

  it('tells the developer when a hook is used outside <MfaProvider>', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(useMfa)).toThrow('useMfa() must be called inside <MfaProvider>');
    expect(() => renderHook(() => useStepUp({ scope: 'wallet:export' }))).toThrow(/useStepUp\(\)/);
  });
});
