'use client';
import type { Device } from '@mfa-kit/client';
import { useDevices, useMfa } from '@mfa-kit/react';
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
import { useMessages } from '../config.js';
import { deviceDisplayName } from '../device-name.js';
import type { PartialMessages } from '../i18n/index.js';
import { useComposedRefs } from '../primitives/compose.js';
import { cx } from '../primitives/cx.js';
import { DeviceListProvider, type DeviceListState } from './context.js';

export interface DeviceListRootProps extends ComponentPropsWithoutRef<'section'> {
  /**
   * Treat the policy as requiring a factor (the last one cannot be removed, and its Remove button says
   * why). Default: what the server's policy says (`useMfa().required`); the list also learns it when a
   * removal is refused with `conflict`.
   */
  required?: boolean;
  /** Every action is disabled (e.g. while the page saves something else). Default false. */
  disabled?: boolean;
  /** Called by "Add authenticator app" instead of opening the built-in dialog. */
  onAddTotp?: () => void;
  /** Called by "Add passkey" instead of opening the built-in dialog. */
  onAddPasskey?: () => void;
  messages?: PartialMessages;
  children?: ReactNode;
}

/** Mounting a new observer of the status query refetches it when it failed (React Query's retryOnMount). */
function Refetch() {
  useDevices();
  return null;
}

/** Now, ticking every `intervalMs`. A time after it (a use just now) reads as "just now". */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * Holds the user's factors (useDevices), the policy's enrollable kinds (useMfa) and what the list is
 * doing. Renders a `section` labelled by DeviceList.Title, with `data-state` (`loading`, `error`, `empty`,
 * `ready`) and `aria-busy` while it loads.
 */
export const DeviceListRoot = forwardRef<HTMLElement, DeviceListRootProps>(function DeviceListRoot(
  {
    required: requiredProp,
    disabled = false,
    onAddTotp,
    onAddPasskey,
    messages: override,
    className,
    children,
    ...rest
  },
  forwarded,
) {
  const messages = useMessages(override);
  const { devices, isLoading, rename, remove } = useDevices();
  const { status, error: statusError, enrollableMethods, required: policyRequired } = useMfa();
  const required = requiredProp ?? policyRequired;
  const [attempt, setAttempt] = useState(0);
  const [learnedRequired, setLearnedRequired] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [pendingFocus, setPendingFocus] = useState<{ removedId: string; nextId: string | null } | null>(null);
  const rootRef = useRef<HTMLElement | null>(null);
  const titleRef = useRef<HTMLHeadingElement | null>(null);
  const now = useNow(60_000);
  const base = useId();

  // A user sent to enrolment is under a policy that requires a factor; remember it once they have one.
  useEffect(() => {
    if (status === 'enrollment-required') setLearnedRequired(true);
  }, [status]);

  // After a removal, focus the next row's first action (or the heading) once the row is gone.
  useEffect(() => {
    if (!pendingFocus || devices.some((device) => device.id === pendingFocus.removedId)) return;
    const row = pendingFocus.nextId
      ? rootRef.current?.querySelector(`[data-device-id="${CSS.escape(pendingFocus.nextId)}"]`)
      : null;
    const action = row?.querySelector<HTMLElement>('button:not(:disabled), input:not(:disabled)');
    (action ?? titleRef.current)?.focus();
    setPendingFocus(null);
  }, [pendingFocus, devices]);

  const state: DeviceListState = isLoading
    ? 'loading'
    : status === 'error'
      ? 'error'
      : devices.length === 0
        ? 'empty'
        : 'ready';

  const nameOf = useCallback(
    (device: Device) => deviceDisplayName(device, { messages, devices }),
    [messages, devices],
  );

  const removeDevice = useCallback(
    async (device: Device) => {
      const index = devices.findIndex((candidate) => candidate.id === device.id);
      const next = index === -1 ? undefined : devices[index + 1];
      // Named before it goes: a default name is numbered by the factor's place in the list.
      const name = nameOf(device);
      setAnnouncement('');
      await remove(device.id);
      setAnnouncement(messages.devices.removed(name));
      setPendingFocus({ removedId: device.id, nextId: next?.id ?? null });
    },
    [devices, remove, messages, nameOf],
  );

  const renameDevice = useCallback(
    async (device: Device, name: string) => {
      setAnnouncement('');
      const renamed = await rename(device.id, name);
      setAnnouncement(messages.devices.renamed(nameOf(renamed)));
      return renamed;
    },
    [rename, messages, nameOf],
  );

  const retry = useCallback(() => {
    setAttempt((current) => current + 1);
    // The Retry button goes away with the error: keep focus in the list.
    titleRef.current?.focus();
  }, []);

  const titleId = `${base}-title`;
  return (
    <DeviceListProvider
      state={state}
      devices={devices}
      loadError={state === 'error' ? statusError : null}
      messages={messages}
      nameOf={nameOf}
      now={now}
      disabled={disabled}
      lastFactorLocked={(required || learnedRequired) && devices.length === 1}
      enrollableMethods={enrollableMethods}
      onAddTotp={onAddTotp}
      onAddPasskey={onAddPasskey}
      titleId={titleId}
      descriptionId={`${base}-description`}
      announcement={announcement}
      announce={setAnnouncement}
      retry={retry}
      rename={renameDevice}
      remove={removeDevice}
      learnRequired={setLearnedRequired}
      titleRef={titleRef}
    >
      <section
        ref={useComposedRefs(rootRef, forwarded)}
        className={cx('mfa-root mfa-device-list', className)}
        aria-labelledby={titleId}
        aria-busy={state === 'loading' || undefined}
        data-state={state}
        data-disabled={disabled ? '' : undefined}
        {...rest}
      >
        {children}
        {attempt > 0 ? <Refetch key={attempt} /> : null}
      </section>
    </DeviceListProvider>
  );
});
