import { useDevices, useMfa, useStepUpPrompt } from '@mfa-kit/react';
import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failed, present, renderMfa, run, start, succeeded } from './test/render.js';
import { completeSession, createTestServer, POLICY, type TestServer, userWithTotp } from './test/server.js';

/** A signed-in user with two authenticator apps. */
async function userWithTwoApps(ts: TestServer) {
  const { secret, deviceId } = await userWithTotp(ts, 'ada');
  const token = await completeSession(ts, 'ada', secret);
  const client = ts.client(() => token);
  const { elevatedToken } = await client.verifyTotp({
    code: ts.code(secret),
    requestedScopes: ['credential:link'],
  });
  ts.nextStep();
  const second = await client.enrollTotp({ name: 'Work phone', elevatedToken });
  await client.verifyTotpEnrollment({ deviceId: second.deviceId, code: ts.code(second.secret) });
  ts.nextStep();
  ts.requests.length = 0;
  return { token, secret, deviceId, secondId: second.deviceId };
}

const devicesWithPrompt = () => ({ devices: useDevices(), prompt: useStepUpPrompt() });

describe('useDevices', () => {
  it('lists every factor, oldest first, one added without a name without one', async () => {
    const ts = createTestServer();
    const { token, deviceId, secondId } = await userWithTwoApps(ts);
    const { result } = renderMfa(ts, token, useDevices);
    expect(result.current.isLoading).toBe(true);

    await waitFor(() => expect(result.current.isLoading).toBe(false));

    expect(result.current.devices.map((device) => [device.id, device.type, device.name])).toEqual([
      [deviceId, 'totp', null],
      [secondId, 'totp', 'Work phone'],
    ]);
    expect(result.current.error).toBeNull();
  });

  it('renames a factor and refreshes the list everywhere', async () => {
    const ts = createTestServer();
    const { token, deviceId } = await userWithTwoApps(ts);
    const { result } = renderMfa(ts, token, () => ({ list: useDevices(), other: useDevices() }));
    await waitFor(() => expect(result.current.list.devices).toHaveLength(2));

    const renamed = succeeded(await run(() => result.current.list.rename(deviceId, 'Old phone')));

    expect(renamed).toMatchObject({ id: deviceId, name: 'Old phone' });
    expect(result.current.other.devices[0]?.name).toBe('Old phone');
    expect(ts.count('GET /status')).toBe(2);
  });

  it('removes a factor after stepping up for credential:unlink', async () => {
    const ts = createTestServer();
    const { token, secret, secondId } = await userWithTwoApps(ts);
    const { result, events } = renderMfa(ts, token, devicesWithPrompt);
    await waitFor(() => expect(result.current.devices.devices).toHaveLength(2));

    const removing = start(() => result.current.devices.remove(secondId));
    await waitFor(() => expect(result.current.prompt?.scope).toBe('credential:unlink'));
    expect(result.current.devices.isPending).toBe(true);
    succeeded(await run(() => present(result.current.prompt).submitTotp(ts.code(secret))));

    succeeded(await removing);
    expect(result.current.devices.devices.map((device) => device.id)).not.toContain(secondId);
    expect(result.current.devices.isPending).toBe(false);
    expect(events).toEqual([
      { type: 'stepup.succeeded', scope: 'credential:unlink', method: 'totp' },
      { type: 'device.removed', deviceId: secondId },
    ]);
  });

  it('does not remove anything when the user cancels the step-up', async () => {
    const ts = createTestServer();
    const { token, secondId } = await userWithTwoApps(ts);
    const { result } = renderMfa(ts, token, devicesWithPrompt);
    await waitFor(() => expect(result.current.devices.devices).toHaveLength(2));

    const removing = start(() => result.current.devices.remove(secondId));
    await waitFor(() => expect(result.current.prompt).not.toBeNull());
    act(() => present(result.current.prompt).cancel());

    expect(failed(await removing)).toMatchObject({ code: 'stepup_cancelled' });
    await waitFor(() => expect(result.current.devices.error).toMatchObject({ code: 'stepup_cancelled' }));
    expect(result.current.devices.devices).toHaveLength(2);
    expect(ts.count(`DELETE /devices/${secondId}`)).toBe(0);
  });

  it('refuses to remove the last factor while MFA is required, without asking for a code', async () => {
    const ts = createTestServer({ policy: { ...POLICY, required: true } });
    const { secret, deviceId } = await userWithTotp(ts, 'ada');
    const token = await completeSession(ts, 'ada', secret);
    const { result } = renderMfa(ts, token, devicesWithPrompt);
    await waitFor(() => expect(result.current.devices.devices).toHaveLength(1));

    const failure = failed(await run(() => result.current.devices.remove(deviceId)));

    expect(failure).toMatchObject({ code: 'conflict' });
    expect(result.current.prompt).toBeNull();
    expect(ts.requests.filter((request) => request.startsWith('DELETE'))).toEqual([]);
  });

  it('removes the last factor when MFA is optional, and the user is then not-required', async () => {
    const ts = createTestServer();
    const { secret, deviceId } = await userWithTotp(ts, 'ada');
    const token = await completeSession(ts, 'ada', secret);
    const { result } = renderMfa(ts, token, () => ({ ...devicesWithPrompt(), mfa: useMfa() }));
    await waitFor(() => expect(result.current.mfa.status).toBe('satisfied'));

    const removing = start(() => result.current.devices.remove(deviceId));
    await waitFor(() => expect(result.current.prompt).not.toBeNull());
    succeeded(await run(() => present(result.current.prompt).submitTotp(ts.code(secret))));
    succeeded(await removing);

    expect(result.current.mfa.status).toBe('not-required');
    expect(result.current.mfa.recoveryCodes.remaining).toBe(0);
  });
});
