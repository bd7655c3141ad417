import { PGlite } from '@electric-sql/pglite';
import { normalizeRecoveryCode, RECOVERY_CODE_ALPHABET } from '@mfa-kit/client/protocol';
import { describe, expect, it } from 'vitest';
import { createPgliteStore } from '../pglite.js';
import { bindingOf, createHarness, elevate, type Harness, oathtool, userWithTotp } from '../test/harness.js';

const useCode = (h: Harness, token: string, code: string | undefined, requestedScopes?: string[]) =>
  h.call<{ accessToken?: string; elevatedToken?: string; remaining?: number; error?: { code: string } }>(
    'POST',
    '/verify/recovery-code',
    { token, body: { code, ...(requestedScopes ? { requestedScopes } : {}) } },
  );

/** Every value in every table, as one string: what a stolen database dump holds. */
async function dump(db: PGlite): Promise<string> {
  const tables = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    parts.push(JSON.stringify((await db.query(`SELECT * FROM "${tablename}"`)).rows));
  }
  return parts.join('\n');
}

describe('recovery codes', () => {
  it('[rule 8] generates 10 distinct codes of 50 random bits from the injected random source', async () => {
    const h = createHarness();
    const { recoveryCodes } = await userWithTotp(h, 'ada');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) {
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
      expect(normalizeRecoveryCode(code)).toBe(code);
    }
    expect(RECOVERY_CODE_ALPHABET).toHaveLength(32); // 10 characters × 5 bits = 50 bits
    let calls = 0;
    const counting = createHarness({
      random: (size) => {
        calls++;
        return crypto.getRandomValues(new Uint8Array(size));
      },
    });
    await userWithTotp(counting, 'bob');
    expect(calls).toBeGreaterThan(10);
  });

  it('[rule 9] accepts each code once, with the codes left, and refuses it again', async () => {
    const h = createHarness();
    const { recoveryCodes } = await userWithTotp(h, 'ada');
    const first = await useCode(h, await h.signIn('ada'), recoveryCodes[0]);
    expect(first).toMatchObject({ status: 200, body: { remaining: 9 } });
    expect(first.body.accessToken).toBeTypeOf('string');
    expect(await useCode(h, await h.signIn('ada'), recoveryCodes[0])).toMatchObject({
      status: 422,
      body: { error: { code: 'invalid_code' } },
    });
    // Typed by a person: upper case, spaces, O for 0.
    const typed = (recoveryCodes[1] ?? '').toUpperCase().replace('-', ' ').replace(/0/g, 'O');
    expect((await useCode(h, await h.signIn('ada'), typed)).body).toMatchObject({ remaining: 8 });
  });

  it('[rule 9] lets one of 20 concurrent uses of a code succeed', async () => {
    const h = createHarness({ rateLimit: { maxAttempts: 50, maxConsecutiveFailures: 100 } });
    const { recoveryCodes } = await userWithTotp(h, 'ada');
    const tokens = await Promise.all(Array.from({ length: 20 }, () => h.signIn('ada')));
    const replies = await Promise.all(tokens.map((token) => useCode(h, token, recoveryCodes[2])));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 422)).toHaveLength(19);
  });

  it('[rule 10] keeps only peppered hashes: a database dump holds no usable code', async () => {
    const db = new PGlite();
    const h = createHarness({ store: createPgliteStore({ db }) });
    const ada = await userWithTotp(h, 'ada');
    const bob = await userWithTotp(h, 'bob');
    const everything = await dump(db);
    for (const code of [...ada.recoveryCodes, ...bob.recoveryCodes]) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(code.replace('-', ''));
      expect(everything.toUpperCase()).not.toContain(code.replace('-', '').toUpperCase());
      const sha256 = Buffer.from(
        await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code)),
      ).toString('hex');
      expect(everything).not.toContain(sha256);
    }
    const hashes = (await db.query<{ code_hash: string }>('SELECT code_hash FROM mfa_recovery_codes')).rows;
    expect(hashes).toHaveLength(20);
    expect(new Set(hashes.map((row) => row.code_hash)).size).toBe(20);
    await h.server.close();
  });

  it('[rule 11] shows codes only at generation, to a session that passed MFA, and a new set voids the old', async () => {
    const h = createHarness();
    const { token, secret, recoveryCodes } = await userWithTotp(h, 'ada');
    const status = await h.call('GET', '/status', { token });
    expect(JSON.stringify(status.body)).not.toContain(recoveryCodes[0]);
    expect(status.body).toMatchObject({ recoveryCodes: { remaining: 10, pendingAcknowledgement: true } });

    const pending = await h.signIn('ada');
    expect((await h.call('POST', '/recovery-codes', { token: pending })).body).toMatchObject({
      error: { code: 'mfa_required' },
    });
    expect(await h.call('POST', '/recovery-codes', { token })).toMatchObject({
      status: 403,
      body: { error: { code: 'elevation_required', scopes: ['credential:link'] } },
    });
    const elevated = await elevate(h, token, secret, ['credential:link']);
    const fresh = await h.call<{ codes: string[] }>('POST', '/recovery-codes', { token, elevated });
    expect(fresh.status).toBe(200);
    expect(fresh.body.codes).toHaveLength(10);
    expect(fresh.body.codes).not.toContain(recoveryCodes[0]);
    expect((await h.call('POST', '/recovery-codes', { token, elevated })).body).toMatchObject({
      error: { code: 'elevation_required' },
    });
    for (const old of recoveryCodes.slice(0, 3)) {
      expect((await useCode(h, await h.signIn('ada'), old)).status).toBe(422);
    }
    h.clock.advance(60_000 * 5); // past the lock those failures earned
    expect((await useCode(h, await h.signIn('ada'), fresh.body.codes[0])).body).toMatchObject({
      remaining: 9,
    });
  });

  it('keeps the acknowledgement explicit: pending after generation, cleared once, harmless to repeat', async () => {
    const h = createHarness();
    const { token } = await userWithTotp(h, 'ada');
    const pendingAck = async () =>
      (
        (await h.call('GET', '/status', { token })).body as {
          recoveryCodes: { pendingAcknowledgement: boolean };
        }
      ).recoveryCodes.pendingAcknowledgement;
    expect(await pendingAck()).toBe(true);
    expect((await h.call('POST', '/recovery-codes/acknowledge', { token })).status).toBe(204);
    expect(await pendingAck()).toBe(false);
    expect((await h.call('POST', '/recovery-codes/acknowledge', { token })).status).toBe(204);
  });

  it('proves step-up with a recovery code too', async () => {
    const h = createHarness({ policy: { actions: { 'wallet:export': {} } } });
    const { token, recoveryCodes } = await userWithTotp(h, 'ada');
    const reply = await useCode(h, token, recoveryCodes[0], ['wallet:export']);
    expect(reply).toMatchObject({ status: 200, body: { remaining: 9 } });
    await expect(
      h.server.verifyElevatedToken(reply.body.elevatedToken ?? '', {
        scope: 'wallet:export',
        ...bindingOf(token),
      }),
    ).resolves.toMatchObject({
      amr: ['rec'],
    });
  });

  it('refuses recovery codes to a user with no factor, and malformed ones before counting them', async () => {
    const h = createHarness();
    const token = await h.signIn('nobody');
    expect((await h.call('POST', '/recovery-codes', { token })).body).toMatchObject({
      error: { code: 'conflict' },
    });
    const { secret } = await userWithTotp(h, 'ada');
    for (const code of ['', 'abc', 'aaaaa-aaaau', 'aaaaa-aaaaa-a', 12345]) {
      expect(
        (await h.call('POST', '/verify/recovery-code', { token: await h.signIn('ada'), body: { code } }))
          .status,
      ).toBe(400);
    }
    // None of those counted: the right TOTP code still works on the first try after 5 malformed ones.
    expect(
      (
        await h.call('POST', '/verify/totp', {
          token: await h.signIn('ada'),
          body: { code: oathtool(secret, h.clock.now()) },
        })
      ).status,
    ).toBe(200);
  });
});
