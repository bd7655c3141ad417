/**
 * Step-up without React: elevated tokens cached per scope, the queue of prompts waiting for the user,
 * and how many prompt components are mounted. The provider owns one; hooks read it through
 * `subscribe` + getters with useSyncExternalStore.
 */
import {
  decodeElevatedToken,
  type Eip1193Provider,
  type ElevationResult,
  isMfaError,
  MfaError,
  type ReauthMethod,
  type ReauthSendResponse,
  type VerificationMethod,
  type WalletSigner,
} from '@mfa-kit/client';
import type { MfaEvent } from './events.js';
import { toMfaError } from './to-mfa-error.js';

/** A cached token is handed out only while it has more than this left, so it is still valid on arrival. */
export const EXPIRY_MARGIN_MS = 5_000;

/** A re-authentication method that sends a code: by email or by SMS. */
export type ReauthCodeMethod = Exclude<ReauthMethod, 'wallet'>;

/** What the user proved in a step-up prompt. */
export type StepUpProof =
  | { method: 'totp'; code: string }
  | { method: 'passkey' }
  | { method: 'recovery_code'; code: string }
  | { method: ReauthCodeMethod; code: string; challengeId: string }
  | { method: 'wallet'; address: string; signer: WalletSigner | Eip1193Provider };

/** The ways a user can answer a step-up prompt. */
export interface StepUpMethods {
  /** Second factors, most recently added kind first. */
  methods: readonly VerificationMethod[];
  /** Re-authentication methods this user may use for this action (docs/protocol.md §8). */
  reauthMethods: readonly ReauthMethod[];
}

/** A code sent for a step-up request: where it went and when another may be sent. */
export interface SentCode {
  method: ReauthCodeMethod;
  challengeId: string;
  /** Masked: `j•••@example.com`, `•••• 1234`. */
  sentTo: string;
  /** When the code stops working (ISO 8601, the server's clock). */
  expiresAt: string;
  /** When another code may be sent, ms on the local clock. */
  resendAt: number;
}

export interface StepUpManagerOptions {
  /** Proves `proof` for `scope` and returns the elevated token (the client's verify call). */
  verify: (scope: string, proof: StepUpProof) => Promise<ElevationResult>;
  /** The ways this user can step up for `scope` now; both lists empty when there is none. */
  methods: (scope: string) => Promise<StepUpMethods>;
  /** Sends a re-authentication code for `scope` by `method` (the client's sendReauthCode call). */
  send: (scope: string, method: ReauthCodeMethod) => Promise<ReauthSendResponse>;
  emit: (event: MfaEvent) => void;
  /** Runs after a successful step-up, once the waiting callers have their token (refreshes queries). */
  afterVerify?: () => Promise<unknown>;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The request the user is asked to answer now, as the prompt sees it. Immutable; replaced on change. */
export interface StepUpRequestSnapshot extends StepUpMethods {
  id: number;
  scope: string;
  isPending: boolean;
  error: MfaError | null;
  /** The code sent last for this request, or `null`. */
  sent: SentCode | null;
}

interface PendingRequest extends StepUpRequestSnapshot {
  resolve: (token: string) => void;
  reject: (error: MfaError) => void;
  submitting?: Promise<void> | undefined;
  sending?: Promise<void> | undefined;
}

interface CachedToken {
  token: string;
  /** Local clock, ms. */
  expiresAt: number;
  timer: ReturnType<typeof setTimeout>;
}

function cancelled(scope: string, message: string): MfaError {
  return new MfaError('stepup_cancelled', message, { scopes: [scope] });
}

/**
 * When a token stops being valid, on the local clock. Measured from its arrival with the lifetime the
 * server gave it (`exp - iat`), so a device clock that is off by minutes does not matter; `expiresAt`
 * against the local clock is the fallback for a token we cannot decode.
 */
function lifetimeOf(result: ElevationResult, now: number): { expiresAt: number; singleUse: boolean } {
  try {
    const claims = decodeElevatedToken(result.elevatedToken);
    return { expiresAt: now + (claims.exp - claims.iat) * 1000, singleUse: claims.single_use };
  } catch {
    return { expiresAt: Date.parse(result.expiresAt), singleUse: true };
  }
}

export class StepUpManager {
  readonly #options: StepUpManagerOptions;
  readonly #now: () => number;
  readonly #tokens = new Map<string, CachedToken>();
  readonly #inflight = new Map<string, Promise<string>>();
  readonly #listeners = new Set<() => void>();
  #queue: PendingRequest[] = [];
  /** Settles once every request asked so far has had its methods checked: keeps the queue in call order. */
  #checked: Promise<void> = Promise.resolve();
  #request: StepUpRequestSnapshot | null = null;
  #prompts = 0;
  #nextId = 1;
  /** Bumped by reset(), so requests started for a previous session never reach a prompt. */
  #generation = 0;

