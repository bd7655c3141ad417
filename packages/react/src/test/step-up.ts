/** Shared set-up of the step-up tests: a signed-in user, hooks with a mounted prompt, answering it. */
import { type StepUpPrompt, useStepUp, useStepUpPrompt } from '@mfa-kit/react';
import { waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { present, run } from './render.js';
import { completeSession, createTestServer, type TestServer, userWithTotp } from './server.js';

/** A signed-in user with an authenticator app, the common starting point of step-up. */
export async function signedIn(ts: TestServer = createTestServer()) {
  const { secret, recoveryCodes } = await userWithTotp(ts, 'ada');
  const token = await completeSession(ts, 'ada', secret);
  ts.requests.length = 0;
  return { ts, secret, recoveryCodes, token };
}

/** The hook under test, plus a mounted prompt (as <StepUpDialog /> would be). */
export const withPrompt = (scope: string) => () => ({
  stepUp: useStepUp({ scope }),
  prompt: useStepUpPrompt(),
});

export async function waitForPrompt(current: () => { prompt: StepUpPrompt | null }, scope?: string) {
  await waitFor(() => {
    expect(current().prompt).not.toBeNull();
    if (scope !== undefined) expect(current().prompt?.scope).toBe(scope);
  });
  return present(current().prompt, 'step-up prompt');
}

/** Waits for the prompt and answers it with `code` from the authenticator app. */
export async function answer(current: () => { prompt: StepUpPrompt | null }, code: string) {
  const prompt = await waitForPrompt(current);
  return run(() => prompt.submitTotp(code));
}
