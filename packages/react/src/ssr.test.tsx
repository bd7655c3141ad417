// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createMfaClient } from '@mfa-kit/client';
import { MfaProvider, useDevices, useMfa, useStepUp, useStepUpPrompt } from '@mfa-kit/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { createTestServer } from './test/server.js';

function Screen() {
  const { status, recoveryCodes } = useMfa();
  const { devices } = useDevices();
  const { isRequired, token } = useStepUp({ scope: 'wallet:export' });
  const prompt = useStepUpPrompt();
  return (
    <main>
      <p>{`status: ${status}`}</p>
      <p>{`devices: ${devices.length}`}</p>
      <p>{`codes: ${recoveryCodes.codes === null ? 'none' : 'shown'}`}</p>
      <p>{`step-up: ${isRequired ? 'required' : 'not required'}, token: ${token ?? 'none'}`}</p>
      {prompt === null ? null : <dialog open>{prompt.scope}</dialog>}
    </main>
  );
}

describe('server-side rendering', () => {
  it('imports and renders every hook without a window, and fetches nothing', async () => {
    expect(typeof window).toBe('undefined');
    const token = await createTestServer().signIn('ada');
    const fetch = vi.fn<typeof globalThis.fetch>();
    const client = createMfaClient({ baseUrl: 'https://mfa.test', getAccessToken: () => token, fetch });

    const html = renderToString(
      <MfaProvider client={client} accessToken={token}>
        <Screen />
      </MfaProvider>,
    );

    expect(html).toContain('status: loading');
    expect(html).toContain('devices: 0');
    expect(html).toContain('codes: none');
    expect(html).toContain('step-up: required, token: none');
    expect(html).not.toContain('<dialog');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('renders signed-out when the app has no token', () => {
    const client = createMfaClient({ baseUrl: 'https://mfa.test', getAccessToken: () => null });
    const html = renderToString(
      <MfaProvider client={client} accessToken={null}>
        <Screen />
      </MfaProvider>,
    );
    expect(html).toContain('status: signed-out');
  });

  it("marks the entry point as a client module ('use client'), which the build keeps", () => {
    const entry = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    expect(entry.split('\n')[0]).toBe("'use client';");
  });
});