  constructor(options: StepUpManagerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** The request a prompt should show now, or null. Stable between changes. */
  getRequest = (): StepUpRequestSnapshot | null => this.#request;

  /** A cached elevated token for `scope` that is still valid, without taking it. */
  peek(scope: string): string | null {
    const cached = this.#tokens.get(scope);
    return cached && cached.expiresAt - this.#now() > EXPIRY_MARGIN_MS ? cached.token : null;
  }

  /**
   * A valid elevated token for `scope`: the cached one, or a new one once the user answers the prompt.
   * Concurrent calls for one scope share one prompt (and, for a single-use scope, one token: only the
   * first request that presents it succeeds). Rejects with `stepup_cancelled` when the user cancels or
   * no prompt is mounted, with `elevation_required` when the user has no factor to prove.
   */
  ensure(scope: string): Promise<string> {
    const cached = this.peek(scope);
    if (cached !== null) return Promise.resolve(cached);
    const inflight = this.#inflight.get(scope);
    if (inflight) return inflight;
    if (this.#prompts === 0) return Promise.reject(this.#noPrompt(scope));
    const promise = this.#ask(scope).finally(() => {
      if (this.#inflight.get(scope) === promise) this.#inflight.delete(scope);
    });
    this.#inflight.set(scope, promise);
    return promise;
  }

  /** Forgets the cached token of `scope` (only if it is still `token`, when given). */
  drop(scope: string, token?: string): void {
    const cached = this.#tokens.get(scope);
    if (!cached || (token !== undefined && cached.token !== token)) return;
    clearTimeout(cached.timer);
    this.#tokens.delete(scope);
    this.#notify();
  }

  /**
   * Runs `fn` with a token for `scope`. When it fails with `elevation_required` (the token was used up,
   * expired early or was refused), the token is dropped, the user is asked again and `fn` runs once more.
   * With `required: false`, `fn` first runs with `null`, and asks only if the server refuses.
   */
  async withElevation<T>(
    scope: string,
    fn: (token: string | null) => Promise<T>,
    required: boolean,
  ): Promise<T> {
    if (required) return this.runElevated(scope, fn);
    try {
      return await fn(null);
    } catch (error) {
      if (!isMfaError(error, 'elevation_required')) throw error;
      return fn(await this.ensure(scope));
    }
  }

  /** {@link withElevation} for actions that always need a token. */
  async runElevated<T>(scope: string, fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.ensure(scope);
    try {
      return await fn(token);
    } catch (error) {
      if (!isMfaError(error, 'elevation_required')) throw error;
      this.drop(scope, token);
      return fn(await this.ensure(scope));
    }
  }

  /**
   * Counts a mounted prompt; returns its unregister function. When the last prompt goes away, waiting
   * requests are cancelled (on a microtask, so React's StrictMode remount does not cancel anything).
   */
  registerPrompt(): () => void {
    this.#prompts += 1;
    let registered = true;
    return () => {
      if (!registered) return;
      registered = false;
      this.#prompts -= 1;
      queueMicrotask(() => {
        if (this.#prompts === 0) this.#cancelAll('the step-up prompt was unmounted');
      });
    };
  }

  /**
   * Answers request `id` with `proof`. On failure the request stays open with `error` set. A second
   * submission while one is being checked (a double click) shares the first instead of sending again.
   */
  submit(id: number, proof: StepUpProof): Promise<void> {
    const request = this.#queue.find((candidate) => candidate.id === id);
    if (!request) {
      return Promise.reject(new MfaError('stepup_cancelled', 'this step-up request is no longer pending'));
    }
    request.submitting ??= this.#submit(request, proof).finally(() => {
      request.submitting = undefined;
    });
    return request.submitting;
  }

