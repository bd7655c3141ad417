'use client';
import type { Device, MfaMethod } from '@mfa-kit/client';
import { forwardRef, type ReactNode, useState } from 'react';
import { Button, type ButtonProps } from '../primitives/button.js';
import { composeEventHandlers } from '../primitives/compose.js';
import { cx } from '../primitives/cx.js';
import { PasskeyIcon, TotpIcon } from '../primitives/icons.js';
import { useLazyModal } from '../primitives/lazy-dialog.js';
import { PasskeyEnrollment } from '../primitives/passkey-enrollment.js';
import { themeOf } from '../primitives/portal-theme.js';
import { TotpSetup } from '../totp-setup/index.js';
import { useDeviceList } from './context.js';

export interface DeviceListAddProps extends ButtonProps {
  /** The kind of factor to add. The button renders only when the server's policy allows this kind. */
  method: MfaMethod;
}

/**
 * A passkey registration, then (for a first factor) "Passkey added." with its recovery codes to save
 * before it is done. Cancel is offered only until the passkey exists: after that there is nothing to
 * cancel, and the codes' Continue ends the dialog.
 */
function AddPasskey({ onDone, cancel }: { onDone: (device: Device) => void; cancel: ReactNode }) {
  const [registered, setRegistered] = useState(false);
  return (
    <>
      <PasskeyEnrollment onRegistered={() => setRegistered(true)} onDone={onDone} />
      {registered ? null : <div className="mfa-device-list-dialog-actions">{cancel}</div>}
    </>
  );
}

/**
 * "Add authenticator app" / "Add passkey". Calls the root's `onAddTotp` / `onAddPasskey` when given;
 * otherwise opens a dialog with `<TotpSetup />` or `<PasskeyPrompt mode="register" />` (adding a factor
 * when the user has one asks for step-up, `credential:link`). Renders nothing for a kind the policy does
 * not allow (`useMfa().enrollableMethods`). `data-method` is the kind.
 */
export const DeviceListAdd = forwardRef<HTMLButtonElement, DeviceListAddProps>(function DeviceListAdd(
  { method, className, children, onClick, disabled, ...rest },
  ref,
) {
  const list = useDeviceList('Add');
  const { open, setOpen, radix, trigger, onCloseAutoFocus } = useLazyModal(ref);
  const [theme, setTheme] = useState<'light' | 'dark' | undefined>(undefined);
  const { messages, announce } = list;
  const handler = method === 'totp' ? list.onAddTotp : list.onAddPasskey;
  if (!list.enrollableMethods.includes(method)) return null;

  const label = method === 'totp' ? messages.devices.addTotp : messages.devices.addPasskey;
  const Icon = method === 'totp' ? TotpIcon : PasskeyIcon;
  const done = (device: Device) => {
    setOpen(false);
    announce(messages.devices.deviceAdded(list.nameOf(device)));
  };
  const button = (
    <Button
      ref={trigger.ref}
      variant="secondary"
      className={cx('mfa-device-list-add', className)}
      data-method={method}
      disabled={disabled || list.disabled}
      {...(handler
        ? {}
        : {
            'aria-haspopup': trigger['aria-haspopup'],
            'aria-expanded': trigger['aria-expanded'],
            'data-state': trigger['data-state'],
          })}
      onClick={composeEventHandlers(onClick, (event) => {
        if (handler) handler();
        else {
          setTheme(themeOf(event.currentTarget));
          setOpen(true);
        }
      })}
      {...rest}
    >
      <Icon />
      {children ?? label}
    </Button>
  );
  if (handler) return button;

  // One shape before and after Radix has loaded, so the button keeps its focus when the dialog arrives.
  const Dialog = radix?.Dialog;
  return (
    <>
      {button}
      {Dialog ? (
        <Dialog.Root open={open} onOpenChange={setOpen}>
          <Dialog.Portal>
            <div className="mfa-portal" data-theme={theme} dir={messages.dir} lang={messages.locale}>
              <Dialog.Overlay className="mfa-device-list-overlay" />
              <Dialog.Content
                className="mfa-device-list-dialog"
                data-method={method}
                aria-describedby={undefined}
                // A half-done setup (a QR code being scanned) is not thrown away by a stray click.
                onPointerDownOutside={(event) => event.preventDefault()}
                onCloseAutoFocus={onCloseAutoFocus}
              >
                <Dialog.Title className="mfa-visually-hidden">{label}</Dialog.Title>
                {method === 'totp' ? (
                  <TotpSetup onComplete={done} onCancel={() => setOpen(false)} />
                ) : (
                  <AddPasskey
                    onDone={done}
                    cancel={
                      <Dialog.Close asChild>
                        <Button variant="ghost">{messages.common.cancel}</Button>
                      </Dialog.Close>
                    }
                  />
                )}
              </Dialog.Content>
            </div>
          </Dialog.Portal>
        </Dialog.Root>
      ) : null}
    </>
  );
});
