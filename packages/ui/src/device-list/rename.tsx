'use client';
import { isMfaError, type MfaError } from '@mfa-kit/client';
import {
  type ComponentPropsWithoutRef,
  type FormEvent,
  forwardRef,
  type KeyboardEvent,
  useEffect,
  useRef,
  useState,
} from 'react';
import { Button, type ButtonProps } from '../primitives/button.js';
import { composeEventHandlers, useComposedRefs } from '../primitives/compose.js';
import { cx } from '../primitives/cx.js';
import { errorText } from '../primitives/error-text.js';
import { useDeviceList, useDeviceListItem } from './context.js';

function asMfaError(error: unknown): MfaError | null {
  return isMfaError(error) ? error : null;
}

export type DeviceListNameProps = ComponentPropsWithoutRef<'span'>;

/**
 * The factor's name; while renaming, a form with a labelled text field (Enter saves, Escape cancels) and
 * Save and Cancel buttons. A name the server refuses is explained under the field.
 */
export const DeviceListName = forwardRef<HTMLSpanElement, DeviceListNameProps>(function DeviceListName(
  { className, children, ...rest },
  ref,
) {
  const { nameOf } = useDeviceList('Name');
  const { device, nameId, state } = useDeviceListItem('Name');
  const editing = state === 'editing' || state === 'saving';
  return (
    <>
      <span
        ref={ref}
        id={nameId}
        className={cx('mfa-device-list-name', editing && 'mfa-visually-hidden', className)}
        {...rest}
      >
        {children ?? <bdi>{nameOf(device)}</bdi>}
      </span>
      {editing ? <RenameForm /> : null}
    </>
  );
});

function RenameForm() {
  const list = useDeviceList('Name');
  const item = useDeviceListItem('Name');
  const { messages } = list;
  // A factor without a name of its own starts with an empty field, its default name as the placeholder:
  // saving the default unchanged would store it as a name, no longer in the reader's language or numbered.
  const own = item.device.name ?? '';
  const [value, setValue] = useState(own);
  const input = useRef<HTMLInputElement>(null);
  const saving = item.state === 'saving';
  const errorId = `${item.fieldId}-error`;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    if (value.trim() === own) {
      item.stopEditing();
      return;
    }
    item.setError(null);
    item.setState('saving');
    try {
      // Sent as typed: the server trims, normalizes and judges the name (docs/protocol.md §4).
      await list.rename(item.device, value);
      item.stopEditing();
    } catch (error) {
      item.setError(asMfaError(error));
      item.setState('editing');
      input.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    item.stopEditing();
  };

  const error = item.error;
  const text = !error
    ? null
    : error.code === 'invalid_request'
      ? messages.devices.nameInvalid
      : errorText(messages, error);

  return (
    <form className="mfa-device-list-rename" onSubmit={submit} noValidate>
      <label htmlFor={item.fieldId} className="mfa-label">
        {messages.devices.nameLabel}
      </label>
      <div className="mfa-device-list-rename-row">
        <input
          ref={input}
          id={item.fieldId}
          className="mfa-input"
          type="text"
          name="name"
          dir="auto"
          autoComplete="off"
          value={value}
          placeholder={own ? undefined : list.nameOf(item.device)}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={text ? true : undefined}
          aria-describedby={text ? errorId : undefined}
        />
        <Button type="submit" loading={saving}>
          {messages.devices.save}
        </Button>
        <Button variant="secondary" onClick={item.stopEditing} disabled={saving}>
          {messages.common.cancel}
        </Button>
      </div>
      {text ? (
        <p id={errorId} role="alert" className="mfa-device-list-field-error">
          {text}
        </p>
      ) : null}
    </form>
  );
}

export type DeviceListRenameProps = Omit<ButtonProps, 'onClick'> & {
  onClick?: ButtonProps['onClick'];
};

/** "Rename": turns the name into a text field. Hidden while renaming; gets focus back afterwards. */
export const DeviceListRename = forwardRef<HTMLButtonElement, DeviceListRenameProps>(
  function DeviceListRename({ className, children, onClick, disabled, ...rest }, forwarded) {
    const list = useDeviceList('Rename');
    const item = useDeviceListItem('Rename');
    const ref = useComposedRefs(item.renameRef, forwarded);
    if (item.state === 'editing' || item.state === 'saving') return null;
    return (
      <Button
        ref={ref}
        variant="secondary"
        className={cx('mfa-device-list-rename-button', className)}
        aria-label={list.messages.devices.renameNamed(list.nameOf(item.device))}
        disabled={disabled || list.disabled || item.state === 'removing'}
        onClick={composeEventHandlers(onClick, () => {
          item.setError(null);
          item.setState('editing');
        })}
        {...rest}
      >
        {children ?? list.messages.devices.rename}
      </Button>
    );
  },
);
