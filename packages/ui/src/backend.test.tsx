import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { createBackend } from './test/backend.js';

describe('the in-browser backend', () => {
  it('runs the real server in the page, with every scenario', async () => {
    const backend = await createBackend({ scenario: 'totp-and-passkey-pending' });
    const status = await backend.client.getStatus();
    expect(status).toMatchObject({ requiresAdditionalAuth: true });
    expect(status.devices.map((d) => d.type).sort()).toEqual(['passkey', 'totp']);
    const result = await backend.client.verifyTotp({ code: backend.code() });
    expect(result.accessToken).toBeTypeOf('string');
  });

  it('registers a passkey through a CDP virtual authenticator', async () => {
    const id = await commands.addVirtualAuthenticator();
    try {
      const backend = await createBackend({ scenario: 'new-user' });
      const result = await backend.client.registerPasskey({ name: 'Chromium' });
      expect(result.device).toMatchObject({ type: 'passkey', name: 'Chromium' });
      expect(result.recoveryCodes).toHaveLength(10);
    } finally {
      await commands.removeVirtualAuthenticator(id);
    }
  });
});
