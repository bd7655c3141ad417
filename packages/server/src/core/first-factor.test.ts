/**
 * Security rule 32: an enrolment started without an elevated token (the user had no factor then) may only
 * ever become the user's first factor, decided again atomically when it completes. Driven through the
 * HTTP routes, on every store.
 */
import type { EnrollmentResult, PublicKeyCredentialCreationOptionsJSON } from '@mfa-kit/client/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../test/authenticator.js';
import { createHarness, enrollTotp, type Harness, oathtool } from '../test/harness.js';
import { STORE_KINDS, type StoreFixture } from '../test/stores.js';

type Started = { deviceId: string; secret: string };
type Devices = { devices: Array<{ id: string; type: string }> };

const startTotp = (h: Harness, token: string) => h.call<Started>('POST', '/totp/enroll', { token, body: {} });
const confirmTotp = (h: Harness, token: string, started: Started) =>
  h.call<EnrollmentResult>('POST', '/totp/enroll/verify', {
    token,
    body: { deviceId: started.deviceId, code: oathtool(started.secret, h.clock.now()) },
  });

describe.each(STORE_KINDS)('[rule 32] first factors only: $name', (kind) => {
  let fixture: StoreFixture;
  beforeAll(async () => {
    fixture = await kind.create();
  });
  afterAll(async () => {
    await fixture?.dispose();
  });
  let users = 0;
  const user = () => `${kind.name}-user-${++users}`;

  it('[rule 32] refuses an authenticator app that someone else started before the user’s first factor', async () => {
    const h = createHarness({ store: fixture.store });
    const ada = user();
    const attacker = await h.signIn(ada); // a stolen full session: ada has no factor yet
    const planted = await startTotp(h, attacker);
    expect(planted.status).toBe(201);
    const own = await enrollTotp(h, await h.signIn(ada)); // ada adds her own first factor
    const late = await confirmTotp(h, attacker, planted.body);
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.status).toBeLessThan(500);
    const devices = await h.call<Devices>('GET', '/devices', { token: attacker });
    expect(devices.body.devices.map((d) => d.id)).toEqual([own.deviceId]);
    // Adding another now needs step-up, which the attacker cannot do without ada's factor.
    expect((await startTotp(h, attacker)).body).toMatchObject({
      error: { code: 'elevation_required', scopes: ['credential:link'] },
    });
  });

  it('[rule 32] refuses a passkey whose registration someone else started before the user’s first factor', async () => {
    const h = createHarness({ store: fixture.store });
    const ada = user();
    const attacker = await h.signIn(ada);
    const options = await h.call<{ options: PublicKeyCredentialCreationOptionsJSON }>(
      'POST',
      '/passkey/register/options',
      { token: attacker, body: {} },
    );
    expect(options.status).toBe(200);
    const own = await enrollTotp(h, await h.signIn(ada));
    const { response } = await register(options.body.options);
    const late = await h.call('POST', '/passkey/register/verify', { token: attacker, body: { response } });
    expect(late).toMatchObject({ status: 410, body: { error: { code: 'expired' } } });
    const devices = await h.call<Devices>('GET', '/devices', { token: attacker });
    expect(devices.body.devices.map((d) => d.id)).toEqual([own.deviceId]);
  });

  it('[rule 32] lets only one of two pending sessions enrol a first factor when MFA is required, one after the other', async () => {
    const h = createHarness({ store: fixture.store, policy: { required: true } });
    const ada = user();
    const [first, second] = [await h.signIn(ada), await h.signIn(ada)];
    const a = await startTotp(h, first);
    const b = await startTotp(h, second);
    const done = await confirmTotp(h, first, a.body);
    expect(done.status).toBe(200);
    expect(done.body.accessToken).toBeDefined();
    h.clock.advance(30_000);
    const refused = await confirmTotp(h, second, b.body);
    expect(refused.status).toBe(404);
    const status = await h.call('GET', '/status', { token: second });
    expect(status.body).toMatchObject({ requiresAdditionalAuth: true, enrollmentRequired: false });
    expect((status.body.devices as unknown[]).length).toBe(1);
  });

  it('[rule 32] lets only one of two pending sessions enrol a first factor when MFA is required, at once', async () => {
    const h = createHarness({ store: fixture.store, policy: { required: true } });
    const ada = user();
    const tokens = [await h.signIn(ada), await h.signIn(ada)];
    const started = [await startTotp(h, tokens[0] ?? ''), await startTotp(h, tokens[1] ?? '')];
    const replies = await Promise.all(
      tokens.map((token, i) => confirmTotp(h, token, started[i]?.body ?? { deviceId: '', secret: '' })),
    );
    const upgraded = replies.filter((reply) => reply.status === 200 && reply.body.accessToken);
    expect(upgraded).toHaveLength(1);
    const other = replies.find((reply) => reply.status !== 200);
    expect(other?.status).toBeGreaterThanOrEqual(400);
    expect(other?.status).toBeLessThan(500);
    const devices = await h.call<Devices>('GET', '/devices', { token: upgraded[0]?.body.accessToken ?? '' });
    expect(devices.body.devices).toHaveLength(1);
  });
});
