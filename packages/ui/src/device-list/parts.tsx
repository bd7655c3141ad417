'use client';
import type { Device } from '@mfa-kit/client';
import { type ComponentPropsWithoutRef, Fragment, forwardRef, type ReactNode } from 'react';
import { Alert } from '../primitives/alert.js';
import { Button } from '../primitives/button.js';
import { useComposedRefs } from '../primitives/compose.js';
import { cx } from '../primitives/cx.js';
import { errorText } from '../primitives/error-text.js';
import { useDeviceList } from './context.js';
import { DeviceListItem } from './item.js';

export interface DeviceListTitleProps extends ComponentPropsWithoutRef<'h2'> {
  /** Heading level, to fit the page's outline. Default 2. */
  level?: 2 | 3 | 4 | 5 | 6;
}

/**
 * The heading that names the list ("Sign-in methods"). Focusable from script (`tabindex="-1"`): focus
 * lands here after the last row is removed or after Retry.
 */
export const DeviceListTitle = forwardRef<HTMLHeadingElement, DeviceListTitleProps>(function DeviceListTitle(
  { level = 2, className, children, ...rest },
  forwarded,
) {
  const { titleId, titleRef, messages } = useDeviceList('Title');
  const ref = useComposedRefs(titleRef, forwarded);
  const Heading = `h${level}` as const;
  return (
    <Heading
      ref={ref}
      id={titleId}
      tabIndex={-1}
      className={cx('mfa-title mfa-device-list-title', className)}
      {...rest}
    >
      {children ?? messages.devices.title}
    </Heading>
  );
});

export type DeviceListDescriptionProps = ComponentPropsWithoutRef<'p'>;

/** What the list is for ("Authenticator apps and passkeys you can use as your second step…"). */
export const DeviceListDescription = forwardRef<HTMLParagraphElement, DeviceListDescriptionProps>(
  function DeviceListDescription({ className, children, ...rest }, ref) {
    const { descriptionId, messages } = useDeviceList('Description');
    return (
      <p ref={ref} id={descriptionId} className={cx('mfa-description', className)} {...rest}>
        {children ?? messages.devices.description}
      </p>
    );
  },
);

export interface DeviceListLoadingProps extends ComponentPropsWithoutRef<'div'> {
  /** Skeleton rows to draw. Default 2. */
  rows?: number;
}

/** Skeleton rows while the list loads for the first time; screen readers hear "Loading…" instead. */
export const DeviceListLoading = forwardRef<HTMLDivElement, DeviceListLoadingProps>(
  function DeviceListLoading({ rows = 2, className, ...rest }, ref) {
    const { state, messages } = useDeviceList('Loading');
    if (state !== 'loading') return null;
    const keys = Array.from({ length: rows }, (_, index) => `skeleton-${index}`);
    return (
      <div ref={ref} className={cx('mfa-device-list-loading', className)} {...rest}>
        <p className="mfa-visually-hidden">{messages.devices.loading}</p>
        <ul className="mfa-device-list-items" aria-hidden="true">
          {keys.map((key) => (
            <li key={key} className="mfa-device-list-item" data-skeleton="">
              <span className="mfa-device-list-icon" />
              <span className="mfa-device-list-body">
                <span className="mfa-device-list-skeleton-line" data-size="name" />
                <span className="mfa-device-list-skeleton-line" data-size="meta" />
              </span>
            </li>
          ))}
        </ul>
      </div>
    );
  },
);

export type DeviceListErrorProps = ComponentPropsWithoutRef<'div'>;

/** The list could not be loaded (store unavailable, offline, …): why, and a Retry button. */
export const DeviceListError = forwardRef<HTMLDivElement, DeviceListErrorProps>(function DeviceListError(
  { className, children, ...rest },
  ref,
) {
  const { state, loadError, messages, retry } = useDeviceList('Error');
  if (state !== 'error') return null;
  return (
    <div ref={ref} className={cx('mfa-device-list-error', className)} {...rest}>
      <Alert tone="error">
        <strong className="mfa-device-list-error-title">{messages.devices.loadFailed}</strong>{' '}
        {children ?? errorText(messages, loadError)}
      </Alert>
      <Button variant="secondary" onClick={retry}>
        {messages.common.retry}
      </Button>
    </div>
  );
});

export type DeviceListEmptyProps = ComponentPropsWithoutRef<'div'>;

/** Shown when the user has no factor yet ("No sign-in methods yet"). */
export const DeviceListEmpty = forwardRef<HTMLDivElement, DeviceListEmptyProps>(function DeviceListEmpty(
  { className, children, ...rest },
  ref,
) {
  const { state, messages } = useDeviceList('Empty');
  if (state !== 'empty') return null;
  return (
    <div ref={ref} className={cx('mfa-device-list-empty', className)} {...rest}>
      {children ?? (
        <>
          <p className="mfa-device-list-empty-title">{messages.devices.empty}</p>
          <p className="mfa-hint">{messages.devices.emptyHint}</p>
        </>
      )}
    </div>
  );
});

export interface DeviceListItemsProps extends Omit<ComponentPropsWithoutRef<'ul'>, 'children'> {
  /** Renders one factor; default `<DeviceList.Item device={device} />`. */
  children?: (device: Device) => ReactNode;
}

/** The `ul` of factors, oldest first, labelled by the title. Renders nothing until there are some. */
export const DeviceListItems = forwardRef<HTMLUListElement, DeviceListItemsProps>(function DeviceListItems(
  { className, children, ...rest },
  ref,
) {
  const { state, devices, titleId } = useDeviceList('Items');
  if (state !== 'ready') return null;
  return (
    <ul ref={ref} className={cx('mfa-device-list-items', className)} aria-labelledby={titleId} {...rest}>
      {devices.map((device) => (
        <Fragment key={device.id}>
          {children ? children(device) : <DeviceListItem device={device} />}
        </Fragment>
      ))}
    </ul>
  );
});

export type DeviceListStatusProps = Omit<ComponentPropsWithoutRef<'div'>, 'role'>;

/** A polite live region that says what the last action did ("Renamed to Work phone."). Always mounted. */
export function DeviceListStatus({ className, ...rest }: DeviceListStatusProps) {
  const { announcement } = useDeviceList('Status');
  return (
    <Alert tone="success" className={cx('mfa-device-list-status', className)} {...rest}>
      {announcement}
    </Alert>
  );
}

export type DeviceListActionsProps = ComponentPropsWithoutRef<'div'>;

/** Holds the Add buttons; shown once the list has loaded. */
export const DeviceListActions = forwardRef<HTMLDivElement, DeviceListActionsProps>(
  function DeviceListActions({ className, children, ...rest }, ref) {
    const { state } = useDeviceList('Actions');
    if (state !== 'ready' && state !== 'empty') return null;
    return (
      <div ref={ref} className={cx('mfa-device-list-actions', className)} {...rest}>
        {children}
      </div>
    );
  },
);
