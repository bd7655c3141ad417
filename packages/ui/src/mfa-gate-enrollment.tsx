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
import { cx } from './primitives/cx.js';
import { PasskeyEnrollment } from './primitives/passkey-enrollment.js';
import { TotpSetup } from './totp-setup/index.js';

export interface MfaGateEnrollmentProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  messages?: PartialMessages | undefined;
  /**
   * The page's own heading already says what this is ("Protect your account"): the title ("Set up
   * two-step verification") still names the section for screen readers, but is not shown. Defaults to
   * false.
   */
  hideTitle?: boolean | undefined;
}

/**
 * The first-factor enrolment the gate shows: an authenticator app, or a passkey when the policy allows
 * it (tabs), then the recovery codes to save.
 */
export const MfaGateEnrollment = forwardRef<HTMLElement, MfaGateEnrollmentProps>(function MfaGateEnrollment(
  { messages: override, hideTitle = false, className, ...rest },
  ref,
) {
  const messages = useMessages(override);
  const { enrollableMethods } = useMfa();
  const [method, setMethod] = useState<'totp' | 'passkey'>(
    enrollableMethods[0] === 'passkey' ? 'passkey' : 'totp',
  );
  const [passkeyDone, setPasskeyDone] = useState(false);
  const both = enrollableMethods.includes('totp') && enrollableMethods.includes('passkey');
  const titleId = `${rest.id ?? 'mfa-gate'}-title`;

  // A passkey stays on screen once made, saying so, with its recovery codes under it (as TotpSetup does).
  const body =
    method === 'passkey' ? (
      <PasskeyEnrollment messages={override} hideTitle={both} onRegistered={() => setPasskeyDone(true)} />
    ) : (
      // With tabs, the chosen tab names the method: no second heading saying the same.
      <TotpSetup autoStart hideTitle={both} {...(override ? { messages: override } : {})} />
    );

  return (
    <section
      ref={ref}
      aria-labelledby={titleId}
      className={cx('mfa-root mfa-gate', className)}
      data-state="enrollment"
      {...rest}
    >
      <h2 id={titleId} className={cx('mfa-title', hideTitle && 'mfa-visually-hidden')}>
        {messages.gate.enrollTitle}
      </h2>
      <p className="mfa-description">{messages.gate.enrollDescription}</p>
      {both ? (
        // Once the passkey exists the choice is made: the tabs go, but the panel stays where it is, so
        // the passkey's "added" state and its recovery codes are not remounted away.
        <Tabs.Root
          value={method}
          onValueChange={(value) => setMethod(value === 'passkey' ? 'passkey' : 'totp')}
          dir={messages.dir}
        >
          {passkeyDone ? null : (
            <Tabs.List className="mfa-gate-tabs" aria-label={messages.gate.chooseMethod}>
              <Tabs.Trigger className="mfa-gate-tab" value="totp">
                {messages.gate.useTotp}
              </Tabs.Trigger>
              <Tabs.Trigger className="mfa-gate-tab" value="passkey">
                {messages.gate.usePasskey}
              </Tabs.Trigger>
            </Tabs.List>
          )}
          <Tabs.Content
            value={method}
            className="mfa-gate-panel"
            {...(passkeyDone ? { role: undefined, 'aria-labelledby': undefined, tabIndex: undefined } : {})}
          >
            {body}
          </Tabs.Content>
        </Tabs.Root>
      ) : (
        body
      )}
    </section>
  );
});
