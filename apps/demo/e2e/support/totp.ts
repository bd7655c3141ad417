/**
 * An authenticator app for the tests: TOTP codes from `oathtool` (RFC 6238: SHA-1, 30 s, 6 digits), an
 * implementation independent of ours, for the key read off the page.
 *
 * The server accepts a code for its current 30-second step or one step either side, and each step once
 * per factor (the same step again is `code_reused`). So the codes are picked by step, never by luck: each
 * one is for the earliest step not used yet that the server will still accept a few seconds later, when
 * the code arrives. Three codes are available at any moment; a fourth in a row waits for the clock to
 * reach the next step.
 */
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const PERIOD_MS = 30_000;
/** A code for the previous step is still taken only this long before the current step ends. */
const MARGIN_MS = 10_000;

/** The code of `secret` for a time step (seconds since the epoch / 30). */
export function totpForStep(secret: string, step: number): string {
  return execFileSync('oathtool', ['--totp', '-b', secret, '-N', `@${step * 30}`], {
    encoding: 'utf8',
  }).trim();
}

export class AuthenticatorApp {
  /** The last step whose code this app gave out. */
  private lastStep = Number.NEGATIVE_INFINITY;

  readonly secret: string;

  /** `key`: the setup key as the page shows it (base32 in groups of four). */
  constructor(key: string) {
    this.secret = key.replace(/\s/g, '').toUpperCase();
  }

  /**
   * A code the server will accept: for a step after the last one used, within its window. `late`: the
   * latest step the server takes now, so that the code stays within the window for the next 30 seconds
   * at least (a code a test will replay, expecting `code_reused` rather than an expired code).
   */
  async nextCode(options: { late?: boolean } = {}): Promise<string> {
    for (;;) {
      const now = Date.now();
      const current = Math.floor(now / PERIOD_MS);
      const left = PERIOD_MS - (now % PERIOD_MS);
      const earliest = options.late ? current + 1 : left > MARGIN_MS ? current - 1 : current;
      const step = Math.max(this.lastStep + 1, earliest);
      if (step <= current + 1) {
        this.lastStep = step;
        return totpForStep(this.secret, step);
      }
      // Every step the server takes now was used: wait until the next one is within its window.
      await sleep((step - 1) * PERIOD_MS - now + 250);
    }
  }

  /** The code given out last: the server refuses it a second time (`code_reused`). */
  lastCode(): string {
    if (!Number.isFinite(this.lastStep)) throw new Error('no code was given out yet');
    return totpForStep(this.secret, this.lastStep);
  }

  /** A well-formed code that is wrong for every step the server could accept in the next minute. */
  wrongCode(): string {
    const current = Math.floor(Date.now() / PERIOD_MS);
    const valid = new Set([-2, -1, 0, 1, 2, 3].map((offset) => totpForStep(this.secret, current + offset)));
    for (let candidate = 0; ; candidate += 111_111) {
      const code = String(candidate % 1_000_000).padStart(6, '0');
      if (!valid.has(code)) return code;
    }
  }
}
