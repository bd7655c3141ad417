import { describe, expect, it } from 'vitest';
import { bindingOf, createHarness, ENCRYPTION_KEY, elevate, enrollTotp, oathtool } from './test/harness.js';

describe('logging', () => {
  it('[rule 7] never logs a code, a secret, a recovery code or a token, through a whole life of a user', async () => {
    const h = createHarness({ policy: { required: true, actions: { 'wallet:export': {} } } });
    const secrets: string[] = [ENCRYPTION_KEY];
    const note = <T extends string | undefined>(value: T) => {
      if (value) secrets.push(value);
      return value;
    };

    const pending = note(await h.signIn('ada'));
    const enrolled = await enrollTotp(h, pending);
    note(enrolled.secret);
    note(enrolled.accessToken);
    for (const code of enrolled.recoveryCodes ?? []) note(code);
    const token = enrolled.accessToken ?? '';

    // Wrong codes until lockout, a replay, a good code, a recovery code, step-up, regeneration.
    const attacker = note(await h.signIn('ada'));
    for (const code of ['000000', '111111', '222222', '333333', '444444', '555555']) {
      await h.call('POST', '/verify/totp', { token: attacker, body: { code: note(code) } });
    }
    h.clock.advance(31_000);
    const good = note(oathtool(enrolled.secret, h.clock.now()));
    const upgraded = await h.call<{ accessToken: string }>('POST', '/verify/totp', {
      token: attacker,
      body: { code: good },
    });
    note(upgraded.body.accessToken);
    await h.call('POST', '/verify/totp', { token: note(await h.signIn('ada')), body: { code: good } });
    const recovery = enrolled.recoveryCodes?.[0] ?? '';
    await h.call('POST', '/verify/recovery-code', {
      token: note(await h.signIn('ada')),
      body: { code: recovery },
    });
    await h.call('POST', '/verify/recovery-code', {
      token: note(await h.signIn('ada')),
      body: { code: recovery },
    });
    h.clock.advance(30_000);
    const exportToken = note(await elevate(h, token, enrolled.secret, ['wallet:export']));
    await h.server.verifyElevatedToken(exportToken, { scope: 'wallet:export', ...bindingOf(token) });
    await h.server
      .verifyElevatedToken(exportToken, { scope: 'wallet:export', ...bindingOf(token) })
      .catch(() => {});
    const link = note(await elevate(h, token, enrolled.secret, ['credential:link']));
    const regenerated = await h.call<{ codes: string[] }>('POST', '/recovery-codes', {
      token,
      elevated: link,
    });
    for (const code of regenerated.body.codes) note(code);
    await h.call('POST', '/totp/enroll', { token, body: { name: 'x' }, elevated: link });
    await h.call('GET', '/status', { token: 'not-a-token' });

    expect(h.logs.length).toBeGreaterThan(10);
    const all = h.logs.join('\n');
    for (const secret of secrets) expect(all).not.toContain(secret);
    // Parts of tokens (a signature, a payload) are as secret as the whole.
    for (const jwt of secrets.filter((s) => s.split('.').length === 3)) {
      for (const part of jwt.split('.').slice(1)) expect(all).not.toContain(part);
    }
    for (const line of h.logs) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(entry)).not.toEqual(expect.arrayContaining(['code']));
      expect(typeof entry.event).toBe('string');
    }
  });

  it('logs what an operator needs: successes, failures with reasons, lockouts', async () => {
    const h = createHarness();
    const token = await h.signIn('ada');
    await enrollTotp(h, token);
    await h.call('POST', '/verify/totp', { token: await h.signIn('ada'), body: { code: '000000' } });
    const events = h.logs.map(
      (line) => JSON.parse(line) as { event: string; userId?: string; reason?: string },
    );
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['mfa.session.issued', 'mfa.factor.added', 'mfa.verify.failed']),
    );
    expect(events.find((e) => e.event === 'mfa.verify.failed')).toMatchObject({
      userId: 'ada',
      reason: 'wrong_code',
    });
  });
});
