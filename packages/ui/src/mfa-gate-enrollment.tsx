'use client';
/**
 * The first-factor enrolment MfaGate shows, in a module of its own: MfaGate loads it only when a user
 * must enrol, so the sign-in bundle carries no QR code, dialogs or tabs.
 */
import { useMfa } from '@mfa-kit/react';
import { Tabs } from 'radix-ui';
import { type ComponentPropsWithoutRef, forwardRef, useState } from 'react';
import { useMessages } from './config.js';
import type { PartialMessages } from './i18n/index.js';
import { PasskeyPrompt } from './passkey-prompt.js';
import { cx } from './primitives/cx.js';
import { RecoveryCodes } from './recovery-codes.js';
import { TotpSetup } from './totp-setup.js';

export interface MfaGateEnrollmentProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  messages?: PartialMessages | undefined;
}

/**
 * The first-factor enrolment the gate shows: an authenticator app, or a passkey when the policy allows
 * it (tabs), then the recovery codes to save.
 */
export const MfaGateEnrollment = forwardRef<HTMLElement, MfaGateEnrollmentProps>(function MfaGateEnrollment(
  { messages: override, className, ...rest },
  ref,
) {
  const messages = useMessages(override);
  const { enrollableMethods, recoveryCodes } = useMfa();
  const [method, setMethod] = useState<'totp' | 'passkey'>(
    enrollableMethods[0] === 'passkey' ? 'passkey' : 'totp',
  );
  const [passkeyDone, setPasskeyDone] = useState(false);
  const both = enrollableMethods.includes('totp') && enrollableMethods.includes('passkey');
  const titleId = `${rest.id ?? 'mfa-gate'}-title`;

  const body =
    method === 'passkey' && passkeyDone && recoveryCodes.codes !== null ? (
      <RecoveryCodes {...(override ? { messages: override } : {})} />
    ) : method === 'passkey' ? (
      <PasskeyPrompt mode="register" messages={override} onRegistered={() => setPasskeyDone(true)} />
    ) : (
      <TotpSetup autoStart {...(override ? { messages: override } : {})} />
    );

  return (
    <section
      ref={ref}
      aria-labelledby={titleId}
      className={cx('mfa-root mfa-gate', className)}
      data-state="enrollment"
      {...rest}
    >
      <h2 id={titleId} className="mfa-title">
        {messages.gate.enrollTitle}
      </h2>
      <p className="mfa-description">{messages.gate.enrollDescription}</p>
      {both && !passkeyDone ? (
        <Tabs.Root
          value={method}
          onValueChange={(value) => setMethod(value === 'passkey' ? 'passkey' : 'totp')}
          dir={messages.dir}
        >
          <Tabs.List className="mfa-gate-tabs" aria-label={messages.gate.chooseMethod}>
            <Tabs.Trigger className="mfa-gate-tab" value="totp">
              {messages.gate.useTotp}
            </Tabs.Trigger>
            <Tabs.Trigger className="mfa-gate-tab" value="passkey">
              {messages.gate.usePasskey}
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value={method} className="mfa-gate-panel">
            {body}
          </Tabs.Content>
        </Tabs.Root>
      ) : (
        body
      )}
    </section>
  );
});
