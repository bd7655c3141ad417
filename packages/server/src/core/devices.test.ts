import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { createPgliteStore } from '../pglite.js';
import { bindingOf, createHarness, elevate, enrollTotp, oathtool, userWithTotp } from '../test/harness.js';

type Devices = {
  devices: Array<{ id: string; type: string; name: string | null; lastUsedAt: string | null }>;
};

describe('adding factors', () => {
  it('[rule 19] needs a fresh proof (credential:link) to add a factor once the user has one, and uses it up', async () => {
    const h = createHarness();
    const { token, secret } = await userWithTotp(h, 'ada');
    expect(await h.call('POST', '/totp/enroll', { token, body: {} })).toMatchObject({
      status: 403,
      body: { error: { code: 'elevation_required', scopes: ['credential:link'] } },
    });
    expect(await h.call('POST', '/passkey/register/options', { token, body: {} })).toMatchObject({
      status: 403,
      body: { error: { code: 'elevation_required' } },
    });
    const unlink = await elevate(h, token, secret, ['credential:unlink']);
    expect((await h.call('POST', '/totp/enroll', { token, body: {}, elevated: unlink })).status).toBe(403);
    const link = await elevate(h, token, secret, ['credential:link']);
    const second = await enrollTotp(h, token, { elevated: link, name: 'Backup phone' });
    expect(second.recoveryCodes).toBeUndefined();
    expect((await h.call('POST', '/totp/enroll', { token, body: {}, elevated: link })).body).toMatchObject({
      error: { code: 'elevation_required' },
    });
    const otherSession = await h.signIn('ada');
    expect(
      (await h.call('POST', '/totp/enroll', { token: otherSession, body: {}, elevated: link })).status,
    ).toBe(403);
    const devices = await h.call<Devices>('GET', '/devices', { token });
    expect(devices.body.devices.map((d) => d.name)).toEqual([null, 'Backup phone']);
  });

  it('keeps a factor added without a name nameless, for each UI to name in its own language', async () => {
    const h = createHarness();
    const { token, secret } = await userWithTotp(h, 'ada');
    await enrollTotp(h, token, { elevated: await elevate(h, token, secret, ['credential:link']) });
    const devices = await h.call<Devices>('GET', '/devices', { token });
    expect(devices.body.devices.map((d) => d.name)).toEqual([null, null]);
    const renamed = await h.call<{ device: { name: string } }>(
      'PATCH',
      `/devices/${devices.body.devices[0]?.id}`,
      {
        token,
        body: { name: 'Telefon' },
      },
    );
    expect(renamed.body.device.name).toBe('Telefon');
  });

  it('calls a new factor of any kind never used, until it proves a sign-in or a step-up', async () => {
    const h = createHarness();
    const { token, secret } = await userWithTotp(h, 'ada');
    const before = await h.call<Devices>('GET', '/devices', { token });
    expect(before.body.devices.map((d) => d.lastUsedAt)).toEqual([null]);
    await elevate(h, token, secret, ['credential:link']);
    const after = await h.call<Devices>('GET', '/devices', { token });
    expect(after.body.devices[0]?.lastUsedAt).toEqual(expect.any(String));
  });

  it('[rule 25] lets an unverified enrolment expire after 10 minutes, and never counts it', async () => {
    const h = createHarness({ policy: { required: true } });
    const pending = await h.signIn('ada');
    const started = await h.call<{ deviceId: string; secret: string }>('POST', '/totp/enroll', {
      token: pending,
      body: {},
    });
    const status = await h.call('GET', '/status', { token: pending });
    expect(status.body).toMatchObject({ devices: [], methods: [], enrollmentRequired: true });
    expect((await h.server.sessions.issue({ userId: 'ada', amr: ['pwd'] })).enrollmentRequired).toBe(true);
    h.clock.advance(10 * 60_000);
    const late = await h.call('POST', '/totp/enroll/verify', {
      token: await h.signIn('ada'),
      body: { deviceId: started.body.deviceId, code: oathtool(started.body.secret, h.clock.now()) },
    });
    expect(late).toMatchObject({ status: 410, body: { error: { code: 'expired' } } });
    await h.server.purgeExpired();
    const gone = await h.call('POST', '/totp/enroll/verify', {
      token: await h.signIn('ada'),
      body: { deviceId: started.body.deviceId, code: oathtool(started.body.secret, h.clock.now()) },
    });
    expect(gone).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('[rule 2] encrypts TOTP secrets at rest, bound to their row', async () => {
    const db = new PGlite();
    const h = createHarness({ store: createPgliteStore({ db }) });
    const { secret } = await userWithTotp(h, 'ada');
    const started = await h.call<{ secret: string }>('POST', '/totp/enroll', {
      token: await h.signIn('bob'),
      body: {},
    });
    const rows = (
      await db.query<Record<string, unknown>>(
        "SELECT * FROM mfa_factors UNION ALL SELECT id, user_id, 'totp', name, created_at, NULL, secret_enc, NULL, NULL, NULL, NULL, NULL FROM mfa_enrollments",
      )
    ).rows;
    const text = JSON.stringify(rows);
    for (const s of [secret, started.body.secret]) {
      expect(text).not.toContain(s);
      expect(text).not.toContain(Buffer.from(s).toString('base64'));
    }
    expect(text).toMatch(/"v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+"/);
    // A ciphertext moved to another user's row no longer opens: codes stop working instead of leaking.
    await db.query("UPDATE mfa_factors SET user_id = 'mallory'");
    const stolen = await h.call('POST', '/verify/totp', {
      token: await h.signIn('mallory'),
      body: { code: oathtool(secret, h.clock.now()) },
    });
    expect(stolen.status).toBeGreaterThanOrEqual(400);
    expect(stolen.status).not.toBe(200);
    await h.server.close();
  });

  it('keeps a user’s enrolments to five unfinished ones, dropping the oldest', async () => {
    const h = createHarness();
    const token = await h.signIn('ada');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(
        (await h.call<{ deviceId: string }>('POST', '/totp/enroll', { token, body: {} })).body.deviceId,
      );
      h.clock.advance(1000);
    }
    const oldest = await h.call('POST', '/totp/enroll/verify', {
      token,
      body: { deviceId: ids[0], code: '123456' },
    });
    expect(oldest.status).toBe(404);
    const newest = await h.call('POST', '/totp/enroll/verify', {
      token,
      body: { deviceId: ids[5], code: '123456' },
    });
    expect(newest.status).toBe(422);
  });
});

describe('devices', () => {
  it('renames a device with a clean name, and refuses names with tricks', async () => {
    const h = createHarness();
    const { token, deviceId } = await userWithTotp(h, 'ada');
    const renamed = await h.call('PATCH', `/devices/${deviceId}`, {
      token,
      body: { name: '  Pixel 9 👩‍💻  ' },
    });
    expect(renamed).toMatchObject({ status: 200, body: { device: { id: deviceId, name: 'Pixel 9 👩‍💻' } } });
    for (const name of [
      '',
      '   ',
      'a'.repeat(65),
      'evil\u202Egnp.exe',
      'zero\u200Bwidth',
      'line\u2028break',
      'nul\u0000',
      '\uD800',
    ]) {
      const reply = await h.call('PATCH', `/devices/${deviceId}`, { token, body: { name } });
      expect({ name, status: reply.status }).toEqual({ name, status: 400 });
    }
    expect(
      (await h.call('PATCH', `/devices/${deviceId}`, { token, body: { name: 'x', extra: 1 } })).status,
    ).toBe(400);
    const listed = await h.call<Devices>('GET', '/devices', { token });
    expect(listed.body.devices[0]?.name).toBe('Pixel 9 👩‍💻');
  });

  it('answers not_found for another user’s device, for rename and for removal alike', async () => {
    const h = createHarness();
    const ada = await userWithTotp(h, 'ada');
    const bob = await userWithTotp(h, 'bob');
    expect(
      (await h.call('PATCH', `/devices/${ada.deviceId}`, { token: bob.token, body: { name: 'mine' } }))
        .status,
    ).toBe(404);
    const bobUnlink = await elevate(h, bob.token, bob.secret, ['credential:unlink']);
    expect(
      (await h.call('DELETE', `/devices/${ada.deviceId}`, { token: bob.token, elevated: bobUnlink })).status,
    ).toBe(404);
    expect(
      (await h.call('DELETE', '/devices/..%2F..%2Fetc', { token: bob.token, elevated: bobUnlink })).status,
    ).toBe(404);
  });

  it('[rule 19] needs credential:unlink to remove a factor, consumed by the removal', async () => {
    const h = createHarness();
    const { token, secret, deviceId } = await userWithTotp(h, 'ada');
    await enrollTotp(h, token, { elevated: await elevate(h, token, secret, ['credential:link']) });
    expect(await h.call('DELETE', `/devices/${deviceId}`, { token })).toMatchObject({
      status: 403,
      body: { error: { code: 'elevation_required', scopes: ['credential:unlink'] } },
    });
    const link = await elevate(h, token, secret, ['credential:link']);
    expect((await h.call('DELETE', `/devices/${deviceId}`, { token, elevated: link })).status).toBe(403);
    const unlink = await elevate(h, token, secret, ['credential:unlink']);
    expect((await h.call('DELETE', `/devices/${deviceId}`, { token, elevated: unlink })).status).toBe(204);
    const listed = await h.call<Devices>('GET', '/devices', { token });
    expect(listed.body.devices.map((d) => d.id)).not.toContain(deviceId);
  });

  it('[rule 22] refuses to remove the last factor while MFA is required, and keeps the token for another try', async () => {
    const h = createHarness({ policy: { required: true } });
    const pending = await h.signIn('ada');
    const { accessToken, deviceId, secret } = await enrollTotp(h, pending);
    const token = accessToken ?? '';
    const unlink = await elevate(h, token, secret, ['credential:unlink']);
    expect(await h.call('DELETE', `/devices/${deviceId}`, { token, elevated: unlink })).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict' } },
    });
    expect((await h.call<Devices>('GET', '/devices', { token })).body.devices).toHaveLength(1);
    // The refused removal did not use the single-use token up.
    await expect(
      h.server.verifyElevatedToken(unlink, { scope: 'credential:unlink', ...bindingOf(token) }),
    ).resolves.toBeTruthy();
  });

  it('removes the last factor when MFA is optional, and its recovery codes with it', async () => {
    const h = createHarness();
    const { token, secret, deviceId } = await userWithTotp(h, 'ada');
    const unlink = await elevate(h, token, secret, ['credential:unlink']);
    expect((await h.call('DELETE', `/devices/${deviceId}`, { token, elevated: unlink })).status).toBe(204);
    expect((await h.call('GET', '/status', { token })).body).toMatchObject({
      devices: [],
      methods: [],
      recoveryCodes: { remaining: 0, pendingAcknowledgement: false },
    });
    expect((await h.server.sessions.issue({ userId: 'ada', amr: ['pwd'] })).requiresAdditionalAuth).toBe(
      false,
    );
  });

  it('records when a factor was last used', async () => {
    const h = createHarness();
    const { secret } = await userWithTotp(h, 'ada');
    h.clock.advance(3 * 60_000);
    const pending = await h.signIn('ada');
    const reply = await h.call<{ accessToken: string }>('POST', '/verify/totp', {
      token: pending,
      body: { code: oathtool(secret, h.clock.now()) },
    });
    const listed = await h.call<Devices>('GET', '/devices', { token: reply.body.accessToken });
    expect(listed.body.devices[0]?.lastUsedAt).toBe(new Date(h.clock.now()).toISOString());
  });
});
