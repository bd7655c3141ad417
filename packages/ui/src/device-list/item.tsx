'use client';
import type { Device, MfaError } from '@mfa-kit/client';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { Alert } from '../primitives/alert.js';
import { cx } from '../primitives/cx.js';
import { errorText } from '../primitives/error-text.js';
import { PasskeyIcon, TotpIcon } from '../primitives/icons.js';
import {
  DeviceListItemProvider,
  type DeviceListItemState,
  useDeviceList,
  useDeviceListItem,
} from './context.js';
import { formatAdded, formatFull, formatLastUsed } from './format.js';
import { DeviceListRemove } from './remove.js';
import { DeviceListName, DeviceListRename } from './rename.js';

export interface DeviceListItemProps extends ComponentPropsWithoutRef<'li'> {
  device: Device;
  /** The row's parts; default: icon, name, meta, Rename, Remove, the note and the row's error. */
  children?: ReactNode;
}

/**
 * One factor: an `li` named by the factor's name and kind ("Pixel 9 Authenticator app"), or by its name
 * alone when that says the kind ("Authenticator app 2"), with `data-type` (`totp`, `passkey`),
 * `data-state` (`idle`, `editing`, `saving`, `removing`) and `data-device-id`.
 */
export const DeviceListItem = forwardRef<HTMLLIElement, DeviceListItemProps>(function DeviceListItem(
  { device, className, children, ...rest },
  ref,
) {
  const [state, setState] = useState<DeviceListItemState>('idle');
  const [error, setError] = useState<MfaError | null>(null);
  const [focusRename, setFocusRename] = useState(false);
  const renameRef = useRef<HTMLButtonElement | null>(null);
  const base = useId();
  const { messages } = useDeviceList('Item');
  const kind = messages.common.method[device.type];
  const showsKind = !!device.name && device.name.toLowerCase() !== kind.toLowerCase();

  // After a rename ends, the Rename button is back: give it focus (children's refs are set by now).
  useEffect(() => {
    if (!focusRename || state !== 'idle') return;
    renameRef.current?.focus();
    setFocusRename(false);
  }, [focusRename, state]);

  const stopEditing = useCallback(() => {
    setError(null);
    setState('idle');
    setFocusRename(true);
  }, []);
  const nameId = `${base}-name`;
  const typeId = `${base}-type`;

  return (
    <DeviceListItemProvider
      device={device}
      state={state}
      setState={setState}
      error={error}
      setError={setError}
      nameId={nameId}
      typeId={typeId}
      showsKind={showsKind}
      errorId={`${base}-error`}
      noteId={`${base}-note`}
      fieldId={`${base}-field`}
      renameRef={renameRef}
      stopEditing={stopEditing}
    >
      <li
        ref={ref}
        className={cx('mfa-device-list-item', className)}
        aria-labelledby={showsKind ? `${nameId} ${typeId}` : nameId}
        data-device-id={device.id}
        data-type={device.type}
        data-state={state}
        {...rest}
      >
        {children ?? (
          <>
            <DeviceListIcon />
            <div className="mfa-device-list-body">
              <DeviceListName />
              <DeviceListMeta />
            </div>
            <div className="mfa-device-list-item-actions">
              <DeviceListRename />
              <DeviceListRemove />
            </div>
            <DeviceListNote />
            <DeviceListItemError />
          </>
        )}
      </li>
    </DeviceListItemProvider>
  );
});

export type DeviceListIconProps = ComponentPropsWithoutRef<'span'>;

/** The kind's icon (a phone for authenticator apps, a key for passkeys); decorative. */
export const DeviceListIcon = forwardRef<HTMLSpanElement, DeviceListIconProps>(function DeviceListIcon(
  { className, children, ...rest },
  ref,
) {
  const { device } = useDeviceListItem('Icon');
  return (
    <span ref={ref} className={cx('mfa-device-list-icon', className)} data-type={device.type} {...rest}>
      {children ?? (device.type === 'passkey' ? <PasskeyIcon /> : <TotpIcon />)}
    </span>
  );
});

export type DeviceListMetaProps = ComponentPropsWithoutRef<'p'>;

/**
 * The kind (unless the name says it), "Added 20 Nov 2026" and "Last used 3 hours ago" (or "Not used
 * yet"), in the list's locale.
 */
export const DeviceListMeta = forwardRef<HTMLParagraphElement, DeviceListMetaProps>(function DeviceListMeta(
  { className, ...rest },
  ref,
) {
  const { messages, now } = useDeviceList('Meta');
  const { device, typeId, showsKind } = useDeviceListItem('Meta');
  return (
    <p ref={ref} className={cx('mfa-device-list-meta', className)} {...rest}>
      {showsKind ? <span id={typeId}>{messages.common.method[device.type]}</span> : null}
      <time dateTime={device.createdAt} title={formatFull(messages, device.createdAt)}>
        {formatAdded(messages, device.createdAt)}
      </time>
      {device.lastUsedAt === null ? (
        <span>{messages.devices.neverUsed}</span>
      ) : (
        <time dateTime={device.lastUsedAt} title={formatFull(messages, device.lastUsedAt)}>
          {formatLastUsed(messages, device.lastUsedAt, now)}
        </time>
      )}
    </p>
  );
});

export type DeviceListItemErrorProps = Omit<ComponentPropsWithoutRef<'div'>, 'role'>;

/**
 * Why the row's last action failed (a removal refused, the service unavailable, …), announced as it
 * appears. Rename errors show at the name field instead. A cancelled step-up shows nothing.
 */
export function DeviceListItemError({ className, ...rest }: DeviceListItemErrorProps) {
  const { messages } = useDeviceList('ItemError');
  const { error, errorId, state } = useDeviceListItem('ItemError');
  const text =
    state === 'editing' || state === 'saving' || !error || error.code === 'stepup_cancelled'
      ? null
      : error.code === 'conflict'
        ? messages.devices.lastFactor
        : errorText(messages, error);
  return (
    <Alert tone="error" id={errorId} className={cx('mfa-device-list-item-error', className)} {...rest}>
      {text}
    </Alert>
  );
}

export type DeviceListNoteProps = ComponentPropsWithoutRef<'p'>;

/**
 * "You need at least one way to sign in because two-step verification is required": shown while the
 * row's Remove is blocked (the last factor, MFA required), which it describes (`aria-describedby`).
 */
export const DeviceListNote = forwardRef<HTMLParagraphElement, DeviceListNoteProps>(function DeviceListNote(
  { className, children, ...rest },
  ref,
) {
  const { lastFactorLocked, messages } = useDeviceList('Note');
  const { noteId, error, state } = useDeviceListItem('Note');
  // After a refused removal DeviceList.ItemError says the same, and Remove points there instead.
  if (!lastFactorLocked || error?.code === 'conflict' || state === 'editing' || state === 'saving')
    return null;
  return (
    <p ref={ref} id={noteId} className={cx('mfa-device-list-note', className)} {...rest}>
      {children ?? messages.devices.lastFactor}
    </p>
  );
});
