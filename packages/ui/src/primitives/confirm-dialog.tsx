'use client';
import type { ReactNode } from 'react';
import type { Messages } from '../i18n/index.js';
import { Button } from './button.js';
import type { LazyModal } from './lazy-dialog.js';

export interface ConfirmDialogProps {
  /** The opening button's `useLazyModal()`: open state, Radix once loaded, focus back on close. */
  modal: LazyModal;
  /** The theme of the component that opened it (`themeOf`), carried into the portal. */
  theme: 'light' | 'dark' | undefined;
  messages: Messages;
  title: ReactNode;
  description: ReactNode;
  /** The label of the destructive action. */
  confirmLabel: ReactNode;
  onConfirm(): void;
  classNames: { portal: string; overlay: string; content: string; actions: string };
}

/**
 * A confirmation before a destructive action ("Remove Pixel 9?", "Generate new codes?"): a Radix
 * AlertDialog, portalled with the opener's theme, direction and language, Cancel first and focused.
 */
export function ConfirmDialog({
  modal: { radix, open, setOpen, onCloseAutoFocus },
  theme,
  messages,
  title,
  description,
  confirmLabel,
  onConfirm,
  classNames,
}: ConfirmDialogProps) {
  if (!radix) return null;
  const { AlertDialog } = radix;
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Portal>
        <div className={classNames.portal} data-theme={theme} dir={messages.dir} lang={messages.locale}>
          <AlertDialog.Overlay className={classNames.overlay} />
          <AlertDialog.Content className={classNames.content} onCloseAutoFocus={onCloseAutoFocus}>
            <AlertDialog.Title className="mfa-title">{title}</AlertDialog.Title>
            <AlertDialog.Description className="mfa-description">{description}</AlertDialog.Description>
            <div className={classNames.actions}>
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">{messages.common.cancel}</Button>
              </AlertDialog.Cancel>
              <AlertDialog.Action asChild>
                <Button variant="danger" onClick={onConfirm}>
                  {confirmLabel}
                </Button>
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </div>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