  async #submit(request: PendingRequest, proof: StepUpProof): Promise<void> {
    this.#update(request, { isPending: true, error: null });
    let result: ElevationResult;
    try {
      result = await this.#options.verify(request.scope, proof);
    } catch (cause) {
      const error = toMfaError(cause);
      this.#update(request, { isPending: false, error });
      this.#options.emit({
        type: 'mfa.failed',
        method: proof.method,
        code: error.code,
        scope: request.scope,
      });
      throw error;
    }
    this.#store(request.scope, result);
    this.#remove(request);
    this.#options.emit({ type: 'stepup.succeeded', scope: request.scope, method: proof.method });
    request.resolve(result.elevatedToken);
    await this.#options.afterVerify?.();
  }

  /**
   * Sends a code by `method` for request `id` (again, to resend). On success the request's `sent` says
   * where it went and when another may be sent; on failure the request stays open with `error` set (a
   * previous code stays usable). A second call while one is sending shares it.
   */
  send(id: number, method: ReauthCodeMethod): Promise<void> {
    const request = this.#queue.find((candidate) => candidate.id === id);
    if (!request) {
      return Promise.reject(new MfaError('stepup_cancelled', 'this step-up request is no longer pending'));
    }
    request.sending ??= this.#send(request, method).finally(() => {
      request.sending = undefined;
    });
    return request.sending;
  }

  async #send(request: PendingRequest, method: ReauthCodeMethod): Promise<void> {
    this.#update(request, { isPending: true, error: null });
    let sent: ReauthSendResponse;
    try {
      sent = await this.#options.send(request.scope, method);
    } catch (cause) {
      const error = toMfaError(cause);
      this.#update(request, { isPending: false, error });
      this.#options.emit({ type: 'mfa.failed', method, code: error.code, scope: request.scope });
      throw error;
    }
    this.#update(request, {
      isPending: false,
      sent: {
        method,
        challengeId: sent.challengeId,
        sentTo: sent.sentTo,
        expiresAt: sent.expiresAt,
        resendAt: this.#now() + sent.resendAfter * 1000,
      },
    });
  }

  /** The user closed the prompt: request `id`'s callers reject with `stepup_cancelled`. */
  cancel(id: number): void {
    const request = this.#queue.find((candidate) => candidate.id === id);
    if (!request) return;
    this.#remove(request);
    this.#options.emit({ type: 'stepup.cancelled', scope: request.scope });
    request.reject(cancelled(request.scope, 'the user cancelled the step-up prompt'));
  }

  /** Forgets every token and cancels every request: the user or session changed. */
  reset(): void {
    this.#generation += 1;
    for (const cached of this.#tokens.values()) clearTimeout(cached.timer);
    this.#tokens.clear();
    this.#cancelAll('the session changed');
    this.#notify();
  }

  async #ask(scope: string): Promise<string> {
    const generation = this.#generation;
    // The checks run at once, but a request joins the queue only after every earlier one did (or
    // failed), so prompts come oldest first whichever check the server answered first.
    const previous = this.#checked;
    const check = this.#options.methods(scope);
    this.#checked = Promise.allSettled([previous, check]).then(() => undefined);
    const { methods, reauthMethods } = await check;
    await previous;
    if (generation !== this.#generation) throw cancelled(scope, 'the session changed');
    if (methods.length === 0 && reauthMethods.length === 0) {
      throw new MfaError(
        'elevation_required',
        `set up two-step verification first: "${scope}" needs a second factor or a way to re-authenticate`,
        { scopes: [scope] },
      );
    }
    if (this.#prompts === 0) throw this.#noPrompt(scope);
    return new Promise<string>((resolve, reject) => {
      const id = this.#nextId++;
      this.#queue.push({
        id,
        scope,
        methods,
        reauthMethods,
        isPending: false,
        error: null,
        sent: null,
        resolve,
        reject,
      });
      this.#publishRequest();
    });
  }

  #noPrompt(scope: string): MfaError {
    return cancelled(
      scope,
      `step-up for "${scope}" needs a prompt: render <StepUpDialog /> from @mfa-kit/ui, or a component ` +
        'that calls useStepUpPrompt(), inside <MfaProvider>',
    );
  }

  #store(scope: string, result: ElevationResult): void {
    const now = this.#now();
    const { expiresAt, singleUse } = lifetimeOf(result, now);
    // A single-use token goes straight to the callers waiting for it; keeping it would hand it out twice.
    if (singleUse) return;
    this.drop(scope);
    const timer = setTimeout(
      () => this.drop(scope, result.elevatedToken),
      expiresAt - EXPIRY_MARGIN_MS - now,
    );
    this.#tokens.set(scope, { token: result.elevatedToken, expiresAt, timer });
    this.#notify();
  }

  #cancelAll(reason: string): void {
    const queue = this.#queue;
    if (queue.length === 0) return;
    this.#queue = [];
    this.#publishRequest();
    for (const request of queue) request.reject(cancelled(request.scope, reason));
  }

  #update(
    request: PendingRequest,
    patch: Partial<Pick<StepUpRequestSnapshot, 'isPending' | 'error' | 'sent'>>,
  ): void {
    Object.assign(request, patch);
    this.#publishRequest();
  }

  #remove(request: PendingRequest): void {
    this.#queue = this.#queue.filter((candidate) => candidate !== request);
    this.#publishRequest();
  }

  #publishRequest(): void {
    const head = this.#queue[0];
    this.#request = head
      ? {
          id: head.id,
          scope: head.scope,
          methods: head.methods,
          reauthMethods: head.reauthMethods,
          isPending: head.isPending,
          error: head.error,
          sent: head.sent,
        }
      : null;
    this.#notify();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
