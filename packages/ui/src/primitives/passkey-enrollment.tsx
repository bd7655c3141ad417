'use client';
/**
 * A passkey as a new factor, for MfaGate's enrolment and DeviceList's "Add passkey": PasskeyPrompt creates
 * it and then says so ("Passkey added."), and a first factor's recovery codes follow under it to be saved,
 * as TotpSetup does for an app. Not part of PasskeyPrompt itself, which MfaChallenge's sign-in bundle
 * carries: RecoveryCodes is for enrolment screens only.
 */
import type { Device } from '@mfa-kit/client';
import { useMfa } from '@mfa-kit/react';
import { useEffect, useRef, useState } from 'react';
import type { PartialMessages } from '../i18n/index.js';
import { PasskeyPrompt } from '../passkey-prompt/index.js';
import { RecoveryCodes } from '../recovery-codes/index.js';
import { focusAfterModal } from './focus-after-modal.js';

export interface PasskeyEnrollmentProps {
  messages?: PartialMessages | undefined;
  /** The passkey exists (its recovery codes, for a first factor, may still wait to be saved). */
  onRegistered?: ((device: Device) => void) | undefined;
  /** The passkey exists and its recovery codes, if any, were saved. */
  onDone?: ((device: Device) => void) | undefined;
  /** Leave out PasskeyPrompt's title, where a tab already names the method. Defaults to false. */
  hideTitle?: boolean | undefined;
}

export function PasskeyEnrollment({ messages, onRegistered, onDone, hideTitle }: PasskeyEnrollmentProps) {
  const { recoveryCodes } = useMfa();
  const [device, setDevice] = useState<Device | null>(null);
  const codes = device ? recoveryCodes.codes : null;
  const root = useRef<HTMLDivElement>(null);
  const reported = useRef(false);

  useEffect(() => {
    if (!device) return;
    if (codes) {
      // The button that had focus is gone with the passkey made: go on to the codes to save.
      focusAfterModal(() => root.current?.querySelector<HTMLElement>('[data-recovery-codes-title]'));
    } else if (!reported.current) {
      reported.current = true;
      onDone?.(device);
    }
  }, [device, codes, onDone]);

  return (
    <div ref={root} className="mfa-stack">
      <PasskeyPrompt
        mode="register"
        messages={messages}
        hideTitle={hideTitle}
        onRegistered={(added) => {
          setDevice(added);
          onRegistered?.(added);
        }}
      />
      {codes ? <RecoveryCodes {...(messages ? { messages } : {})} /> : null}
    </div>
  );
}
