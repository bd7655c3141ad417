'use client';
import { isMfaError } from '@mfa-kit/client';
import { forwardRef, useState } from 'react';
import { Button, type ButtonProps } from '../primitives/button.js';
import { composeEventHandlers } from '../primitives/compose.js';
import { ConfirmDialog } from '../primitives/confirm-dialog.js';
import { cx } from '../primitives/cx.js';
import { useLazyModal } from '../primitives/lazy-dialog.js';
import { themeOf } from '../primitives/portal-theme.js';
import { useDeviceList, useDeviceListItem } from './context.js';

export type DeviceListRemoveProps = ButtonProps;

const DIALOG_CLASSES = {
  portal: 'mfa-portal',
  overlay: 'mfa-device-list-overlay',
  content: 'mfa-device-list-dialog',
  actions: 'mfa-device-list-dialog-actions',
};

/**
 * "Remove", behind a confirmation ("Remove Pixel 9? You won’t be able to use it to sign in."). Removing
 * asks for step-up (`credential:unlink`) through the app's mounted prompt (StepUpDialog). The dialog
 * closes before that, so any prompt, Radix or not, gets focus and clicks.
 *
 * The last factor while MFA is required stays focusable but `aria-disabled`, described by the row's
 * DeviceList.Note that says why (or, after a refused removal, by DeviceList.ItemError saying the same).
 */
export const DeviceListRemove = forwardRef<HTMLButtonElement, DeviceListRemoveProps>(
  function DeviceListRemove({ className, children, onClick, disabled, ...rest }, ref) {
    const list = useDeviceList('Remove');
    const item = useDeviceListItem('Remove');
    const modal = useLazyModal(ref);
    const { setOpen, trigger } = modal;
    const [theme, setTheme] = useState<'light' | 'dark' | undefined>(undefined);
    const { messages } = list;
    if (item.state === 'editing' || item.state === 'saving') return null;

    const removing = item.state === 'removing';
    const conflict = item.error?.code === 'conflict';
    const locked = list.lastFactorLocked;
    // The row's error already says why after a refused removal; otherwise DeviceList.Note does.
    const describedBy = locked ? (conflict ? item.errorId : item.noteId) : undefined;

    const confirm = async () => {
      item.setError(null);
      item.setState('removing');
      try {
        await list.remove(item.device);
      } catch (error) {
        if (isMfaError(error, 'conflict')) list.learnRequired(true);
        item.setError(isMfaError(error) ? error : null);
        item.setState('idle');
      }
    };

    return (
      <>
        <Button
          {...trigger}
          variant="secondary"
          className={cx('mfa-device-list-remove-button', className)}
          aria-label={messages.devices.removeNamed(list.nameOf(item.device))}
          aria-describedby={describedBy}
          data-blocked={locked ? '' : undefined}
          loading={removing}
          disabled={disabled || list.disabled}
          {...(locked ? { 'aria-disabled': true } : {})}
          onClick={composeEventHandlers(onClick, (event) => {
            // Blocked, not disabled: it stays focusable so its explanation is heard.
            if (locked) return;
            setTheme(themeOf(event.currentTarget));
            setOpen(true);
          })}
          {...rest}
        >
          {children ?? messages.devices.remove}
        </Button>
        <ConfirmDialog
          modal={modal}
          theme={theme}
          messages={messages}
          title={messages.devices.confirmTitle(list.nameOf(item.device))}
          description={messages.devices.confirmDescription}
          confirmLabel={messages.devices.confirmRemove}
          onConfirm={() => void confirm()}
          classNames={DIALOG_CLASSES}
        />
      </>
    );
  },
);
